using System.Runtime.CompilerServices;
using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// The COP1 instructions compiled blocks run without the loop's bookkeeping: each helper either does
// the whole instruction, exactly as its handler would, or returns false having changed nothing (the
// block then takes the handler's full path, which raises what must be raised). Arithmetic runs on
// the host's IEEE doubles when nothing but Inexact can happen: FPU usable, round to nearest, no
// enables, finite operands and a comfortably normal (or exactly zero) result; Inexact comes from the
// exact error (TwoSum, a fused residual), as SoftFloat finds it.
public sealed unsafe partial class CpuCore
{
    internal const int JitFpAdd = 0, JitFpSub = 1, JitFpMul = 2, JitFpDiv = 3;
    private const uint FcsrRmEnables = 1u << 24 | 0x1Fu << 7 | 3; // FS, enables, RM

    /// <summary>The FPU usable without an exception (<paramref name="fr"/>: with FR = 1) and FCSR at round to nearest, no flushing, nothing enabled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool JitFpuReady(bool fr) => (fr ? JitFpuUsableFr() : JitFpuUsable()) && (S->Fcsr & FcsrRmEnables) == 0;

    /// <summary>Cause = Inexact or nothing; the flag joins the sticky flags (FpuDone with no enables).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void JitFpCause(bool inexact)
    {
        uint i = inexact ? 1u : 0;
        S->Fcsr = (S->Fcsr & ~(0x3Fu << (int)FcsrCauseShift)) | i << (int)FcsrCauseShift | i << (int)FcsrFlagShift;
    }

    /// <summary>ADD/SUB/MUL/DIV.D (COP1 fmt 17): fd = fs op ft.</summary>
    internal bool JitArithD(uint w, int kind)
    {
        int ft = (int)(w >> 16) & 31, fs = (int)(w >> 11) & 31, fd = (int)(w >> 6) & 31;
        if (!JitFpuReady(fr: true)) return false;
        double x = BitConverter.UInt64BitsToDouble(S->Fpr[fs]), y = BitConverter.UInt64BitsToDouble(S->Fpr[ft]);
        if (!double.IsFinite(x) || !double.IsFinite(y)) return false;
        double r;
        bool inexact;
        switch (kind)
        {
            case JitFpAdd or JitFpSub:
            {
                if (kind == JitFpSub) y = -y;
                r = x + y;
                double bb = r - x;
                inexact = (x - (r - bb)) + (y - bb) != 0;
                if (r == 0) { if (inexact) return false; break; } // exact cancellation: +0 (or -0 + -0), as the host
                if (!(Math.Abs(r) >= MinNormalD)) return false;
                break;
            }
            case JitFpMul:
                r = x * y;
                if (r == 0) { if (x != 0 && y != 0) return false; inexact = false; break; }
                if (!(Math.Abs(r) >= TinyD)) return false;
                inexact = Math.FusedMultiplyAdd(x, y, -r) != 0;
                break;
            default:
                if (y == 0) return false; // Divide by Zero or Invalid
                r = x / y;
                if (r == 0) { if (x != 0) return false; inexact = false; break; }
                if (!(Math.Abs(r) >= TinyD) || !(Math.Abs(x) >= TinyD)) return false;
                inexact = Math.FusedMultiplyAdd(-r, y, x) != 0;
                break;
        }
        if (!double.IsFinite(r)) return false;
        JitFpCause(inexact);
        S->Fpr[fd] = BitConverter.DoubleToUInt64Bits(r);
        return true;
    }

