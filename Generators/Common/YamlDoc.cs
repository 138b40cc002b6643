using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VzFast.Generators.Common
{
    /// <summary>Reads a spec with YamlDotNet and collects errors with their line numbers.</summary>
    internal sealed class YamlDoc
    {
        public string Path { get; }
        public List<SpecDiagnostic> Errors { get; } = new List<SpecDiagnostic>();
        public YamlMappingNode? Root { get; }

        public YamlDoc(string path, string text)
        {
            Path = path;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
                    Error(Ids.Schema, "spec must be a YAML mapping", null);
                else
                    Root = root;
            }
            catch (YamlException e)
            {
                Errors.Add(new SpecDiagnostic(Ids.Yaml, "YAML error: " + e.Message, path, (int)e.Start.Line, (int)e.Start.Column));
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet reports some truncated documents this way, without a position.
                Errors.Add(new SpecDiagnostic(Ids.Yaml, "YAML error: the document is incomplete (" + e.Message + ")", path, 1, 1));
            }
        }

        public void Error(string id, string message, YamlNode? at)
        {
            int line = at == null ? 1 : (int)at.Start.Line;
            int col = at == null ? 1 : (int)at.Start.Column;
            Errors.Add(new SpecDiagnostic(id, message, Path, line, col));
        }

        public IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlNode? node, string what)
        {
            if (node == null) yield break;
            if (node is not YamlMappingNode map)
            {
                Error(Ids.Schema, what + " must be a mapping", node);
                yield break;
            }
            foreach (var kv in map.Children)
                yield return new KeyValuePair<string, YamlNode>(((YamlScalarNode)kv.Key).Value ?? "", kv.Value);
        }

        public static YamlNode? Child(YamlNode? node, string key)
        {
            if (node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v)) return v;
            return null;
        }

        public string? Scalar(YamlNode? node, string key)
        {
            var c = Child(node, key);
            if (c == null) return null;
            if (c is YamlScalarNode s) return s.Value;
            Error(Ids.Schema, "'" + key + "' must be a scalar", c);
            return null;
        }

        public bool Flag(YamlNode? node, string key, bool fallback)
        {
            var s = Scalar(node, key);
            if (s == null) return fallback;
            switch (s)
            {
                case "true": case "yes": return true;
                case "false": case "no": return false;
            }
            Error(Ids.Schema, "'" + key + "' must be true or false", Child(node, key));
            return fallback;
        }

        public ulong? Number(YamlNode? node, string key)
        {
            var s = Scalar(node, key);
            if (s == null) return null;
            if (TryParseNumber(s, out ulong v)) return v;
            Error(Ids.Schema, "'" + key + "' is not a number: " + s, Child(node, key));
            return null;
        }

        public static bool TryParseNumber(string s, out ulong v)
        {
            s = s.Replace("_", "");
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return ulong.TryParse(s.Substring(2), System.Globalization.NumberStyles.HexNumber, null, out v);
            if (s.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                v = 0;
                foreach (char ch in s.Substring(2))
                {
                    if (ch != '0' && ch != '1') return false;
                    v = (v << 1) | (ch == '1' ? 1UL : 0UL);
                }
                return s.Length > 2;
            }
            return ulong.TryParse(s, out v);
        }

        /// <summary>Parses "hi:lo" or "bit", with an optional trailing 's' (signed).</summary>
        public bool TryBits(string text, YamlNode at, int width, out int hi, out int lo, out bool signed)
        {
            hi = lo = 0;
            signed = text.EndsWith("s", StringComparison.Ordinal);
            var core = signed ? text.Substring(0, text.Length - 1) : text;
            var parts = core.Split(':');
            bool ok = parts.Length is 1 or 2 && int.TryParse(parts[0], out hi);
            lo = hi;
            if (ok && parts.Length == 2) ok = int.TryParse(parts[1], out lo);
            if (!ok || lo < 0 || hi < lo || hi >= width)
            {
                Error(Ids.Schema, "bad bit range '" + text + "' (want \"hi:lo\" within " + width + " bits)", at);
                return false;
            }
            return true;
        }
    }
}
