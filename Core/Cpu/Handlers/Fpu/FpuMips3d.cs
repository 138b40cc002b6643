using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// The MIPS-3D ASE (MIPS-3D specification; QEMU's fpu_helper.c as the reference): reduction add and
// multiply across a pair, the reciprocal and reciprocal-square-root first steps (a full-precision
// 1/x and 1/sqrt(x) here, as QEMU) and second steps (-(a*b - 1), -(a*b - 1)/2), conversions
// between paired singles and paired words, CABS.cond (compare magnitudes) and BC1ANY2/BC1ANY4.
// All need the 64-bit register model (QEMU's check_cp1_64bitmode).
public sealed unsafe partial class CpuCore
{
    private const uint Two32 = 0x4000_0000;
    private const ulong Two64 = 0x4000_0000_0000_0000UL;

    private static uint Recip2(uint a, uint b, int rm, ref int f) => SoftFloat.Sub32(SoftFloat.Mul32(a, b, rm, ref f), One32, rm, ref f) ^ 0x8000_0000;
    private static ulong Recip2(ulong a, ulong b, int rm, ref int f) => SoftFloat.Sub64(SoftFloat.Mul64(a, b, rm, ref f), One64, rm, ref f) ^ 0x8000_0000_0000_0000UL;
    private static uint Rsqrt2(uint a, uint b, int rm, ref int f) =>
        SoftFloat.Div32(SoftFloat.Sub32(SoftFloat.Mul32(a, b, rm, ref f), One32, rm, ref f), Two32, rm, ref f) ^ 0x8000_0000;
    private static ulong Rsqrt2(ulong a, ulong b, int rm, ref int f) =>
        SoftFloat.Div64(SoftFloat.Sub64(SoftFloat.Mul64(a, b, rm, ref f), One64, rm, ref f), Two64, rm, ref f) ^ 0x8000_0000_0000_0000UL;
    private static uint Recip1(uint a, uint _, int rm, ref int f) => SoftFloat.Div32(One32, a, rm, ref f);
    private static ulong Recip1(ulong a, ulong _, int rm, ref int f) => SoftFloat.Div64(One64, a, rm, ref f);
    // a square root, then a division: two roundings, as QEMU
    private static uint Rsqrt1(uint a, uint _, int rm, ref int f) => SoftFloat.Div32(One32, SoftFloat.Sqrt32(a, rm, ref f), rm, ref f);
    private static ulong Rsqrt1(ulong a, ulong _, int rm, ref int f) => SoftFloat.Div64(One64, SoftFloat.Sqrt64(a, rm, ref f), rm, ref f);

    /// <summary>True (an exception raised) unless the FPU is usable and the CPU has MIPS-3D (FIR.3D; else Reserved Instruction, QEMU's check_insn).</summary>
    private bool Mips3dMissing()
    {
        if (!FpuUsable()) return true;
        if (Model.HasMips3d) return false;
        RaiseException(VzFast.Cp0.ExcCode.RI);
        return true;
    }

    private void Step32(int fs, int ft, int fd, Op32 op)
    {
        if (Fpu64BitMode()) Binary32(fs, ft, fd, op);
    }

    private void Step64(int fs, int ft, int fd, Op64 op)
    {
        if (Fpu64BitMode()) Binary64(fs, ft, fd, op);
    }

    private partial void Recip2S(Fp3 op) { if (!Mips3dMissing()) Step32(op.Fs, op.Ft, op.Fd, Recip2); }
    private partial void Recip2D(Fp3 op) { if (!Mips3dMissing()) Step64(op.Fs, op.Ft, op.Fd, Recip2); }
    private partial void Recip2Ps(Fp3 op) { if (!Mips3dMissing()) BinaryPs(op.Fs, op.Ft, op.Fd, Recip2); }
    private partial void Rsqrt2S(Fp3 op) { if (!Mips3dMissing()) Step32(op.Fs, op.Ft, op.Fd, Rsqrt2); }
    private partial void Rsqrt2D(Fp3 op) { if (!Mips3dMissing()) Step64(op.Fs, op.Ft, op.Fd, Rsqrt2); }
    private partial void Rsqrt2Ps(Fp3 op) { if (!Mips3dMissing()) BinaryPs(op.Fs, op.Ft, op.Fd, Rsqrt2); }
    private partial void Recip1S(Fp2 op) { if (!Mips3dMissing()) Step32(op.Fs, op.Fs, op.Fd, Recip1); }
    private partial void Recip1D(Fp2 op) { if (!Mips3dMissing()) Step64(op.Fs, op.Fs, op.Fd, Recip1); }
    private partial void Recip1Ps(Fp2 op) { if (!Mips3dMissing()) BinaryPs(op.Fs, op.Fs, op.Fd, Recip1); }
    private partial void Rsqrt1S(Fp2 op) { if (!Mips3dMissing()) Step32(op.Fs, op.Fs, op.Fd, Rsqrt1); }
    private partial void Rsqrt1D(Fp2 op) { if (!Mips3dMissing()) Step64(op.Fs, op.Fs, op.Fd, Rsqrt1); }
    private partial void Rsqrt1Ps(Fp2 op) { if (!Mips3dMissing()) BinaryPs(op.Fs, op.Fs, op.Fd, Rsqrt1); }

