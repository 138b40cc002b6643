using System.Numerics;

namespace VzFast.Cpu.Fpu;

// Operations that round an exactly known value once (the integer path): the fused multiply-add,
// scaling by a power of two, half precision and unsigned 64-bit conversion — used by MSA
// (MSA specification rev. 1.12, 3.2 "Floating-point instructions"). Operands are never NaN here:
// callers resolve NaNs in their own encoding first.
internal static partial class SoftFloat
{
    /// <summary>A single's integer mantissa, the power of two of its last bit, and its sign.</summary>
    internal static (uint Mant, int Exp, bool Negative) Fields32(uint a)
    {
        uint frac = a & 0x7F_FFFF;
        int e = (int)((a >> 23) & 0xFF);
        return (e == 0 ? frac : frac | (1u << 23), (e == 0 ? 1 : e) - 150, (int)a < 0);
    }

    /// <summary>A double's integer mantissa, the power of two of its last bit, and its sign.</summary>
    internal static (ulong Mant, int Exp, bool Negative) Fields64(ulong a) => (Mantissa(a), Exponent(a), (long)a < 0);

    private static bool IsInf64(ulong a) => (a & 0x7FFF_FFFF_FFFF_FFFFUL) == 0x7FF0_0000_0000_0000UL;
    private static bool IsInf32(uint a) => (a & 0x7FFF_FFFFu) == 0x7F80_0000u;
    private static bool IsZero64(ulong a) => (a & 0x7FFF_FFFF_FFFF_FFFFUL) == 0;
    private static bool IsZero32(uint a) => (a & 0x7FFF_FFFFu) == 0;

    /// <summary>
    /// a x b + c rounded once (negate: c - a x b). Infinity x zero and infinities of opposite signs
    /// are Invalid: null is returned and the caller supplies its default NaN.
    /// </summary>
    public static ulong? Fma64(ulong a, ulong b, ulong c, bool negate, int rm, ref int flags)
    {
        bool pNeg = ((a ^ b) >> 63 != 0) ^ negate;
        if ((IsInf64(a) && IsZero64(b)) || (IsZero64(a) && IsInf64(b))) { flags |= Invalid; return null; }
        if (IsInf64(a) || IsInf64(b))
        {
            if (IsInf64(c) && ((long)c < 0) != pNeg) { flags |= Invalid; return null; }
            return (pNeg ? 1UL << 63 : 0) | 0x7FF0_0000_0000_0000UL;
        }
        if (IsInf64(c)) return c;
        bool cNeg = (long)c < 0;
        ulong ma = Mantissa(a), mb = Mantissa(b), mc = Mantissa(c);
        if (ma == 0 || mb == 0)
        {
            if (mc != 0) return c; // c + 0 is c exactly
            bool neg = pNeg == cNeg ? pNeg : rm == 3; // IEEE 6.3: an exact zero sum
            return neg ? 1UL << 63 : 0;
        }
        UInt128 p = (UInt128)ma * mb;
        int pe = Exponent(a) + Exponent(b);
        if (mc == 0) return Exact64(p, pe, pNeg, false, rm, ref flags);
        // both normalised with their top bit at 125 (2 bits of headroom); their lowest set bits are then
        // at 20 or above, so aligning by up to 20 is exact and a longer shift folds what it drops into
        // the last bit (round to odd), which no rounding boundary can separate from the exact value
        int sp = 125 - (int)UInt128.Log2(p), sc = 125 - (63 - BitOperations.LeadingZeroCount(mc));
        UInt128 x = p << sp, y = (UInt128)mc << sc;
        int xe = pe - sp, ye = Exponent(c) - sc;
        bool xNeg = pNeg, yNeg = cNeg;
        if (ye > xe || (ye == xe && y > x))
        {
            (x, y) = (y, x);
            (xe, ye) = (ye, xe);
            (xNeg, yNeg) = (yNeg, xNeg);
        }
        int d = xe - ye;
        if (d > 0) y = d >= 128 ? UInt128.One : (y >> d) | (y << (128 - d) != 0 ? UInt128.One : UInt128.Zero);
        UInt128 sum = xNeg == yNeg ? x + y : x - y;
        if (sum == 0) return rm == 3 ? 1UL << 63 : 0;
        return Exact64(sum, xe, xNeg, false, rm, ref flags);
    }

