using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// Vol. II-A: C.cond.fmt into an FCSR condition code, BC1F/BC1T (and the likely forms) on one,
// MOVF/MOVT on GPRs and FPU registers, MOVZ.fmt/MOVN.fmt on a GPR.
public sealed unsafe partial class CpuCore
{
    private partial void CS(FpCmp op)
    {
        if (!FpuUsable()) return;
        uint a = ReadW(op.Fs), b = ReadW(op.Ft);
        int flags = 0;
        bool c = SoftFloat.Compare(SingleValue(a), SingleValue(b), SoftFloat.IsSNaN32(a), SoftFloat.IsSNaN32(b), op.Cond, ref flags);
        if (FpuDone(flags)) SetCc(op.Cc, c);
    }

    private partial void CD(FpCmp op)
    {
        if (!FpuDoubles(op.Fs | op.Ft)) return;
        ulong a = ReadL(op.Fs), b = ReadL(op.Ft);
        int flags = 0;
        bool c = SoftFloat.Compare(DoubleValue(a), DoubleValue(b), SoftFloat.IsSNaN64(a), SoftFloat.IsSNaN64(b), op.Cond, ref flags);
        if (FpuDone(flags)) SetCc(op.Cc, c);
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
