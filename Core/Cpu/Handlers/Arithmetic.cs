using System.Runtime.CompilerServices;
using System.Numerics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. II-A integer arithmetic. 32-bit operations use the low words of their operands and
// sign-extend the 32-bit result into the 64-bit register; ADD/SUB/DADD/DSUB trap on overflow.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Add(Alu3 op)
    {
        int a = (int)R[op.Rs], b = (int)R[op.Rt], sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rd] = (ulong)(long)sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Addu(Alu3 op) => R[op.Rd] = Sext32(R[op.Rs] + R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sub(Alu3 op)
    {
        int a = (int)R[op.Rs], b = (int)R[op.Rt], diff = unchecked(a - b);
        if (((a ^ b) & (a ^ diff)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rd] = (ulong)(long)diff;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Subu(Alu3 op) => R[op.Rd] = Sext32(R[op.Rs] - R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dadd(Alu3 op)
    {
        long a = (long)R[op.Rs], b = (long)R[op.Rt], sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rd] = (ulong)sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Daddu(Alu3 op) => R[op.Rd] = R[op.Rs] + R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsub(Alu3 op)
    {
        long a = (long)R[op.Rs], b = (long)R[op.Rt], diff = unchecked(a - b);
        if (((a ^ b) & (a ^ diff)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rd] = (ulong)diff;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsubu(Alu3 op) => R[op.Rd] = R[op.Rs] - R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Addi(AluImm op)
    {
        int a = (int)R[op.Rs], b = (int)op.Imm, sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rt] = (ulong)(long)sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Addiu(AluImm op) => R[op.Rt] = Sext32(R[op.Rs] + (ulong)op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Daddi(AluImm op)
    {
        long a = (long)R[op.Rs], b = op.Imm, sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0) { RaiseException(ExcCode.Ov); return; }
        R[op.Rt] = (ulong)sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Daddiu(AluImm op) => R[op.Rt] = R[op.Rs] + (ulong)op.Imm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Slt(Alu3 op) => R[op.Rd] = (long)R[op.Rs] < (long)R[op.Rt] ? 1UL : 0UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sltu(Alu3 op) => R[op.Rd] = R[op.Rs] < R[op.Rt] ? 1UL : 0UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Slti(AluImm op) => R[op.Rt] = (long)R[op.Rs] < op.Imm ? 1UL : 0UL;

    // SLTIU compares unsigned against the sign-extended immediate
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Sltiu(AluImm op) => R[op.Rt] = R[op.Rs] < (ulong)op.Imm ? 1UL : 0UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lui(Lui op) => R[op.Rt] = (ulong)(op.Imm << 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Clz(Alu3 op) => R[op.Rd] = (ulong)BitOperations.LeadingZeroCount((uint)R[op.Rs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Clo(Alu3 op) => R[op.Rd] = (ulong)BitOperations.LeadingZeroCount(~(uint)R[op.Rs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dclz(Alu3 op) => R[op.Rd] = (ulong)BitOperations.LeadingZeroCount(R[op.Rs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dclo(Alu3 op) => R[op.Rd] = (ulong)BitOperations.LeadingZeroCount(~R[op.Rs]);
}
