namespace VzFast.Cpu.Engines.Blocks;

/// <summary>
/// The instructions the block engine runs from their decoded operands inside its loop instead of
/// calling their handlers: register arithmetic, and loads and stores on a software-TLB hit (a miss
/// goes to the handler with the loop's bookkeeping). The expressions are the handlers' own
/// (Core/Cpu/Handlers).
/// </summary>
internal enum FastOp : byte
{
    None,
    // rA = f(rB, rC)
    Addu, Daddu, Subu, Dsubu, And, Or, Xor, Nor, Slt, Sltu, Movz, Movn,
    // rA = f(rB, Imm)
    Addiu, Daddiu, Andi, Ori, Xori, Slti, Sltiu,
    // rA = f(rB, shift amount Imm)
    Sll, Srl, Sra, Dsll, Dsrl, Dsra,
    // rA = Imm
    Const,
    // branches and jumps whose delay slot the block holds: to Imm (taken) or on; Jr/Jalr to rB
    Beq, Bne, Blez, Bgtz, Bltz, Bgez, Jump, JumpLink, Jr, Jalr,
    // rA = load(rB + Imm); store(rB + Imm, rA)
    Lb, Lbu, Lh, Lhu, Lw, Lwu, Ld, Sb, Sh, Sw, Sd,
}

internal static class FastOps
{
    /// <summary>The fast form of <paramref name="op"/> with operands A (destination or stored register), B, C and Imm; None when there is none.</summary>
    public static (FastOp Op, byte A, byte B, byte C, long Imm) Of(Opcode op, uint w, ulong at)
    {
        byte rs = (byte)((w >> 21) & 31), rt = (byte)((w >> 16) & 31), rd = (byte)((w >> 11) & 31);
        int sa = (int)(w >> 6) & 31;
        long simm = (short)w, uimm = (ushort)w;
        (FastOp, byte, byte, byte, long) R3(FastOp f) => (f, rd, rs, rt, 0);
        (FastOp, byte, byte, byte, long) Imm(FastOp f, long imm) => (f, rt, rs, 0, imm);
        (FastOp, byte, byte, byte, long) Sh(FastOp f, int amount) => (f, rd, rt, 0, amount);
        (FastOp, byte, byte, byte, long) Mem(FastOp f) => (f, rt, rs, 0, simm);
        long relative = (long)(at + 4) + (simm << 2), region = (long)(((at + 4) & ~0x0FFF_FFFFUL) | ((ulong)(w & 0x03FF_FFFF) << 2));
        (FastOp, byte, byte, byte, long) Br(FastOp f) => (f, 0, rs, rt, relative);
        var r = op switch
        {
            Opcode.Beq => Br(FastOp.Beq),
            Opcode.Bne => Br(FastOp.Bne),
            Opcode.Blez => Br(FastOp.Blez),
            Opcode.Bgtz => Br(FastOp.Bgtz),
            Opcode.Bltz => Br(FastOp.Bltz),
            Opcode.Bgez => Br(FastOp.Bgez),
            Opcode.B => Br(FastOp.Jump),
            Opcode.Bal => (FastOp.JumpLink, (byte)31, (byte)0, (byte)0, relative),
            Opcode.J => (FastOp.Jump, (byte)0, (byte)0, (byte)0, region),
            Opcode.Jal => (FastOp.JumpLink, (byte)31, (byte)0, (byte)0, region),
            Opcode.Jr or Opcode.JrHb => (FastOp.Jr, (byte)0, rs, (byte)0, 0L),
            Opcode.Jalr or Opcode.JalrHb => (rd == 0 ? FastOp.Jr : FastOp.Jalr, rd, rs, (byte)0, 0L),
            Opcode.Addu => R3(FastOp.Addu),
            Opcode.Daddu => R3(FastOp.Daddu),
            Opcode.Subu => R3(FastOp.Subu),
            Opcode.Dsubu => R3(FastOp.Dsubu),
            Opcode.And => R3(FastOp.And),
            Opcode.Or => R3(FastOp.Or),
            Opcode.Xor => R3(FastOp.Xor),
            Opcode.Nor => R3(FastOp.Nor),
            Opcode.Slt => R3(FastOp.Slt),
            Opcode.Sltu => R3(FastOp.Sltu),
            Opcode.Movz => R3(FastOp.Movz),
            Opcode.Movn => R3(FastOp.Movn),
            Opcode.Addiu => Imm(FastOp.Addiu, simm),
            Opcode.Daddiu => Imm(FastOp.Daddiu, simm),
            Opcode.Andi => Imm(FastOp.Andi, uimm),
            Opcode.Ori => Imm(FastOp.Ori, uimm),
            Opcode.Xori => Imm(FastOp.Xori, uimm),
            Opcode.Slti => Imm(FastOp.Slti, simm),
            Opcode.Sltiu => Imm(FastOp.Sltiu, simm),
            Opcode.Lui => (FastOp.Const, rt, (byte)0, (byte)0, simm << 16),
            Opcode.Sll => Sh(FastOp.Sll, sa),
            Opcode.Srl => Sh(FastOp.Srl, sa),
            Opcode.Sra => Sh(FastOp.Sra, sa),
            Opcode.Dsll => Sh(FastOp.Dsll, sa),
            Opcode.Dsrl => Sh(FastOp.Dsrl, sa),
            Opcode.Dsra => Sh(FastOp.Dsra, sa),
            Opcode.Dsll32 => Sh(FastOp.Dsll, sa + 32),
            Opcode.Dsrl32 => Sh(FastOp.Dsrl, sa + 32),
            Opcode.Dsra32 => Sh(FastOp.Dsra, sa + 32),
            Opcode.Lb => Mem(FastOp.Lb),
            Opcode.Lbu => Mem(FastOp.Lbu),
            Opcode.Lh => Mem(FastOp.Lh),
            Opcode.Lhu => Mem(FastOp.Lhu),
            Opcode.Lw => Mem(FastOp.Lw),
            Opcode.Lwu => Mem(FastOp.Lwu),
            Opcode.Ld => Mem(FastOp.Ld),
            Opcode.Sb => Mem(FastOp.Sb),
            Opcode.Sh => Mem(FastOp.Sh),
            Opcode.Sw => Mem(FastOp.Sw),
            Opcode.Sd => Mem(FastOp.Sd),
            _ => (FastOp.None, (byte)0, (byte)0, (byte)0, 0L),
        };
        // a write to $0 is dropped by the loop: left to the handler (and its $0 clearing)
        if (r.Item1 is not (FastOp.None or >= FastOp.Sb or (>= FastOp.Beq and <= FastOp.Jr)) && r.Item2 == 0) return default;
        return r;
    }

    public static bool IsBranch(FastOp f) => f is >= FastOp.Beq and <= FastOp.Jalr;
}
