using System.Text;

namespace VzFast.Generators.Common
{
    /// <summary>Indented text writer for emitted C#.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _indent;

        public CodeWriter Line(string text = "")
        {
            if (text.Length > 0) _sb.Append(' ', _indent * 4);
            _sb.Append(text).Append('\n');
            return this;
        }

        public CodeWriter Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
            return this;
        }

        public void Indent() => _indent++;

        public void Outdent() => _indent--;

        public override string ToString() => _sb.ToString();
    }
}