    /// <summary>ADD/SUB/MUL/DIV.S (COP1 fmt 16): the low word of fd; its high word kept, as WriteW.</summary>
    internal bool JitArithS(uint w, int kind)
    {
        int ft = (int)(w >> 16) & 31, fs = (int)(w >> 11) & 31, fd = (int)(w >> 6) & 31;
        if (!JitFpuReady(fr: false)) return false;
        float x = BitConverter.UInt32BitsToSingle((uint)S->Fpr[fs]), y = BitConverter.UInt32BitsToSingle((uint)S->Fpr[ft]);
        if (!float.IsFinite(x) || !float.IsFinite(y)) return false;
        float r;
        bool inexact;
        switch (kind)
        {
            case JitFpAdd or JitFpSub:
            {
                if (kind == JitFpSub) y = -y;
                r = x + y;
                float bb = r - x;
                inexact = (x - (r - bb)) + (y - bb) != 0;
                if (r == 0) { if (inexact) return false; break; }
                if (!(MathF.Abs(r) >= 1.17549435E-38f)) return false;
                break;
            }
            case JitFpMul:
                r = x * y;
                if (r == 0) { if (x != 0 && y != 0) return false; inexact = false; break; }
                if (!(MathF.Abs(r) >= TinyS)) return false;
                inexact = (double)x * y != r; // the product of two singles is exact in double
                break;
            default:
                if (y == 0) return false;
                r = x / y;
                if (r == 0) { if (x != 0) return false; inexact = false; break; }
                if (!(MathF.Abs(r) >= TinyS) || !(MathF.Abs(x) >= TinyS)) return false;
                inexact = MathF.FusedMultiplyAdd(-r, y, x) != 0;
                break;
        }
        if (!float.IsFinite(r)) return false;
        JitFpCause(inexact);
        S->Fpr[fd] = (S->Fpr[fd] & 0xFFFF_FFFF_0000_0000UL) | BitConverter.SingleToUInt32Bits(r);
        return true;
    }

    // results at least this large leave room below them for the error terms to be exact
    private static readonly double TinyD = Math.ScaleB(1.0, -960);
    private static readonly float TinyS = MathF.ScaleB(1f, -100);
    private const double MinNormalD = 2.2250738585072014E-308;

    /// <summary>C.cond.D (compare bits: 2 equal, 4 less; unordered impossible here) on ordered operands: the cc bit, Cause cleared.</summary>
    internal bool JitCompareD(uint w)
    {
        if (!JitFpuReady(fr: true)) return false;
        double a = BitConverter.UInt64BitsToDouble(S->Fpr[(w >> 11) & 31]), b = BitConverter.UInt64BitsToDouble(S->Fpr[(w >> 16) & 31]);
        if (double.IsNaN(a) || double.IsNaN(b)) return false;
        JitCompareDone(w, ((w & 2) != 0 && a == b) || ((w & 4) != 0 && a < b));
        return true;
    }

    /// <summary>C.cond.S likewise.</summary>
    internal bool JitCompareS(uint w)
    {
        if (!JitFpuReady(fr: false)) return false;
        float a = BitConverter.UInt32BitsToSingle((uint)S->Fpr[(w >> 11) & 31]), b = BitConverter.UInt32BitsToSingle((uint)S->Fpr[(w >> 16) & 31]);
        if (float.IsNaN(a) || float.IsNaN(b)) return false;
        JitCompareDone(w, ((w & 2) != 0 && a == b) || ((w & 4) != 0 && a < b));
        return true;
    }

    private void JitCompareDone(uint w, bool c)
    {
        JitFpCause(false);
        SetCc((int)(w >> 8) & 7, c);
    }

    /// <summary>BC1F/BC1T's condition (1 taken, 0 not), or -1 when the FPU is not usable (the handler then raises Coprocessor Unusable).</summary>
    internal int JitFpBranch(uint w)
    {
        if (!JitFpuUsable()) return -1;
        return Cc((int)(w >> 18) & 7) == ((w & (1u << 16)) != 0) ? 1 : 0;
    }

    /// <summary>Whether MFC1 (or DMFC1, which also needs FR = 1 here) can read an FPR without an exception: compiled code then reads it itself.</summary>
    internal bool JitFprReadable(bool doubleword) => doubleword ? JitFpuUsableFr() : JitFpuUsable();

    internal const int JitTruncWD = 0, JitTruncWS = 1, JitCvtSD = 2, JitCvtDS = 3, JitCvtSW = 4, JitCvtDW = 5;

