using System.Collections.Generic;

namespace VzFast.Generators.Isa
{
    /// <summary>A named bit range of the instruction word, declared once in isa.yaml.</summary>
    internal sealed class IsaField
    {
        public string Name = "";
        public int Hi, Lo;
        public bool Signed;
        public uint Mask => (uint)((((ulong)1 << (Hi - Lo + 1)) - 1) << Lo);
        public int Width => Hi - Lo + 1;
    }

    /// <summary>An operand format named by role (AluImm, Mem, ...): the fields a handler receives.</summary>
    internal sealed class IsaFormat
    {
        public string Name = "";
        public List<IsaField> Fields = new List<IsaField>();
    }

    internal sealed class IsaInstruction
    {
        public string Mnemonic = "";
        public string CsName = "";
        public string Group = "";
        public IsaFormat Format = null!;
        public uint Mask, Match;
        public bool Implemented = true;
        public string? Overrides;
        public int Line;
        public int Index;   // position in the Opcode enum (1-based)
    }

    internal sealed class IsaSpec
    {
        public string Namespace = "VzFast.Cpu";
        public string HandlerClass = "Interpreter";
        public string Reserved = "ReservedInstruction";
        public Dictionary<string, IsaField> Fields = new Dictionary<string, IsaField>();
        public Dictionary<string, IsaFormat> Formats = new Dictionary<string, IsaFormat>();
        public List<IsaInstruction> Instructions = new List<IsaInstruction>();
        public List<string> Groups = new List<string>();
    }
}
