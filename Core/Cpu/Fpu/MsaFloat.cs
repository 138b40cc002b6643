namespace VzFast.Cpu.Fpu;

/// <summary>
/// MSA floating-point elements (MSA specification rev. 1.12, 3.2; QEMU's msa_helper.c as the
/// behavioural reference): IEEE 754-2008 NaNs whatever FCSR.NAN2008 says (quiet bit set = quiet,
/// default NaN 0x7fc00000 / 0x7ff8000000000000, a signalling operand quietened and returned with
/// Invalid, the first NaN operand otherwise), MSACSR.FS flushing subnormal operands and results
/// to zero. Each operation returns the element and ORs SoftFloat flags plus the MSA-only bits
/// below into <c>f</c>; <c>mode</c> is MSACSR.RM | FS &lt;&lt; 2. Values of single elements travel in
/// the low 32 bits of a ulong.
/// </summary>
internal static class MsaFloat
{
    public const int InputDenormal = 64, OutputDenormal = 128;
    // update_msacsr's actions, carried with the flags
    public const int ReciprocalInexact = 256, ClearIsInexact = 512, ClearFsUnderflow = 1024, CheckDenormal = 2048;
    public const int IeeeMask = 31;

    public static ulong DefaultNaN(bool d) => d ? 0x7FF8_0000_0000_0000UL : 0x7FC0_0000UL;
    private static ulong QuietBit(bool d) => d ? 1UL << 51 : 1UL << 22;
    private static ulong ExpMask(bool d) => d ? 0x7FF0_0000_0000_0000UL : 0x7F80_0000UL;
    private static ulong FracMask(bool d) => d ? 0x000F_FFFF_FFFF_FFFFUL : 0x007F_FFFFUL;
    public static ulong SignBit(bool d) => d ? 1UL << 63 : 1UL << 31;

    public static bool IsNaN(ulong x, bool d) => (x & ExpMask(d)) == ExpMask(d) && (x & FracMask(d)) != 0;
    public static bool IsSNaN(ulong x, bool d) => IsNaN(x, d) && (x & QuietBit(d)) == 0;
    public static bool IsQNaN(ulong x, bool d) => IsNaN(x, d) && (x & QuietBit(d)) != 0;
    public static bool IsInf(ulong x, bool d) => (x & ~SignBit(d)) == ExpMask(d);
    public static bool IsZero(ulong x, bool d) => (x & ~SignBit(d)) == 0;
    public static bool IsDenormal(ulong x, bool d) => (x & ExpMask(d)) == 0 && (x & FracMask(d)) != 0;

    private static ulong Quiet(ulong x, bool d) => x | QuietBit(d);

    /// <summary>A NaN operand's result, or null when neither is a NaN (QEMU's pickNaN for MIPS: signalling before quiet, a before b).</summary>
    private static ulong? Pick(ulong a, ulong b, bool d, ref int f)
    {
        if (IsSNaN(a, d)) { f |= SoftFloat.Invalid; return Quiet(a, d); }
        if (IsSNaN(b, d)) { f |= SoftFloat.Invalid; return Quiet(b, d); }
        if (IsNaN(a, d)) return a;
        if (IsNaN(b, d)) return b;
        return null;
    }

    /// <summary>MSACSR.FS: a subnormal operand reads as a zero of its sign.</summary>
    public static ulong In(ulong x, bool d, int mode, ref int f)
    {
        if ((mode & 4) == 0 || !IsDenormal(x, d)) return x;
        f |= InputDenormal;
        return x & SignBit(d);
    }

    /// <summary>MSACSR.FS: a subnormal (or underflowed-to-zero) result becomes a zero of its sign.</summary>
    private static ulong Out(ulong r, bool d, int mode, ref int f)
    {
        if ((mode & 4) == 0) return r;
        if (IsDenormal(r, d) || (IsZero(r, d) && (f & SoftFloat.Underflow) != 0))
        {
            f = (f & ~(SoftFloat.Inexact | SoftFloat.Underflow)) | OutputDenormal;
            return r & SignBit(d);
        }
        return r;
    }

    private static ulong Fix(ulong r, bool d) =>
        d ? (r == SoftFloat.DefaultNaN64 ? DefaultNaN(true) : r) : (r == SoftFloat.DefaultNaN32 ? DefaultNaN(false) : r);

