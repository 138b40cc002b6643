using System.Runtime.CompilerServices;
namespace VzFast.Cpu;

// Vol. II-A multiply and divide. The manual leaves division by zero (and INT_MIN / -1) unpredictable;
// like QEMU's gen_muldiv these divide by 1 instead: LO = dividend, HI = 0.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Mult(MulDiv op)
    {
        long p = (long)(int)R[op.Rs] * (int)R[op.Rt];
        S->Lo = Sext32((ulong)p);
        S->Hi = Sext32((ulong)(p >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Multu(MulDiv op)
    {
        ulong p = (ulong)(uint)R[op.Rs] * (uint)R[op.Rt];
        S->Lo = Sext32(p);
        S->Hi = Sext32(p >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Div(MulDiv op)
    {
        int a = (int)R[op.Rs], b = (int)R[op.Rt];
        if (b == 0 || (a == int.MinValue && b == -1)) b = 1;
        S->Lo = (ulong)(long)(a / b);
        S->Hi = (ulong)(long)(a % b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Divu(MulDiv op)
    {
        uint a = (uint)R[op.Rs], b = (uint)R[op.Rt];
        if (b == 0) b = 1;
        S->Lo = Sext32(a / b);
        S->Hi = Sext32(a % b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dmult(MulDiv op)
    {
        S->Hi = (ulong)Math.BigMul((long)R[op.Rs], (long)R[op.Rt], out long low);
        S->Lo = (ulong)low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dmultu(MulDiv op)
    {
        S->Hi = Math.BigMul(R[op.Rs], R[op.Rt], out ulong low);
        S->Lo = low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ddiv(MulDiv op)
    {
        long a = (long)R[op.Rs], b = (long)R[op.Rt];
        if (b == 0 || (a == long.MinValue && b == -1)) b = 1;
        S->Lo = (ulong)(a / b);
        S->Hi = (ulong)(a % b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ddivu(MulDiv op)
    {
        ulong a = R[op.Rs], b = R[op.Rt];
        if (b == 0) b = 1;
        S->Lo = a / b;
        S->Hi = a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Mfhi(FromHiLo op) => R[op.Rd] = S->Hi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Mflo(FromHiLo op) => R[op.Rd] = S->Lo;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Mthi(ToHiLo op) => S->Hi = R[op.Rs];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Mtlo(ToHiLo op) => S->Lo = R[op.Rs];

    // MUL (SPECIAL2): low word of the product into rd; HI and LO are left as they were (as QEMU)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Mul(Alu3 op) => R[op.Rd] = Sext32((ulong)((long)(int)R[op.Rs] * (int)R[op.Rt]));

    /// <summary>HI:LO as one 64-bit accumulator (the low words of each).</summary>
    private ulong Accumulator
    {
        get => (S->Hi << 32) | (uint)S->Lo;
        set
        {
            S->Lo = Sext32(value);
            S->Hi = Sext32(value >> 32);
        }
    }

    // MADD/MSUB multiply the whole registers (as QEMU; the same for sign-extended inputs)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Madd(MulDiv op) => Accumulator += R[op.Rs] * R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Maddu(MulDiv op) => Accumulator += (ulong)(uint)R[op.Rs] * (uint)R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Msub(MulDiv op) => Accumulator -= R[op.Rs] * R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Msubu(MulDiv op) => Accumulator -= (ulong)(uint)R[op.Rs] * (uint)R[op.Rt];
}
