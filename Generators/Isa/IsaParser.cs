using System.Collections.Generic;
using System.Linq;
using VzFast.Generators.Common;
using YamlDotNet.RepresentationModel;

namespace VzFast.Generators.Isa
{
    /// <summary>isa.yaml -> IsaSpec, reporting schema errors, unknown fields and overlapping encodings.</summary>
    internal static class IsaParser
    {
        public static IsaSpec? Parse(YamlDoc doc)
        {
            if (doc.Root == null) return null;
            var spec = new IsaSpec();
            var config = YamlDoc.Child(doc.Root, "config");
            spec.Namespace = doc.Scalar(config, "namespace") ?? spec.Namespace;
            spec.HandlerClass = doc.Scalar(config, "handlers") ?? spec.HandlerClass;
            spec.Reserved = doc.Scalar(config, "reserved") ?? spec.Reserved;

            foreach (var kv in doc.Entries(YamlDoc.Child(doc.Root, "fields"), "fields"))
            {
                if (kv.Value is not YamlScalarNode s || s.Value == null)
                {
                    doc.Error(Ids.Schema, "field '" + kv.Key + "' must be a bit range string", kv.Value);
                    continue;
                }
                if (doc.TryBits(s.Value, kv.Value, 32, out int hi, out int lo, out bool signed))
                    spec.Fields[kv.Key] = new IsaField { Name = kv.Key, Hi = hi, Lo = lo, Signed = signed };
            }

            foreach (var kv in doc.Entries(YamlDoc.Child(doc.Root, "formats"), "formats"))
            {
                var fmt = new IsaFormat { Name = kv.Key };
                if (kv.Value is YamlSequenceNode seq)
                {
                    foreach (var item in seq.Children)
                    {
                        var name = (item as YamlScalarNode)?.Value ?? "";
                        if (spec.Fields.TryGetValue(name, out var f))
                        {
                            if (Names.Pascal(name) == kv.Key)
                                doc.Error(Ids.Schema, "format '" + kv.Key + "' may not hold a field of its own name ('" + name + "')", item);
                            else fmt.Fields.Add(f);
                        }
                        else doc.Error(Ids.UnknownField, "format '" + kv.Key + "' names unknown field '" + name + "'", item);
                    }
                }
                else doc.Error(Ids.Schema, "format '" + kv.Key + "' must be a list of field names", kv.Value);
                spec.Formats[kv.Key] = fmt;
            }

            var seen = new HashSet<string>();
            foreach (var group in doc.Entries(YamlDoc.Child(doc.Root, "instructions"), "instructions"))
            {
                spec.Groups.Add(group.Key);
                foreach (var kv in doc.Entries(group.Value, "group '" + group.Key + "'"))
                {
                    var insn = ParseInstruction(doc, spec, group.Key, kv.Key, kv.Value);
                    if (insn == null) continue;
                    if (!seen.Add(insn.Mnemonic))
                    {
                        doc.Error(Ids.Schema, "instruction '" + insn.Mnemonic + "' is declared twice", kv.Value);
                        continue;
                    }
                    insn.Index = spec.Instructions.Count + 1;
                    spec.Instructions.Add(insn);
                }
            }
            if (spec.Instructions.Count == 0) doc.Error(Ids.Schema, "no instructions declared", doc.Root);
            CheckOverlaps(doc, spec);
            return spec;
        }

        private static IsaInstruction? ParseInstruction(YamlDoc doc, IsaSpec spec, string group, string mnemonic, YamlNode node)
        {
            var fmtName = doc.Scalar(node, "fmt");
            var bits = doc.Scalar(node, "bits");
            if (fmtName == null || bits == null)
            {
                doc.Error(Ids.Schema, "instruction '" + mnemonic + "' needs 'fmt' and 'bits'", node);
                return null;
            }
            if (!spec.Formats.TryGetValue(fmtName, out var fmt))
            {
                doc.Error(Ids.UnknownField, "instruction '" + mnemonic + "' uses unknown format '" + fmtName + "'", node);
                return null;
            }
            var pattern = bits.Replace(" ", "");
            if (pattern.Length != 32 || pattern.Any(c => c != '0' && c != '1' && c != '.'))
            {
                doc.Error(Ids.Schema, "instruction '" + mnemonic + "': bits must be 32 of 0, 1 or '.' (got " + pattern.Length + ")", node);
                return null;
            }
            uint mask = 0, match = 0;
            for (int i = 0; i < 32; i++)
            {
                char c = pattern[i];
                if (c == '.') continue;
                uint bit = 1u << (31 - i);
                mask |= bit;
                if (c == '1') match |= bit;
            }
            foreach (var f in fmt.Fields)
            {
                if ((f.Mask & mask) != 0)
                    doc.Error(Ids.Schema, "instruction '" + mnemonic + "': field '" + f.Name + "' of format '" + fmt.Name + "' covers fixed bits", node);
            }
            return new IsaInstruction
            {
                Mnemonic = mnemonic,
                CsName = Names.Pascal(mnemonic),
                Group = group,
                Format = fmt,
                Mask = mask,
                Match = match,
                Implemented = doc.Flag(node, "impl", true),
                Overrides = doc.Scalar(node, "overrides"),
                Line = (int)node.Start.Line,
            };
        }

        /// <summary>Whether <paramref name="a"/> overrides <paramref name="b"/> directly or through a chain of overrides (CTCMSA of SLDI of MSA).</summary>
        private static bool Refines(Dictionary<string, IsaInstruction> byName, IsaInstruction a, IsaInstruction b)
        {
            for (int depth = 0; a.Overrides != null && depth < 8; depth++)
            {
                if (a.Overrides == b.Mnemonic) return true;
                if (!byName.TryGetValue(a.Overrides, out a!)) return false;
            }
            return false;
        }

        /// <summary>Two encodings overlap when some word matches both; only an explicit, strictly narrower 'overrides' (or a chain of them) may.</summary>
        private static void CheckOverlaps(YamlDoc doc, IsaSpec spec)
        {
            var byName = spec.Instructions.ToDictionary(i => i.Mnemonic);
            foreach (var i in spec.Instructions)
            {
                if (i.Overrides == null) continue;
                if (!byName.TryGetValue(i.Overrides, out var baseInsn))
                    doc.Error(Ids.Schema, "'" + i.Mnemonic + "' overrides unknown instruction '" + i.Overrides + "'", null);
                else if ((i.Mask & baseInsn.Mask) != baseInsn.Mask || i.Mask == baseInsn.Mask || ((i.Match ^ baseInsn.Match) & baseInsn.Mask) != 0)
                    doc.Error(Ids.Overlap, "'" + i.Mnemonic + "' must be a strict special case of '" + i.Overrides + "' to override it", null);
            }
            var list = spec.Instructions;
            for (int a = 0; a < list.Count; a++)
            {
                for (int b = a + 1; b < list.Count; b++)
                {
                    var x = list[a];
                    var y = list[b];
                    if (((x.Match ^ y.Match) & x.Mask & y.Mask) != 0) continue;
                    if (Refines(byName, x, y) || Refines(byName, y, x)) continue;
                    uint word = (x.Match | y.Match);
                    doc.Errors.Add(new SpecDiagnostic(Ids.Overlap,
                        "encodings of '" + x.Mnemonic + "' and '" + y.Mnemonic + "' overlap (word " + Names.Hex(word) + " matches both)",
                        doc.Path, y.Line, 1));
                }
            }
        }
    }
}
