using System.Runtime.Intrinsics;
using VzFast.Cp0;
using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// MSA floating-point groups (MSA specification rev. 1.12, 3.2 and 3.5 "MSACSR"): 3RF arithmetic,
// compares, min/max, format and fixed-point conversions; 2RF unary operations. Each element
// updates MSACSR.Cause as QEMU's update_msacsr does; an enabled cause raises the MSA Floating
// Point exception with the destination unwritten (check_msacsr_cause), or with MSACSR.NX set
// the element becomes a signalling NaN carrying its cause bits.
public sealed unsafe partial class CpuCore
{
    private const uint MsacsrCause = 0x3Fu << 12, MsacsrNx = 1u << 18, MsacsrFs = 1u << 24;

    private int MsaFpMode => (int)(S->Msacsr & 3) | ((S->Msacsr & MsacsrFs) != 0 ? 4 : 0);
    private int MsaFpEnables => (int)((S->Msacsr >> 7) & 0x1F) | 0x20; // Unimplemented is always enabled

    /// <summary>update_msacsr for one element: its MIPS cause bits, MSACSR.Cause updated.</summary>
    private int MsaElementCause(int f)
    {
        const int I = SoftFloat.Inexact, U = SoftFloat.Underflow, O = SoftFloat.Overflow;
        int c = f & MsaFloat.IeeeMask, enable = MsaFpEnables;
        bool fs = (S->Msacsr & MsacsrFs) != 0;
        if (fs && (f & MsaFloat.InputDenormal) != 0) c = (f & MsaFloat.ClearIsInexact) != 0 ? c & ~I : c | I;
        if (fs && (f & MsaFloat.OutputDenormal) != 0) c = (f & MsaFloat.ClearFsUnderflow) != 0 ? (c | I) & ~U : c | I | U;
        if ((c & O) != 0 && (enable & O) == 0) c |= I;
        if ((c & U) != 0 && (enable & U) == 0 && (c & I) == 0) c &= ~U;
        if ((f & MsaFloat.ReciprocalInexact) != 0 && (c & (SoftFloat.Invalid | SoftFloat.DivZero)) == 0) c = I;
        if ((c & enable) == 0 || (S->Msacsr & MsacsrNx) == 0) S->Msacsr |= (uint)c << 12;
        return c;
    }

    /// <summary>An element's final value: a signalling NaN with the cause when an enabled exception occurred.</summary>
    private ulong MsaElementResult(ulong x, int f, int bits)
    {
        if ((f & MsaFloat.CheckDenormal) != 0 && bits >= 32 && MsaFloat.IsDenormal(x, bits == 64)) f |= SoftFloat.Underflow;
        int c = MsaElementCause(f);
        if ((c & MsaFpEnables) == 0) return x;
        ulong snan = bits switch { 64 => 0x7FF0_0000_0000_0000UL, 32 => 0x7F80_0000UL, _ => 0x7C00UL };
        return snan | (uint)c;
    }

    /// <summary>check_msacsr_cause: false (exception taken) when an enabled cause is set; else the causes join the flags.</summary>
    private bool MsaFpCheck()
    {
        int cause = (int)((S->Msacsr & MsacsrCause) >> 12);
        if ((cause & MsaFpEnables) != 0)
        {
            RaiseException(ExcCode.MsaFpe);
            return false;
        }
        S->Msacsr |= (uint)(cause & 0x1F) << 2;
        return true;
    }

    private delegate ulong MsaFpElem(ulong s, ulong t, ulong d, bool dbl, int mode, ref int f);