    public static uint? Fma32(uint a, uint b, uint c, bool negate, int rm, ref int flags)
    {
        bool pNeg = ((a ^ b) >> 31 != 0) ^ negate;
        if ((IsInf32(a) && IsZero32(b)) || (IsZero32(a) && IsInf32(b))) { flags |= Invalid; return null; }
        if (IsInf32(a) || IsInf32(b))
        {
            if (IsInf32(c) && ((int)c < 0) != pNeg) { flags |= Invalid; return null; }
            return (pNeg ? 1u << 31 : 0) | 0x7F80_0000u;
        }
        if (IsInf32(c)) return c;
        // in double: the product is exact (48 bits), TwoSum gives the sum's exact error, and rounding
        // the sum to odd at 53 bits keeps the single rounding exact in every mode (Boldo and Melquiond)
        double p = (double)BitConverter.Int32BitsToSingle((int)a) * BitConverter.Int32BitsToSingle((int)b);
        if (negate) p = -p;
        double q = BitConverter.Int32BitsToSingle((int)c);
        double sum = p + q, bb = sum - p, err = (p - (sum - bb)) + (q - bb);
        if (sum == 0)
        {
            bool neg = p == 0 && q == 0 && double.IsNegative(p) == double.IsNegative(q) ? double.IsNegative(p) : rm == 3;
            return neg ? 1u << 31 : 0;
        }
        int side = Math.Sign(err); // the exact value's side of sum
        if (side != 0 && (BitConverter.DoubleToInt64Bits(sum) & 1) == 0)
        {
            sum = side > 0 ? Math.BitIncrement(sum) : Math.BitDecrement(sum);
            side = -side;
        }
        return Finish32(sum, side, rm, ref flags);
    }

    /// <summary>a x 2^n rounded (scalbn); infinities and zeros pass through.</summary>
    public static ulong Scalb64(ulong a, int n, int rm, ref int flags)
    {
        if (IsInf64(a) || IsZero64(a)) return a;
        var (m, e, neg) = Fields64(a);
        return Exact64(m, e + n, neg, false, rm, ref flags);
    }

    public static uint Scalb32(uint a, int n, int rm, ref int flags)
    {
        if (IsInf32(a) || IsZero32(a)) return a;
        var (m, e, neg) = Fields32(a);
        return Exact32(m, e + n, neg, false, rm, ref flags);
    }

    public static ulong FromUInt64(ulong v, bool toDouble, int rm, ref int flags)
    {
        if (v == 0) return 0;
        return toDouble ? Exact64(v, 0, false, false, rm, ref flags) : Exact32(v, 0, false, false, rm, ref flags);
    }

    /// <summary>A non-NaN single rounded to IEEE half precision (1-5-10).</summary>
    public static ushort ToHalf(uint a, int rm, ref int flags)
    {
        ushort sign = (ushort)((a >> 16) & 0x8000);
        if (IsInf32(a)) return (ushort)(sign | 0x7C00);
        if (IsZero32(a)) return sign;
        var (m, e, neg) = Fields32(a);
        var (hm, he, inexact, tiny) = RoundExact(m, e, neg, false, rm, 11, -24, -14);
        if (inexact) flags |= Inexact;
        if (tiny && inexact) flags |= Underflow;
        if (hm == 0) return sign;
        if (he > 15 - 10)
        {
            flags |= Overflow | Inexact;
            bool toInfinity = rm == 0 || (rm == 2 && !neg) || (rm == 3 && neg);
            return (ushort)(sign | (toInfinity ? 0x7C00 : 0x7BFF));
        }
        uint mm = (uint)hm;
        uint bits = mm >= 1u << 10 ? (uint)(he + 25) << 10 | (mm & 0x3FF) : mm;
        return (ushort)(sign | bits);
    }

    /// <summary>A non-NaN half widened to single (exact).</summary>
    public static uint FromHalf(ushort h)
    {
        uint sign = (uint)(h & 0x8000) << 16;
        int e = (h >> 10) & 0x1F;
        uint frac = (uint)(h & 0x3FF);
        if (e == 0x1F) return sign | 0x7F80_0000u;
        if (e == 0)
        {
            if (frac == 0) return sign;
            float v = frac * MathF.ScaleB(1, -24);
            return sign | BitConverter.SingleToUInt32Bits(v);
        }
        return sign | (uint)(e - 15 + 127) << 23 | frac << 13;
    }
}
