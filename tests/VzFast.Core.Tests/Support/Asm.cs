using VzFast.Cpu;

namespace VzFast.Tests.Support;

/// <summary>Short names over Core's spec-driven Assembler for test code.</summary>
public static class Asm
{
    public static uint Encode(Opcode op, params (string Field, long Value)[] fields) => Assembler.Encode(op, fields);

    public static uint R3(Opcode op, int rd, int rs, int rt) => Assembler.R3(op, rd, rs, rt);

    public static uint I(Opcode op, int rt, int rs, long imm) => Assembler.I(op, rt, rs, imm);

    public static uint Shift(Opcode op, int rd, int rt, int sa) => Assembler.Shift(op, rd, rt, sa);

    public static uint Mem(Opcode op, int rt, int bas, long offset) => Assembler.Mem(op, rt, bas, offset);

    public static uint Lui(int rt, long imm) => Assembler.Lui(rt, imm);
}