    /// <summary>An element-wise W/D operation: fd[i] = e(ws[i], wt[i], wd[i]).</summary>
    private void MsaFp(int dfw, int wt, int ws, int wd, MsaFpElem e, bool clearCause = true, bool check = true)
    {
        if (!MsaUsable()) return;
        bool dbl = dfw == 1;
        int df = dbl ? 3 : 2;
        var vs = ReadVector(ws);
        var vt = ReadVector(wt);
        var vd = ReadVector(wd);
        if (clearCause) S->Msacsr &= ~MsacsrCause;
        int mode = MsaFpMode;
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++)
        {
            int f = 0;
            ulong x = e(UElem(vs, df, i), UElem(vt, df, i), UElem(vd, df, i), dbl, mode, ref f);
            r = WithElem(r, df, i, (long)MsaElementResult(x, f, dbl ? 64 : 32));
        }
        if (check && !MsaFpCheck()) return;
        WriteVector(wd, r);
    }

    private void Fp3(Msa3RF op, MsaFpElem e) => MsaFp((int)op.Dfw, op.Wt, op.Ws, op.Wd, e);
    private void Fp2(Msa2RF op, MsaFpElem e, bool clearCause = true, bool check = true) => MsaFp((int)op.Dfr, op.Ws, op.Ws, op.Wd, e, clearCause, check);

    private partial void Fadd(Msa3RF op) => FpFast(op, FastAdd, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Add(s, t, d, m, ref f));
    private partial void Fsub(Msa3RF op) => FpFast(op, FastSub, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Sub(s, t, d, m, ref f));
    private partial void Fmul(Msa3RF op) => FpFast(op, FastMul, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Mul(s, t, d, m, ref f));
    private partial void Fdiv(Msa3RF op) => FpFast(op, FastDiv, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Div(s, t, d, m, ref f));
    private partial void Fmadd(Msa3RF op) => FpFast(op, FastMadd, static (ulong s, ulong t, ulong w, bool d, int m, ref int f) => MsaFloat.MulAdd(s, t, w, false, d, m, ref f));
    private partial void Fmsub(Msa3RF op) => FpFast(op, FastMsub, static (ulong s, ulong t, ulong w, bool d, int m, ref int f) => MsaFloat.MulAdd(s, t, w, true, d, m, ref f));
    private partial void Fexp2(Msa3RF op) => Fp3(op, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Exp2(s, d ? (long)t : (int)(uint)t, d, m, ref f));
    private partial void Fmax(Msa3RF op) => Fp3(op, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Max(s, t, d, m, ref f));
    private partial void Fmin(Msa3RF op) => Fp3(op, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Min(s, t, d, m, ref f));
    private partial void FmaxA(Msa3RF op) => Fp3(op, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.MaxMinA(s, t, true, d, m, ref f));
    private partial void FminA(Msa3RF op) => Fp3(op, static (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.MaxMinA(s, t, false, d, m, ref f));

    // ---- compares: cond bits 1 unordered, 2 equal, 4 less, 8 greater ----

    private void FpCompare(Msa3RF op, int cond, bool quiet) => MsaFp((int)op.Dfw, op.Wt, op.Ws, op.Wd, CompareElems[cond | (quiet ? 16 : 0)]);

    private static readonly MsaFpElem[] CompareElems = BuildCompareElems();

    private static MsaFpElem[] BuildCompareElems()
    {
        var a = new MsaFpElem[32];
        for (int i = 0; i < 32; i++)
        {
            int cond = i & 15;
            bool quiet = i >= 16;
            a[i] = (ulong s, ulong t, ulong _, bool d, int m, ref int f) => MsaFloat.Compare(s, t, cond, quiet, d, m, ref f) ? (d ? ulong.MaxValue : 0xFFFF_FFFFUL) : 0;
        }
        return a;
    }

    private partial void Fcaf(Msa3RF op) => FpCompare(op, 0, true);
    private partial void Fcun(Msa3RF op) => FpCompare(op, 1, true);
    private partial void Fceq(Msa3RF op) => FpCompare(op, 2, true);
    private partial void Fcueq(Msa3RF op) => FpCompare(op, 3, true);
    private partial void Fclt(Msa3RF op) => FpCompare(op, 4, true);
    private partial void Fcult(Msa3RF op) => FpCompare(op, 5, true);
    private partial void Fcle(Msa3RF op) => FpCompare(op, 6, true);
    private partial void Fcule(Msa3RF op) => FpCompare(op, 7, true);
    private partial void Fcor(Msa3RF op) => FpCompare(op, 14, true);
    private partial void Fcune(Msa3RF op) => FpCompare(op, 13, true);
    private partial void Fcne(Msa3RF op) => FpCompare(op, 12, true);
    private partial void Fsaf(Msa3RF op) => FpCompare(op, 0, false);
    private partial void Fsun(Msa3RF op) => FpCompare(op, 1, false);
    private partial void Fseq(Msa3RF op) => FpCompare(op, 2, false);
    private partial void Fsueq(Msa3RF op) => FpCompare(op, 3, false);
    private partial void Fslt(Msa3RF op) => FpCompare(op, 4, false);
    private partial void Fsult(Msa3RF op) => FpCompare(op, 5, false);
    private partial void Fsle(Msa3RF op) => FpCompare(op, 6, false);
    private partial void Fsule(Msa3RF op) => FpCompare(op, 7, false);
    private partial void Fsor(Msa3RF op) => FpCompare(op, 14, false);
    private partial void Fsune(Msa3RF op) => FpCompare(op, 13, false);
    private partial void Fsne(Msa3RF op) => FpCompare(op, 12, false);

    // ---- 2RF ----

    private partial void Fsqrt(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.Sqrt(s, d, m, ref f));
    private partial void Frcp(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.Reciprocal(s, false, d, m, ref f));
    private partial void Frsqrt(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.Reciprocal(s, true, d, m, ref f));
    private partial void Frint(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.Rint(s, d, m, ref f));
    private partial void Flog2(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.Log2(s, d, m, ref f));
    private partial void FtintS(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.ToInt(s, false, d, m & 3, m, ref f));
    private partial void FtintU(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.ToInt(s, true, d, m & 3, m, ref f));
    private partial void FtruncS(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.ToInt(s, false, d, 1, m, ref f));
    private partial void FtruncU(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.ToInt(s, true, d, 1, m, ref f));
    private partial void FfintS(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.FromInt(s, false, d, m, ref f));
    private partial void FfintU(Msa2RF op) => Fp2(op, static (ulong s, ulong _, ulong _, bool d, int m, ref int f) => MsaFloat.FromInt(s, true, d, m, ref f));

    /// <summary>FCLASS: no exceptions, MSACSR untouched.</summary>
    private partial void Fclass(Msa2RF op)
    {
        if (!MsaUsable()) return;
        bool dbl = op.Dfr == 1;
        int df = dbl ? 3 : 2;
        var vs = ReadVector(op.Ws);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, (long)MsaFloat.Class(UElem(vs, df, i), dbl));
        WriteVector(op.Wd, r);
    }

    // ---- conversions between widths: L = the upper half of the source's elements, R = the lower ----

    /// <summary>FEXDO: ws's elements narrowed into the upper half of wd, wt's into the lower.</summary>
    private partial void Fexdo(Msa3RF op)
    {
        if (!MsaUsable()) return;
        bool dbl = op.Dfw == 1;
        int df = dbl ? 3 : 2, half = df - 1, n = Lanes(df);
        var vs = ReadVector(op.Ws);
        var vt = ReadVector(op.Wt);
        int mode = MsaFpMode;
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++)
        {
            int f = 0, g = 0;
            ulong hi = MsaElementResult(MsaFloat.Narrow(UElem(vs, df, i), dbl, mode, ref f), f, dbl ? 32 : 16);
            ulong lo = MsaElementResult(MsaFloat.Narrow(UElem(vt, df, i), dbl, mode, ref g), g, dbl ? 32 : 16);
            r = WithElem(WithElem(r, half, i + n, (long)hi), half, i, (long)lo);
        }
        if (!MsaFpCheck()) return;
        WriteVector(op.Wd, r);
    }

    private void Widen(Msa2RF op, bool left, bool q)
    {
        if (!MsaUsable()) return;
        bool dbl = op.Dfr == 1;
        int df = dbl ? 3 : 2, half = df - 1, n = Lanes(df);
        var vs = ReadVector(op.Ws);
        int mode = MsaFpMode;
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++)
        {
            ulong src = UElem(vs, half, left ? i + n : i);
            int f = q ? 0 : MsaFloat.CheckDenormal;
            ulong x = q ? MsaFloat.FromQ(src, dbl) : MsaFloat.Widen(src, dbl, mode, ref f);
            r = WithElem(r, df, i, (long)MsaElementResult(x, f, dbl ? 64 : 32));
        }
        if (!q && !MsaFpCheck()) return; // FFQL/FFQR never trap (QEMU's helpers skip check_msacsr_cause)
        WriteVector(op.Wd, r);
    }

    private partial void Fexupl(Msa2RF op) => Widen(op, true, false);
    private partial void Fexupr(Msa2RF op) => Widen(op, false, false);
    private partial void Ffql(Msa2RF op) => Widen(op, true, true);
    private partial void Ffqr(Msa2RF op) => Widen(op, false, true);

    /// <summary>FTQ: ws's elements to fixed point in the upper half of wd, wt's in the lower.</summary>
    private partial void Ftq(Msa3RF op)
    {
        if (!MsaUsable()) return;
        bool dbl = op.Dfw == 1;
        int df = dbl ? 3 : 2, half = df - 1, n = Lanes(df);
        var vs = ReadVector(op.Ws);
        var vt = ReadVector(op.Wt);
        S->Msacsr &= ~MsacsrCause;
        int mode = MsaFpMode;
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++)
        {
            int f = MsaFloat.ClearFsUnderflow, g = MsaFloat.ClearFsUnderflow;
            ulong hi = MsaElementResult(MsaFloat.ToQ(UElem(vs, df, i), dbl, mode, ref f), f, dbl ? 32 : 16);
            ulong lo = MsaElementResult(MsaFloat.ToQ(UElem(vt, df, i), dbl, mode, ref g), g, dbl ? 32 : 16);
            r = WithElem(WithElem(r, half, i + n, (long)hi), half, i, (long)lo);
        }
        if (!MsaFpCheck()) return;
        WriteVector(op.Wd, r);
    }
}
