using VzFast.Cpu;

namespace VzFast.Tests.Support;

/// <summary>A tiny assembler over the spec: an opcode's fixed bits plus named operand fields.</summary>
public static class Asm
{
    public static uint Encode(Opcode op, params (string Field, long Value)[] fields)
    {
        uint word = OpcodeInfo.Matches[(int)op];
        var layout = OpcodeInfo.Operands[(int)op];
        foreach (var (name, value) in fields)
        {
            var f = layout.FirstOrDefault(x => x.Name == name);
            if (f.Name == null) throw new ArgumentException($"{op} has no operand '{name}'");
            uint mask = f.Width == 32 ? uint.MaxValue : (1u << f.Width) - 1;
            bool fits = f.Signed ? value >= -(1L << (f.Width - 1)) && value < (1L << (f.Width - 1)) : value >= 0 && value <= mask;
            if (!fits) throw new ArgumentOutOfRangeException(name, $"{value} does not fit {f.Width} bits");
            word |= ((uint)value & mask) << f.Lo;
        }
        return word;
    }

    // Register-register: rd = rs op rt
    public static uint R3(Opcode op, int rd, int rs, int rt) => Encode(op, ("rd", rd), ("rs", rs), ("rt", rt));

    // Immediate: rt = rs op imm
    public static uint I(Opcode op, int rt, int rs, long imm) =>
        Encode(op, ("rt", rt), ("rs", rs), (OpcodeInfo.Operands[(int)op].Any(f => f.Name == "uimm") ? "uimm" : "imm", imm));

    public static uint Shift(Opcode op, int rd, int rt, int sa) => Encode(op, ("rd", rd), ("rt", rt), ("sa", sa));

    public static uint Mem(Opcode op, int rt, int bas, long offset) => Encode(op, ("rt", rt), ("base", bas), ("imm", offset));

    public static uint Lui(int rt, long imm) => Encode(Opcode.Lui, ("rt", rt), ("imm", imm));

    public static uint Nop => 0;
}
