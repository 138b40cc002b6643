using VzFast.Cpu;

namespace VzFast.Tests.Support;

/// <summary>Encodings the VZ tests' guest code uses, by name.</summary>
public static class GuestAsm
{
    public static uint Mfc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Mfc0, ("rt", rt), ("rd", rd), ("sel", sel));
    public static uint Dmfc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Dmfc0, ("rt", rt), ("rd", rd), ("sel", sel));
    public static uint Mtc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Mtc0, ("rt", rt), ("rd", rd), ("sel", sel));
    public static uint WaitInstr => Assembler.Encode(Opcode.Wait);
    public static uint Eret => Assembler.Encode(Opcode.Eret);
    public static uint Cache(int op, int baseReg, long offset) => Assembler.Encode(Opcode.Cache, ("op", op), ("base", baseReg), ("imm", offset));
    public static uint Rdhwr(int rt, int rd) => Assembler.Encode(Opcode.Rdhwr, ("rt", rt), ("rd", rd));
    public static uint Ori(int rt, int rs, uint imm) => Assembler.Ori(rt, rs, imm);
    public static uint Addiu(int rt, int rs, long imm) => Assembler.I(Opcode.Addiu, rt, rs, imm);
    public static uint Daddu(int rd, int rs, int rt) => Assembler.R3(Opcode.Daddu, rd, rs, rt);
    public static uint Mem(Opcode op, int rt, int baseReg, long offset) => Assembler.Mem(op, rt, baseReg, offset);
    public static uint Beq(int rs, int rt, long offsetWords) => Assembler.Encode(Opcode.Beq, ("rs", rs), ("rt", rt), ("imm", offsetWords));
    public static IEnumerable<uint> Li(int rt, ulong value) => Assembler.LoadConstant(rt, value);
}
