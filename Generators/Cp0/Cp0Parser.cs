using System.Collections.Generic;
using System.Linq;
using VzFast.Generators.Common;
using YamlDotNet.RepresentationModel;

namespace VzFast.Generators.Cp0
{
    /// <summary>cp0.yaml -> Cp0Spec; reports overlapping bitfields, duplicate (reg, sel) and unknown names.</summary>
    internal static class Cp0Parser
    {
        public static Cp0Spec? Parse(YamlDoc doc)
        {
            if (doc.Root == null) return null;
            var spec = new Cp0Spec();
            spec.Namespace = doc.Scalar(YamlDoc.Child(doc.Root, "config"), "namespace") ?? spec.Namespace;

            foreach (var e in doc.Entries(YamlDoc.Child(doc.Root, "enums"), "enums"))
            {
                var values = new List<KeyValuePair<string, ulong>>();
                foreach (var v in doc.Entries(e.Value, "enum '" + e.Key + "'"))
                {
                    if (v.Value is YamlScalarNode s && s.Value != null && YamlDoc.TryParseNumber(s.Value, out ulong n))
                        values.Add(new KeyValuePair<string, ulong>(v.Key, n));
                    else doc.Error(Ids.Schema, "enum value '" + v.Key + "' must be a number", v.Value);
                }
                spec.Enums[e.Key] = values;
            }

            var slots = new Dictionary<int, string>();
            foreach (var r in doc.Entries(YamlDoc.Child(doc.Root, "registers"), "registers"))
            {
                var reg = ParseRegister(doc, spec, r.Key, r.Value);
                if (reg == null) continue;
                if (slots.TryGetValue(reg.Index, out var other))
                {
                    doc.Error(Ids.Overlap, "register '" + reg.Name + "' has the same number and select as '" + other + "'", r.Value);
                    continue;
                }
                slots[reg.Index] = reg.Name;
                spec.Registers.Add(reg);
            }

            var byName = spec.Registers.ToDictionary(r => r.Name);
            foreach (var m in doc.Entries(YamlDoc.Child(doc.Root, "models"), "models"))
            {
                var model = new Cp0Model { Name = m.Key, CsName = ModelCsName(m.Key), Description = doc.Scalar(m.Value, "description") ?? m.Key };
                foreach (var p in doc.Entries(YamlDoc.Child(m.Value, "params"), "params"))
                {
                    if (p.Value is YamlScalarNode s && s.Value != null && YamlDoc.TryParseNumber(s.Value, out ulong n)) model.Params[p.Key] = n;
                    else doc.Error(Ids.Schema, "model parameter '" + p.Key + "' must be a number", p.Value);
                }
                foreach (var p in doc.Entries(YamlDoc.Child(m.Value, "reset"), "reset"))
                {
                    if (!byName.ContainsKey(p.Key)) doc.Error(Ids.UnknownField, "model '" + m.Key + "' resets unknown register '" + p.Key + "'", p.Value);
                    else if (p.Value is YamlScalarNode s && s.Value != null && YamlDoc.TryParseNumber(s.Value, out ulong n)) model.Resets[p.Key] = n;
                    else doc.Error(Ids.Schema, "reset value of '" + p.Key + "' must be a number", p.Value);
                }
                spec.Models.Add(model);
            }
            return spec;
        }

        private static string ModelCsName(string name)
        {
            var s = name.Replace('-', '_').Replace('.', '_');
            return char.IsDigit(s[0]) ? "Cpu" + s : s;
        }