    /// <summary>TRUNC.W.D/S (in range), CVT.S.D (a normal result), CVT.D.S (not NaN), CVT.S.W, CVT.D.W (exact): Inexact from the exact comparison.</summary>
    internal bool JitConvert(uint w, int kind)
    {
        if (!JitFpuReady(fr: kind != JitTruncWS && kind != JitCvtSW)) return false;
        int fs = (int)(w >> 11) & 31, fd = (int)(w >> 6) & 31;
        ulong src = S->Fpr[fs];
        ulong result; // a word result keeps fd's high word (WriteW)
        bool inexact, word = true;
        switch (kind)
        {
            case JitTruncWD or JitTruncWS:
            {
                double x = kind == JitTruncWD ? BitConverter.UInt64BitsToDouble(src) : BitConverter.UInt32BitsToSingle((uint)src);
                if (!(Math.Abs(x) < 2147483648.0)) return false; // NaN or out of range: Invalid
                int r = (int)x;
                inexact = r != x;
                result = (uint)r;
                break;
            }
            case JitCvtSD:
            {
                double x = BitConverter.UInt64BitsToDouble(src);
                float f = (float)x;
                if (!float.IsFinite(f) || !double.IsFinite(x) || (f == 0 ? x != 0 : MathF.Abs(f) < 1.17549435E-38f)) return false;
                inexact = f != x;
                result = BitConverter.SingleToUInt32Bits(f);
                break;
            }
            case JitCvtDS:
            {
                float f = BitConverter.UInt32BitsToSingle((uint)src);
                if (float.IsNaN(f)) return false;
                inexact = false;
                result = BitConverter.DoubleToUInt64Bits(f);
                word = false;
                break;
            }
            case JitCvtDW:
                inexact = false;
                result = BitConverter.DoubleToUInt64Bits((int)(uint)src);
                word = false;
                break;
            default:
            {
                int v = (int)(uint)src;
                float f = v;
                inexact = f != (double)v;
                result = BitConverter.SingleToUInt32Bits(f);
                break;
            }
        }
        JitFpCause(inexact);
        S->Fpr[fd] = word ? (S->Fpr[fd] & 0xFFFF_FFFF_0000_0000UL) | result : result;
        return true;
    }

    /// <summary>MOV.D, NEG.D, ABS.D with FR = 1 (no flags, Cause untouched); kind 0, 1, 2.</summary>
    internal bool JitMoveD(uint w, int kind)
    {
        if (!JitFpuUsableFr()) return false;
        ulong v = S->Fpr[(w >> 11) & 31];
        S->Fpr[(w >> 6) & 31] = kind switch { 0 => v, 1 => v ^ 0x8000_0000_0000_0000UL, _ => v & 0x7FFF_FFFF_FFFF_FFFFUL };
        return true;
    }

    /// <summary>DMTC1 with FR = 1 and MTC1 (the low word; the high word kept), the GPR's value passed in.</summary>
    internal bool JitMoveToFpr(ulong value, uint w, bool doubleword)
    {
        int fs = (int)(w >> 11) & 31;
        if (doubleword)
        {
            if (!JitFpuUsableFr()) return false;
            S->Fpr[fs] = value;
            return true;
        }
        if (!JitFpuUsable()) return false;
        S->Fpr[fs] = (S->Fpr[fs] & 0xFFFF_FFFF_0000_0000UL) | (uint)value;
        return true;
    }

    /// <summary>LDC1 on a software-TLB hit with FR = 1 (the handler's Load64 and WriteL).</summary>
    internal bool JitLdc1(ulong baseValue, uint w)
    {
        ulong va = baseValue + (ulong)(long)(short)w;
        ref var e = ref _load[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag != (va & (~0xFFFUL | 7)) || !JitFpuUsableFr()) return false;
        S->Fpr[(w >> 16) & 31] = *(ulong*)(e.Delta + (long)va);
        return true;
    }

    /// <summary>SDC1 on a software-TLB hit with FR = 1.</summary>
    internal bool JitSdc1(ulong baseValue, uint w)
    {
        ulong va = baseValue + (ulong)(long)(short)w;
        ref var e = ref _store[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag != (va & (~0xFFFUL | 7)) || !JitFpuUsableFr()) return false;
        *(ulong*)(e.Delta + (long)va) = S->Fpr[(w >> 16) & 31];
        return true;
    }

    /// <summary>CU1 set in the running context and, in guest mode, root's (FpuUsable without its exceptions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool JitFpuUsable()
    {
        const ulong cu1 = 1UL << 29;
        return (C[Cp0Table.Status] & cu1) != 0 && (!InGuestMode || (RC[Cp0Table.Status] & cu1) != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool JitFpuUsableFr() => JitFpuUsable() && Fr;
}