    /// <summary>ADDR.PS/MULR.PS: fd.PU from fs's two halves, fd.PL from ft's (as QEMU orders them).</summary>
    private void ReducePs(Fp3 op, Op32 f)
    {
        if (!FpuPs()) return;
        int flags = 0, rm = RoundingMode;
        ulong a = S->Fpr[op.Fs], b = S->Fpr[op.Ft];
        uint hi = f(Pl(a), Pu(a), rm, ref flags), lo = f(Pl(b), Pu(b), rm, ref flags);
        if (FpuDone(flags)) S->Fpr[op.Fd] = Pair(hi, lo);
    }

    private partial void AddrPs(Fp3 op) { if (!Mips3dMissing()) ReducePs(op, SoftFloat.Add32); }
    private partial void MulrPs(Fp3 op) { if (!Mips3dMissing()) ReducePs(op, SoftFloat.Mul32); }

    private partial void CvtPwPs(Fp2 op)
    {
        if (Mips3dMissing()) return;
        if (!FpuPs()) return;
        int flags = 0, rm = RoundingMode;
        ulong a = S->Fpr[op.Fs];
        uint lo = (uint)SoftFloat.ToInt(SingleValue(Pl(a)), false, rm, ref flags), hi = (uint)SoftFloat.ToInt(SingleValue(Pu(a)), false, rm, ref flags);
        if (FpuDone(flags)) S->Fpr[op.Fd] = Pair(hi, lo);
    }

    private partial void CvtPsPw(Fp2 op)
    {
        if (Mips3dMissing()) return;
        if (!FpuPs()) return;
        int flags = 0, rm = RoundingMode;
        ulong a = S->Fpr[op.Fs];
        uint lo = (uint)SoftFloat.FromInt64((int)Pl(a), false, rm, ref flags), hi = (uint)SoftFloat.FromInt64((int)Pu(a), false, rm, ref flags);
        if (FpuDone(flags)) S->Fpr[op.Fd] = Pair(hi, lo);
    }

    private partial void CabsS(FpCmp op)
    {
        if (Mips3dMissing()) return;
        if (Fpu64BitMode()) CompareS(op, true);
    }

    private partial void CabsD(FpCmp op)
    {
        if (Mips3dMissing()) return;
        if (Fpu64BitMode()) CompareD(op, true);
    }

    private partial void CabsPs(FpCmp op)
    {
        if (Mips3dMissing()) return;
        if (FpuPs()) ComparePs(op, true);
    }

    private bool AnyCc(int first, int count, bool value)
    {
        for (int i = 0; i < count; i++)
            if (Cc(first + i) == value) return true;
        return false;
    }

    private partial void Bc1any2f(FpBranch op) { if (!Mips3dMissing()) { if (Fpu64BitMode()) Branch(AnyCc(op.Bcc, 2, false), op.Imm); } }
    private partial void Bc1any2t(FpBranch op) { if (!Mips3dMissing()) { if (Fpu64BitMode()) Branch(AnyCc(op.Bcc, 2, true), op.Imm); } }
    private partial void Bc1any4f(FpBranch op) { if (!Mips3dMissing()) { if (Fpu64BitMode()) Branch(AnyCc(op.Bcc, 4, false), op.Imm); } }
    private partial void Bc1any4t(FpBranch op) { if (!Mips3dMissing()) { if (Fpu64BitMode()) Branch(AnyCc(op.Bcc, 4, true), op.Imm); } }
}