    private delegate ulong Op2(ulong a, ulong b, bool d, int rm, ref int f);

    private static ulong Arith(ulong a, ulong b, bool d, int mode, ref int f, Op2 op)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        b = In(b, d, mode, ref f);
        if (Pick(a, b, d, ref f) is ulong nan) return nan;
        return Out(Fix(op(a, b, d, mode & 3, ref f), d), d, mode, ref f);
    }

    public static ulong Add(ulong a, ulong b, bool d, int mode, ref int f) => Arith(a, b, d, mode, ref f,
        static (ulong x, ulong y, bool dd, int rm, ref int fl) => dd ? SoftFloat.Add64(x, y, rm, ref fl) : SoftFloat.Add32((uint)x, (uint)y, rm, ref fl));
    public static ulong Sub(ulong a, ulong b, bool d, int mode, ref int f) => Arith(a, b, d, mode, ref f,
        static (ulong x, ulong y, bool dd, int rm, ref int fl) => dd ? SoftFloat.Sub64(x, y, rm, ref fl) : SoftFloat.Sub32((uint)x, (uint)y, rm, ref fl));
    public static ulong Mul(ulong a, ulong b, bool d, int mode, ref int f) => Arith(a, b, d, mode, ref f,
        static (ulong x, ulong y, bool dd, int rm, ref int fl) => dd ? SoftFloat.Mul64(x, y, rm, ref fl) : SoftFloat.Mul32((uint)x, (uint)y, rm, ref fl));
    public static ulong Div(ulong a, ulong b, bool d, int mode, ref int f) => Arith(a, b, d, mode, ref f,
        static (ulong x, ulong y, bool dd, int rm, ref int fl) => dd ? SoftFloat.Div64(x, y, rm, ref fl) : SoftFloat.Div32((uint)x, (uint)y, rm, ref fl));

    /// <summary>FMADD/FMSUB: c ± a x b fused; NaNs as QEMU's pickNaNMulAdd for IEEE 754-2008 MIPS (c, a, b; infinity x zero + NaN is Invalid and c).</summary>
    public static ulong MulAdd(ulong a, ulong b, ulong c, bool negate, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        b = In(b, d, mode, ref f);
        c = In(c, d, mode, ref f);
        if (IsNaN(a, d) || IsNaN(b, d) || IsNaN(c, d))
        {
            bool infZero = (IsInf(a, d) && IsZero(b, d)) || (IsZero(a, d) && IsInf(b, d));
            if (infZero) f |= SoftFloat.Invalid;
            if (IsSNaN(c, d) || IsSNaN(a, d) || IsSNaN(b, d)) f |= SoftFloat.Invalid;
            if (infZero) return Quiet(c, d);
            if (IsSNaN(c, d)) return Quiet(c, d);
            if (IsSNaN(a, d)) return Quiet(a, d);
            if (IsSNaN(b, d)) return Quiet(b, d);
            return IsNaN(c, d) ? c : IsNaN(a, d) ? a : b;
        }
        int rm = mode & 3;
        ulong? r = d ? SoftFloat.Fma64(a, b, c, negate, rm, ref f) : SoftFloat.Fma32((uint)a, (uint)b, (uint)c, negate, rm, ref f);
        return r is ulong v ? Out(v, d, mode, ref f) : DefaultNaN(d);
    }

    public static ulong Sqrt(ulong a, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        if (Pick(a, a, d, ref f) is ulong nan) return nan;
        return Out(Fix(d ? SoftFloat.Sqrt64(a, mode & 3, ref f) : SoftFloat.Sqrt32((uint)a, mode & 3, ref f), d), d, mode, ref f);
    }

    private static ulong One(bool d) => d ? 0x3FF0_0000_0000_0000UL : 0x3F80_0000UL;

    /// <summary>FRCP/FRSQRT: 1/x (1/sqrt x) reported Inexact unless Invalid or DivZero, except for infinite operands and NaN results (MSA_FLOAT_RECIPROCAL).</summary>
    public static ulong Reciprocal(ulong a, bool sqrt, bool d, int mode, ref int f)
    {
        if (sqrt) a = Sqrt(a, d, mode, ref f);
        else a = In(a, d, mode, ref f);
        ulong r = Div(One(d), a, d, mode, ref f);
        if (!IsInf(a, d) && !IsQNaN(r, d)) f |= ReciprocalInexact;
        return r;
    }

    /// <summary>FEXP2: a x 2^n, n clamped as QEMU does (±0x200 words, ±0x1000 doublewords).</summary>
    public static ulong Exp2(ulong a, long n, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        if (Pick(a, a, d, ref f) is ulong nan) return nan;
        long lim = d ? 0x1000 : 0x200;
        int k = (int)Math.Clamp(n, -lim, lim);
        return Out(d ? SoftFloat.Scalb64(a, k, mode & 3, ref f) : SoftFloat.Scalb32((uint)a, k, mode & 3, ref f), d, mode, ref f);
    }

    // ---- min/max: a number beats a quiet NaN (NUMBER_QNAN_PAIR), otherwise float max/min ----

    private static double Val(ulong x, bool d) => d ? BitConverter.UInt64BitsToDouble(x) : BitConverter.UInt32BitsToSingle((uint)x);

    private static ulong MaxMin(ulong a, ulong b, bool max, bool d, int mode, ref int f)
    {
        a = In(a, d, mode, ref f);
        b = In(b, d, mode, ref f);
        if (!IsNaN(a, d) && IsQNaN(b, d)) b = a;
        else if (!IsNaN(b, d) && IsQNaN(a, d)) a = b;
        if (Pick(a, b, d, ref f) is ulong nan) return nan;
        double x = Val(a, d), y = Val(b, d);
        if (x == y) // equal values: -0 is the smaller zero
            return max ? ((a & SignBit(d)) == 0 ? a : b) : ((a & SignBit(d)) != 0 ? a : b);
        return (x > y) == max ? a : b;
    }

    public static ulong Max(ulong a, ulong b, bool d, int mode, ref int f) => MaxMin(a, b, true, d, mode, ref f);
    public static ulong Min(ulong a, ulong b, bool d, int mode, ref int f) => MaxMin(a, b, false, d, mode, ref f);

    /// <summary>FMAX_A/FMIN_A: the operand of larger (smaller) magnitude, as QEMU's FMAXMIN_A.</summary>
    public static ulong MaxMinA(ulong a, ulong b, bool max, bool d, int mode, ref int f)
    {
        a = In(a, d, mode, ref f);
        b = In(b, d, mode, ref f);
        if (!IsNaN(a, d) && IsQNaN(b, d)) b = a;
        else if (!IsNaN(b, d) && IsQNaN(a, d)) a = b;
        ulong abs = ~SignBit(d), sa = a & abs, sb = b & abs;
        ulong xs = MaxMin(a, b, max, d, mode, ref f);
        ulong xt = MaxMin(a, b, !max, d, mode, ref f);
        ulong xd = MaxMin(sa, sb, max, d, mode, ref f);
        return sa == sb || xd == (xs & abs) ? xs : xt;
    }

    // ---- compares: bit 0 unordered, 1 equal, 2 less; quiet ones signal only for signalling NaNs ----

    public static bool Compare(ulong a, ulong b, int cond, bool quiet, bool d, int mode, ref int f)
    {
        f |= ClearIsInexact;
        a = In(a, d, mode, ref f);
        b = In(b, d, mode, ref f);
        bool unordered = IsNaN(a, d) || IsNaN(b, d);
        if (unordered)
        {
            if (!quiet || IsSNaN(a, d) || IsSNaN(b, d)) f |= SoftFloat.Invalid;
            return (cond & 1) != 0;
        }
        double x = Val(a, d), y = Val(b, d);
        return ((cond & 2) != 0 && x == y) || ((cond & 4) != 0 && x < y) || ((cond & 8) != 0 && x > y);
    }

    // ---- rounding to integers ----

    private static double RoundTo(double x, int rm) => rm switch
    {
        0 => Math.Round(x, MidpointRounding.ToEven),
        1 => Math.Truncate(x),
        2 => Math.Ceiling(x),
        _ => Math.Floor(x),
    };

    /// <summary>FTINT/FTRUNC: to a signed or unsigned integer element, saturating with Invalid; a NaN gives 0 (MSA_FLOAT_UNOP0).</summary>
    public static ulong ToInt(ulong a, bool unsigned, bool d, int rm, int mode, ref int f)
    {
        f |= ClearFsUnderflow;
        a = In(a, d, mode, ref f);
        if (IsNaN(a, d)) { f |= SoftFloat.Invalid; return 0; }
        double x = Val(a, d), r = RoundTo(x, rm);
        double lo = unsigned ? 0 : d ? -9223372036854775808.0 : -2147483648.0;
        double hi = unsigned ? (d ? 18446744073709551616.0 : 4294967296.0) : (d ? 9223372036854775808.0 : 2147483648.0);
        if (r < lo || r >= hi || double.IsInfinity(r))
        {
            f |= SoftFloat.Invalid;
            if (r < lo) return unsigned ? 0 : d ? 1UL << 63 : 0x8000_0000UL;
            return unsigned ? (d ? ulong.MaxValue : 0xFFFF_FFFFUL) : (d ? long.MaxValue : 0x7FFF_FFFFUL);
        }
        if (r != x) f |= SoftFloat.Inexact;
        if (unsigned) return d ? (r >= 9223372036854775808.0 ? (ulong)(long)(r - 9223372036854775808.0) + (1UL << 63) : (ulong)(long)r) : (uint)(long)r;
        return d ? (ulong)(long)r : (uint)(int)(long)r;
    }

    /// <summary>FFINT_S/U: an integer element rounded to floating point.</summary>
    public static ulong FromInt(ulong v, bool unsigned, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        int rm = mode & 3;
        if (unsigned) return SoftFloat.FromUInt64(d ? v : (uint)v, d, rm, ref f);
        long s = d ? (long)v : (int)(uint)v;
        return d ? SoftFloat.FromInt64(s, true, rm, ref f) : (uint)SoftFloat.FromInt64(s, false, rm, ref f);
    }

    /// <summary>FRINT: to an integral value in MSACSR's rounding mode.</summary>
    public static ulong Rint(ulong a, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        if (Pick(a, a, d, ref f) is ulong nan) return nan;
        if (IsInf(a, d) || IsZero(a, d)) return a;
        double x = Val(a, d), r = RoundTo(x, mode & 3);
        if (r != x) f |= SoftFloat.Inexact;
        ulong bits = d ? BitConverter.DoubleToUInt64Bits(r) : BitConverter.SingleToUInt32Bits((float)r);
        return bits | (a & SignBit(d)); // a zero result keeps the operand's sign
    }

    /// <summary>FLOG2: floor(log2 |a|) as a float (log2 rounded down, then to an integer; Inexact dropped).</summary>
    public static ulong Log2(ulong a, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        if (Pick(a, a, d, ref f) is ulong nan) return nan;
        if (IsZero(a, d)) { f |= SoftFloat.DivZero; return SignBit(d) | ExpMask(d); }
        if ((a & SignBit(d)) != 0) { f |= SoftFloat.Invalid; return DefaultNaN(d); }
        if (IsInf(a, d)) return a;
        double x = Val(a, d);
        int e = Math.ILogB(x);
        double r = e;
        return d ? BitConverter.DoubleToUInt64Bits(r) : BitConverter.SingleToUInt32Bits((float)r);
    }

    /// <summary>FCLASS: QEMU's float_class_s/d bits (signalling NaN 0x1 .. positive zero 0x200).</summary>
    public static ulong Class(ulong a, bool d)
    {
        if (IsSNaN(a, d)) return 0x001;
        if (IsQNaN(a, d)) return 0x002;
        bool neg = (a & SignBit(d)) != 0;
        int k = IsInf(a, d) ? 0 : IsZero(a, d) ? 3 : IsDenormal(a, d) ? 2 : 1;
        return (ulong)(neg ? 0x004 : 0x040) << k;
    }

    // ---- format conversions (NaNs keep their sign and the payload's top bits, quietened) ----

    public static ulong Narrow(ulong a, bool d, int mode, ref int f)
    {
        f |= CheckDenormal;
        a = In(a, d, mode, ref f);
        if (d)
        {
            if (IsNaN(a, true))
            {
                if (IsSNaN(a, true)) f |= SoftFloat.Invalid;
                return (uint)((a >> 32) & 0x8000_0000) | 0x7FC0_0000u | (uint)((a & FracMask(true)) >> 29);
            }
            return Out(SoftFloat.ToSingle(a, mode & 3, ref f), false, mode, ref f);
        }
        uint s = (uint)a;
        if (IsNaN(a, false))
        {
            if (IsSNaN(a, false)) f |= SoftFloat.Invalid;
            return (ushort)(((s >> 16) & 0x8000) | 0x7E00 | ((s & 0x7F_FFFF) >> 13));
        }
        ushort h = SoftFloat.ToHalf(s, mode & 3, ref f);
        if ((mode & 4) != 0 && ((h & 0x7C00) == 0 && (h & 0x3FF) != 0 || (h & 0x7FFF) == 0 && (f & SoftFloat.Underflow) != 0))
        {
            f = (f & ~(SoftFloat.Inexact | SoftFloat.Underflow)) | OutputDenormal; // FS: a subnormal half flushed
            h &= 0x8000;
        }
        return h;
    }

    public static ulong Widen(ulong a, bool d, int mode, ref int f)
    {
        if (d)
        {
            uint s = (uint)a;
            if (IsNaN(s, false))
            {
                if (IsSNaN(s, false)) f |= SoftFloat.Invalid;
                return ((ulong)(s & 0x8000_0000) << 32) | 0x7FF8_0000_0000_0000UL | ((ulong)(s & 0x7F_FFFF) << 29);
            }
            s = (uint)In(s, false, mode, ref f);
            return BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle(s));
        }
        ushort h = (ushort)a;
        if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0)
        {
            if ((h & 0x200) == 0) f |= SoftFloat.Invalid;
            return (uint)((h & 0x8000) << 16) | 0x7FC0_0000u | (uint)((h & 0x3FF) << 13);
        }
        return SoftFloat.FromHalf(h);
    }

    /// <summary>FTQ: a float to a Q15 (Q31) fixed-point value, saturating with Overflow and Inexact (QEMU's float32_to_q16).</summary>
    public static ulong ToQ(ulong a, bool d, int mode, ref int f)
    {
        a = In(a, d, mode, ref f);
        if (IsNaN(a, d)) { f |= SoftFloat.Invalid; return 0; }
        long min = d ? int.MinValue : short.MinValue, max = d ? int.MaxValue : short.MaxValue;
        bool neg = (a & SignBit(d)) != 0;
        int g = 0;
        ulong scaled = d ? SoftFloat.Scalb64(a, 31, mode & 3, ref g) : SoftFloat.Scalb32((uint)a, 15, mode & 3, ref g);
        g &= ~SoftFloat.Underflow;
        if ((g & SoftFloat.Overflow) != 0) { f |= g | SoftFloat.Inexact; return (ulong)(neg ? min : max) & (d ? 0xFFFF_FFFFUL : 0xFFFFUL); }
        double x = Val(scaled, d), r = RoundTo(x, mode & 3);
        if (r != x) g |= SoftFloat.Inexact;
        long q;
        if (double.IsInfinity(r) || r < int.MinValue || r > int.MaxValue && !d || (d && (r < long.MinValue || r >= 9223372036854775808.0)))
        {
            f |= g | SoftFloat.Overflow | SoftFloat.Inexact;
            q = neg ? min : max;
        }
        else
        {
            q = (long)r;
            if (q < min) { g |= SoftFloat.Overflow | SoftFloat.Inexact; q = min; }
            else if (q > max) { g |= SoftFloat.Overflow | SoftFloat.Inexact; q = max; }
            f |= g;
        }
        return (ulong)q & (d ? 0xFFFF_FFFFUL : 0xFFFFUL);
    }

    /// <summary>FFQL/FFQR: a Q15 (Q31) value to a float (exact).</summary>
    public static ulong FromQ(ulong q, bool d)
    {
        if (d) return BitConverter.DoubleToUInt64Bits((int)(uint)q * Math.ScaleB(1, -31));
        return BitConverter.SingleToUInt32Bits((short)(ushort)q * MathF.ScaleB(1, -15));
    }
}
