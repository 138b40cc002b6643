namespace VzFast.Cpu;

/// <summary>
/// Encodes instructions from the spec: an opcode's fixed bits plus named operand fields
/// (OpcodeInfo.Operands). Used for the boot stub the board writes into ROM, and by tests.
/// </summary>
public static class Assembler
{
    public static uint Encode(Opcode op, params (string Field, long Value)[] fields)
    {
        uint word = OpcodeInfo.Matches[(int)op];
        var layout = OpcodeInfo.Operands[(int)op];
        foreach (var (name, value) in fields)
        {
            var f = Array.Find(layout, x => x.Name == name);
            if (f.Name == null) throw new ArgumentException($"{op} has no operand '{name}'");
            uint mask = f.Width == 32 ? uint.MaxValue : (1u << f.Width) - 1;
            bool fits = f.Signed ? value >= -(1L << (f.Width - 1)) && value < (1L << (f.Width - 1)) : value >= 0 && value <= mask;
            if (!fits) throw new ArgumentOutOfRangeException(name, $"{value} does not fit the {f.Width}-bit field of {op}");
            word |= ((uint)value & mask) << f.Lo;
        }
        return word;
    }

    public static uint R3(Opcode op, int rd, int rs, int rt) => Encode(op, ("rd", rd), ("rs", rs), ("rt", rt));

    public static uint I(Opcode op, int rt, int rs, long imm) =>
        Encode(op, ("rt", rt), ("rs", rs), (Array.Exists(OpcodeInfo.Operands[(int)op], f => f.Name == "uimm") ? "uimm" : "imm", imm));

    public static uint Shift(Opcode op, int rd, int rt, int sa) => Encode(op, ("rd", rd), ("rt", rt), ("sa", sa));

    public static uint Mem(Opcode op, int rt, int baseReg, long offset) => Encode(op, ("rt", rt), ("base", baseReg), ("imm", offset));

    public static uint Lui(int rt, long imm) => Encode(Opcode.Lui, ("rt", rt), ("imm", imm));

    public static uint Ori(int rt, int rs, uint imm) => Encode(Opcode.Ori, ("rt", rt), ("rs", rs), ("uimm", imm));

    public static uint Jalr(int rs, int rd = 31) => Encode(Opcode.Jalr, ("rs", rs), ("rd", rd));

    public static uint Nop => 0;

    /// <summary>Loads a full 64-bit constant: lui/ori then two dsll-16/ori steps (6 instructions).</summary>
    public static IEnumerable<uint> LoadConstant(int rt, ulong value)
    {
        yield return Lui(rt, (short)(value >> 48));
        yield return Ori(rt, rt, (uint)(value >> 32) & 0xFFFF);
        yield return Shift(Opcode.Dsll, rt, rt, 16);
        yield return Ori(rt, rt, (uint)(value >> 16) & 0xFFFF);
        yield return Shift(Opcode.Dsll, rt, rt, 16);
        yield return Ori(rt, rt, (uint)value & 0xFFFF);
    }
}
