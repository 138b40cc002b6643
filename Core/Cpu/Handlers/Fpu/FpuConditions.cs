using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// Vol. II-A: C.cond.fmt into an FCSR condition code, BC1F/BC1T (and the likely forms) on one,
// MOVF/MOVT on GPRs and FPU registers, MOVZ.fmt/MOVN.fmt on a GPR.
public sealed unsafe partial class CpuCore
{
    /// <summary>
    /// C.cond.S (CABS.cond.S with <paramref name="magnitude"/>, comparing |fs| and |ft|) into cc;
    /// the caller has checked the FPU is usable.
    /// </summary>
    private void CompareS(FpCmp op, bool magnitude)
    {
        uint mask = magnitude ? 0x7FFF_FFFFu : ~0u;
        uint a = ReadW(op.Fs) & mask, b = ReadW(op.Ft) & mask;
        int flags = 0;
        bool c = SoftFloat.Compare(SingleValue(a), SingleValue(b), SoftFloat.IsSNaN32(a), SoftFloat.IsSNaN32(b), op.Cond, ref flags);
        if (FpuDone(flags)) SetCc(op.Cc, c);
    }

    private void CompareD(FpCmp op, bool magnitude)
    {
        ulong mask = magnitude ? 0x7FFF_FFFF_FFFF_FFFFUL : ~0UL;
        ulong a = ReadL(op.Fs) & mask, b = ReadL(op.Ft) & mask;
        int flags = 0;
        bool c = SoftFloat.Compare(DoubleValue(a), DoubleValue(b), SoftFloat.IsSNaN64(a), SoftFloat.IsSNaN64(b), op.Cond, ref flags);
        if (FpuDone(flags)) SetCc(op.Cc, c);
    }

    /// <summary>C.cond.PS / CABS.cond.PS: the low halves into cc, the high ones into cc + 1.</summary>
    private void ComparePs(FpCmp op, bool magnitude)
    {
        ulong mask = magnitude ? 0x7FFF_FFFF_7FFF_FFFFUL : ~0UL;
        ulong a = S->Fpr[op.Fs] & mask, b = S->Fpr[op.Ft] & mask;
        int flags = 0;
        bool lo = SoftFloat.Compare(SingleValue(Pl(a)), SingleValue(Pl(b)), SoftFloat.IsSNaN32(Pl(a)), SoftFloat.IsSNaN32(Pl(b)), op.Cond, ref flags);
        bool hi = SoftFloat.Compare(SingleValue(Pu(a)), SingleValue(Pu(b)), SoftFloat.IsSNaN32(Pu(a)), SoftFloat.IsSNaN32(Pu(b)), op.Cond, ref flags);
        if (!FpuDone(flags)) return;
        SetCc(op.Cc, lo);
        SetCc(op.Cc + 1, hi);
    }

    private partial void CS(FpCmp op)
    {
        if (FpuUsable()) CompareS(op, false);
    }

    private partial void CD(FpCmp op)
    {
        if (FpuDoubles(op.Fs | op.Ft)) CompareD(op, false);
    }

    private partial void Bc1f(FpBranch op)
    {
        if (FpuUsable()) Branch(!Cc(op.Bcc), op.Imm);
    }

    private partial void Bc1t(FpBranch op)
    {
        if (FpuUsable()) Branch(Cc(op.Bcc), op.Imm);
    }

    private partial void Bc1fl(FpBranch op)
    {
        if (FpuUsable()) BranchLikely(!Cc(op.Bcc), op.Imm);
    }

    private partial void Bc1tl(FpBranch op)
    {
        if (FpuUsable()) BranchLikely(Cc(op.Bcc), op.Imm);
    }

    private partial void Movci(FpMovCc op)
    {
        if (FpuUsable() && Cc(op.Bcc) == (op.Tf != 0)) R[op.Rd] = R[op.Rs];
    }

    private partial void MovcfS(FpMovCcFmt op)
    {
        if (FpuUsable() && Cc(op.Bcc) == (op.Tf != 0)) WriteW(op.Fd, ReadW(op.Fs));
    }

    private partial void MovcfD(FpMovCcFmt op)
    {
        if (FpuDoubles(op.Fs | op.Fd) && Cc(op.Bcc) == (op.Tf != 0)) WriteL(op.Fd, ReadL(op.Fs));
    }

    private partial void MovzS(FpMovGpr op)
    {
        if (FpuUsable() && R[op.Rt] == 0) WriteW(op.Fd, ReadW(op.Fs));
    }

    private partial void MovnS(FpMovGpr op)
    {
        if (FpuUsable() && R[op.Rt] != 0) WriteW(op.Fd, ReadW(op.Fs));
    }

    private partial void MovzD(FpMovGpr op)
    {
        if (FpuDoubles(op.Fs | op.Fd) && R[op.Rt] == 0) WriteL(op.Fd, ReadL(op.Fs));
    }

    private partial void MovnD(FpMovGpr op)
    {
        if (FpuDoubles(op.Fs | op.Fd) && R[op.Rt] != 0) WriteL(op.Fd, ReadL(op.Fs));
    }
}
