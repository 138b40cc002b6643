using System.Text;

namespace VzFast.Generators.Common
{
    internal static class Names
    {
        /// <summary>"DROTR32" -> "Drotr32", "JR.HB" -> "JrHb", "rs" -> "Rs": the one C# spelling of a spec name.</summary>
        public static string Pascal(string name)
        {
            var sb = new StringBuilder();
            bool upper = true;
            foreach (char c in name)
            {
                if (c == '.' || c == '_' || c == '-') { upper = true; continue; }
                sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upper = false;
            }
            return sb.ToString();
        }

        public static string Hex(ulong v) => "0x" + v.ToString("X");
    }
}