        private static Cp0Register? ParseRegister(YamlDoc doc, Cp0Spec spec, string name, YamlNode node)
        {
            var reg = doc.Number(node, "reg");
            var sel = doc.Number(node, "sel");
            if (reg == null || sel == null || reg > 31 || sel > 7)
            {
                doc.Error(Ids.Schema, "register '" + name + "' needs 'reg' (0-31) and 'sel' (0-7)", node);
                return null;
            }
            var r = new Cp0Register
            {
                Name = name,
                Reg = (int)reg,
                Sel = (int)sel,
                Width = (int)(doc.Number(node, "width") ?? 32),
                Guest = doc.Flag(node, "guest", false),
                Reset = doc.Number(node, "reset") ?? 0,
            };
            if (r.Width != 32 && r.Width != 64) doc.Error(Ids.Schema, "register '" + name + "': width must be 32 or 64", node);
            ulong used = 0;
            foreach (var f in doc.Entries(YamlDoc.Child(node, "fields"), "fields of '" + name + "'"))
            {
                var field = ParseField(doc, spec, r, f.Key, f.Value);
                if (field == null) continue;
                if ((used & field.Mask) != 0)
                {
                    var other = r.Fields.First(x => (x.Mask & field.Mask) != 0);
                    doc.Error(Ids.BitfieldOverlap, "bitfield '" + name + "." + f.Key + "' overlaps '" + name + "." + other.Name + "'", f.Value);
                    continue;
                }
                used |= field.Mask;
                r.Fields.Add(field);
            }
            return r;
        }

        private static Cp0Field? ParseField(YamlDoc doc, Cp0Spec spec, Cp0Register reg, string name, YamlNode node)
        {
            if (name == reg.Name || name == "Value")
            {
                doc.Error(Ids.Schema, "field '" + reg.Name + "." + name + "' may not be named after its register or 'Value'", node);
                return null;
            }
            var bits = doc.Scalar(node, "bits");
            if (bits == null || !doc.TryBits(bits, node, reg.Width, out int hi, out int lo, out _))
            {
                if (bits == null) doc.Error(Ids.Schema, "field '" + reg.Name + "." + name + "' needs 'bits'", node);
                return null;
            }
            var f = new Cp0Field { Name = name, Hi = hi, Lo = lo };
            switch (doc.Scalar(node, "access") ?? "rw")
            {
                case "rw": f.Access = FieldAccess.ReadWrite; break;
                case "ro": f.Access = FieldAccess.ReadOnly; break;
                case "clear-only": f.Access = FieldAccess.ClearOnly; break;
                case "root-only": f.Access = FieldAccess.RootOnly; break;
                default:
                    doc.Error(Ids.Schema, "field '" + reg.Name + "." + name + "': access must be rw, ro, clear-only or root-only", node);
                    break;
            }
            f.WritableMask = f.Mask;
            var writable = doc.Scalar(node, "writable");
            if (writable != null && doc.TryBits(writable, node, reg.Width, out int wh, out int wl, out _))
            {
                ulong wm = wh - wl == 63 ? ulong.MaxValue : ((1UL << (wh - wl + 1)) - 1) << wl;
                if ((wm & ~f.Mask) != 0) doc.Error(Ids.BitfieldOverlap, "field '" + reg.Name + "." + name + "': 'writable' lies outside the field", node);
                f.WritableMask = wm & f.Mask;
            }
            var gsfc = doc.Scalar(node, "gsfc");
            if (gsfc == "yes" || gsfc == "true") f.GsfcMask = f.Mask;
            else if (gsfc != null && doc.TryBits(gsfc, node, reg.Width, out int gh, out int gl, out _))
            {
                ulong gm = gh - gl == 63 ? ulong.MaxValue : ((1UL << (gh - gl + 1)) - 1) << gl;
                if ((gm & ~f.Mask) != 0) doc.Error(Ids.BitfieldOverlap, "field '" + reg.Name + "." + name + "': 'gsfc' lies outside the field", node);
                f.GsfcMask = gm & f.Mask;
            }
            f.Enum = doc.Scalar(node, "enum");
            if (f.Enum != null && !spec.Enums.ContainsKey(f.Enum))
            {
                doc.Error(Ids.UnknownField, "field '" + reg.Name + "." + name + "' names unknown enum '" + f.Enum + "'", node);
                f.Enum = null;
            }
            return f;
        }
    }
}
