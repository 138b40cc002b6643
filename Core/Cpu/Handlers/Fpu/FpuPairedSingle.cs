using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// Vol. II-A: the paired-single format (Release 2 with a 64-bit FPU, QEMU's check_ps): two singles
// in one register, PL the low word and PU the high; arithmetic works on both halves with one
// rounding mode and the union of their exceptions; C.cond.PS sets cc and cc + 1.
public sealed unsafe partial class CpuCore
{
    private bool FpuPs()
    {
        if (!FpuUsable()) return false;
        if (Fr && Model.HasPairedSingle) return true; // FIR.PS: else Reserved Instruction
        RaiseException(VzFast.Cp0.ExcCode.RI);
        return false;
    }

    private static uint Pl(ulong v) => (uint)v;
    private static uint Pu(ulong v) => (uint)(v >> 32);
    private static ulong Pair(uint pu, uint pl) => (ulong)pu << 32 | pl;

    /// <summary>fd = f(fs, ft) on both halves of a pair, one FCSR update for both.</summary>
    private void BinaryPs(int fs, int ft, int fd, Op32 f)
    {
        if (!FpuPs()) return;
        int flags = 0, rm = RoundingMode;
        ulong a = S->Fpr[fs], b = S->Fpr[ft];
        uint lo = f(Pl(a), Pl(b), rm, ref flags), hi = f(Pu(a), Pu(b), rm, ref flags);
        if (FpuDone(flags)) S->Fpr[fd] = Pair(hi, lo);
    }

    private partial void AddPs(Fp3 op) => BinaryPs(op.Fs, op.Ft, op.Fd, SoftFloat.Add32);
    private partial void SubPs(Fp3 op) => BinaryPs(op.Fs, op.Ft, op.Fd, SoftFloat.Sub32);
    private partial void MulPs(Fp3 op) => BinaryPs(op.Fs, op.Ft, op.Fd, SoftFloat.Mul32);

    private partial void AbsPs(Fp2 op) { if (FpuPs()) S->Fpr[op.Fd] = S->Fpr[op.Fs] & 0x7FFF_FFFF_7FFF_FFFFUL; }
    private partial void NegPs(Fp2 op) { if (FpuPs()) S->Fpr[op.Fd] = S->Fpr[op.Fs] ^ 0x8000_0000_8000_0000UL; }
    private partial void MovPs(Fp2 op) { if (FpuPs()) S->Fpr[op.Fd] = S->Fpr[op.Fs]; }

    // CVT.S.PU/PL move a half (Cause is cleared, as QEMU's helper updates FCSR); CVT.PS.S and the pair moves touch no FCSR
    private partial void CvtSPu(Fp2 op) { if (FpuPs() && FpuDone(0)) WriteW(op.Fd, Pu(S->Fpr[op.Fs])); }
    private partial void CvtSPl(Fp2 op) { if (FpuPs() && FpuDone(0)) WriteW(op.Fd, Pl(S->Fpr[op.Fs])); }
    private partial void CvtPsS(Fp3 op) { if (FpuPs()) S->Fpr[op.Fd] = Pair(ReadW(op.Fs), ReadW(op.Ft)); }
    private partial void PllPs(Fp3 op) { if (FpuPs()) S->Fpr[op.Fd] = Pair(Pl(S->Fpr[op.Fs]), Pl(S->Fpr[op.Ft])); }
    private partial void PluPs(Fp3 op) { if (FpuPs()) S->Fpr[op.Fd] = Pair(Pl(S->Fpr[op.Fs]), Pu(S->Fpr[op.Ft])); }
    private partial void PulPs(Fp3 op) { if (FpuPs()) S->Fpr[op.Fd] = Pair(Pu(S->Fpr[op.Fs]), Pl(S->Fpr[op.Ft])); }
    private partial void PuuPs(Fp3 op) { if (FpuPs()) S->Fpr[op.Fd] = Pair(Pu(S->Fpr[op.Fs]), Pu(S->Fpr[op.Ft])); }

    private partial void MovcfPs(FpMovCcFmt op)
    {
        if (!FpuPs()) return;
        bool t = op.Tf != 0;
        ulong d = S->Fpr[op.Fd], s = S->Fpr[op.Fs];
        uint lo = Cc(op.Bcc) == t ? Pl(s) : Pl(d), hi = Cc(op.Bcc + 1) == t ? Pu(s) : Pu(d);
        S->Fpr[op.Fd] = Pair(hi, lo);
    }

    private partial void MovzPs(FpMovGpr op) { if (FpuPs() && R[op.Rt] == 0) S->Fpr[op.Fd] = S->Fpr[op.Fs]; }
    private partial void MovnPs(FpMovGpr op) { if (FpuPs() && R[op.Rt] != 0) S->Fpr[op.Fd] = S->Fpr[op.Fs]; }

    private partial void CPs(FpCmp op)
    {
        if (FpuPs()) ComparePs(op, false);
    }

    private void MultiplyAddPs(Fp4 op, bool subtract, bool negate)
    {
        if (!FpuPs()) return;
        int flags = 0, rm = RoundingMode;
        ulong a = S->Fpr[op.Fs], b = S->Fpr[op.Ft], c = S->Fpr[op.Fr];
        uint Half(uint x, uint y, uint z)
        {
            uint p = SoftFloat.Mul32(x, y, rm, ref flags);
            uint r = subtract ? SoftFloat.Sub32(p, z, rm, ref flags) : SoftFloat.Add32(p, z, rm, ref flags);
            return negate ? r ^ 0x8000_0000 : r;
        }
        uint lo = Half(Pl(a), Pl(b), Pl(c)), hi = Half(Pu(a), Pu(b), Pu(c));
        if (FpuDone(flags)) S->Fpr[op.Fd] = Pair(hi, lo);
    }

    private partial void MaddPs(Fp4 op) => MultiplyAddPs(op, false, false);
    private partial void MsubPs(Fp4 op) => MultiplyAddPs(op, true, false);
    private partial void NmaddPs(Fp4 op) => MultiplyAddPs(op, false, true);
    private partial void NmsubPs(Fp4 op) => MultiplyAddPs(op, true, true);

    /// <summary>ALNV.PS (little-endian): offset 0 copies fs, offset 4 joins fs's PU (as PL) with ft's PL (as PU); other offsets leave fd.</summary>
    private partial void AlnvPs(FpAlign op)
    {
        if (!FpuPs()) return;
        switch (R[op.Rs] & 7)
        {
            case 0: S->Fpr[op.Fd] = S->Fpr[op.Fs]; break;
            case 4: S->Fpr[op.Fd] = Pair(Pl(S->Fpr[op.Ft]), Pu(S->Fpr[op.Fs])); break;
        }
    }
}
