using System.Numerics;

namespace VzFast.Cpu.Fpu;

/// <summary>
/// IEEE 754 arithmetic as a MIPS Release 2 FPU with the legacy NaN encoding (NaN2008 = 0) does it,
/// with QEMU's softfloat as the behavioural reference: the four rounding modes (FCSR.RM: 0 nearest,
/// 1 toward zero, 2 up, 3 down), the five exception flags (FcsrFlags), a quiet NaN with the
/// fraction's top bit clear and a signalling one with it set, the default NaNs 0x7fbfffff and
/// 0x7ff7ffffffffffff, a signalling operand giving Invalid and the default NaN, otherwise the
/// first NaN operand. The host computes round-to-nearest; the exact error's sign (from TwoSum
/// or a fused multiply-add) steers the other modes, and results near the underflow threshold go
/// through an exact integer path.
/// </summary>
internal static partial class SoftFloat
{
    public const int Inexact = 1, Underflow = 2, Overflow = 4, DivZero = 8, Invalid = 16;
    public const ulong DefaultNaN64 = 0x7FF7_FFFF_FFFF_FFFFUL;
    public const uint DefaultNaN32 = 0x7FBF_FFFFu;
    private const double MinNormal64 = 2.2250738585072014E-308;
    private static readonly double Tiny960 = Math.ScaleB(1, -960), Tiny900 = Math.ScaleB(1, -900);

    public static bool IsNaN64(ulong x) => (x & 0x7FF0_0000_0000_0000UL) == 0x7FF0_0000_0000_0000UL && (x & 0x000F_FFFF_FFFF_FFFFUL) != 0;
    public static bool IsSNaN64(ulong x) => IsNaN64(x) && (x & (1UL << 51)) != 0;
    public static bool IsNaN32(uint x) => (x & 0x7F80_0000u) == 0x7F80_0000u && (x & 0x007F_FFFFu) != 0;
    public static bool IsSNaN32(uint x) => IsNaN32(x) && (x & (1u << 22)) != 0;

    private static double D(ulong x) => BitConverter.UInt64BitsToDouble(x);
    private static ulong B(double x) => BitConverter.DoubleToUInt64Bits(x);
    private static float F(uint x) => BitConverter.UInt32BitsToSingle(x);
    private static uint B(float x) => BitConverter.SingleToUInt32Bits(x);

    // ---- NaN operands ----

    private static bool NaN64(ulong a, ulong b, out ulong result, ref int flags)
    {
        result = 0;
        if (!IsNaN64(a) && !IsNaN64(b)) return false;
        if (IsSNaN64(a) || IsSNaN64(b))
        {
            flags |= Invalid;
            result = DefaultNaN64;
        }
        else result = IsNaN64(a) ? a : b;
        return true;
    }

    private static bool NaN32(uint a, uint b, out uint result, ref int flags)
    {
        result = 0;
        if (!IsNaN32(a) && !IsNaN32(b)) return false;
        if (IsSNaN32(a) || IsSNaN32(b))
        {
            flags |= Invalid;
            result = DefaultNaN32;
        }
        else result = IsNaN32(a) ? a : b;
        return true;
    }

    // ---- rounding a host result whose error sign is known ----

    /// <summary>The nearest-rounded <paramref name="r"/> (exact value - r has sign <paramref name="err"/>) in mode <paramref name="rm"/>.</summary>
    private static ulong Finish64(double r, int err, int rm, ref int flags)
    {
        if (double.IsInfinity(r)) return Overflowed64(r < 0, rm, ref flags);
        if (err != 0)
        {
            flags |= Inexact;
            if (Math.Abs(r) <= MinNormal64 && TinyAfterRounding(Math.Abs(r), Math.Sign(r) * err, rm, r < 0, MinNormal64 * Math.ScaleB(1, -53), MinNormal64))
                flags |= Underflow;
            r = Direct(r, err, rm);
            if (double.IsInfinity(r)) return Overflowed64(r < 0, rm, ref flags);
        }
        return B(r);
    }

    private static double Direct(double r, int err, int rm) => rm switch
    {
        1 when r > 0 && err < 0 => Math.BitDecrement(r),
        1 when r < 0 && err > 0 => Math.BitIncrement(r),
        2 when err > 0 => Math.BitIncrement(r),
        3 when err < 0 => Math.BitDecrement(r),
        _ => r,
    };

    private static ulong Overflowed64(bool negative, int rm, ref int flags)
    {
        flags |= Overflow | Inexact;
        bool toInfinity = rm == 0 || (rm == 2 && !negative) || (rm == 3 && negative);
        double v = toInfinity ? double.PositiveInfinity : double.MaxValue;
        return B(negative ? -v : v);
    }

    /// <summary>A double (exact value - x has sign <paramref name="err"/>) rounded to single in mode <paramref name="rm"/>.</summary>
    private static uint Finish32(double x, int err, int rm, ref int flags)
    {
        float f = (float)x;
        if (float.IsInfinity(f) && !double.IsInfinity(x) || double.IsInfinity(x)) return Overflowed32(x < 0, rm, ref flags);
        double d = x - f;
        int e = d > 0 ? 1 : d < 0 ? -1 : err;
        if (e != 0)
        {
            flags |= Inexact;
            if (Math.Abs(x) <= MinNormal32 && TinyAfterRounding(Math.Abs(x), Math.Sign(x) * err, rm, x < 0, Math.ScaleB(1, -150), MinNormal32))
                flags |= Underflow;
            f = rm switch
            {
                1 when f > 0 && e < 0 => MathF.BitDecrement(f),
                1 when f < 0 && e > 0 => MathF.BitIncrement(f),
                2 when e > 0 => MathF.BitIncrement(f),
                3 when e < 0 => MathF.BitDecrement(f),
                _ => f,
            };
            if (float.IsInfinity(f)) return Overflowed32(f < 0, rm, ref flags);
        }
        return B(f);
    }

    private const float MinNormal32 = 1.17549435E-38f;

    private static uint Overflowed32(bool negative, int rm, ref int flags)
    {
        flags |= Overflow | Inexact;
        bool toInfinity = rm == 0 || (rm == 2 && !negative) || (rm == 3 && negative);
        float v = toInfinity ? float.PositiveInfinity : float.MaxValue;
        return B(negative ? -v : v);
    }

    private static int Sign(double e) => e > 0 ? 1 : e < 0 ? -1 : 0;

    /// <summary>
    /// Tininess after rounding (QEMU's default, which MIPS keeps): the value |x| (plus more beyond
    /// it in the direction <paramref name="errMagnitude"/>) rounded to the format's precision with an
    /// unbounded exponent, on the grid of <paramref name="spacing"/> just below the smallest normal,
    /// is still below it.
    /// </summary>
    private static bool TinyAfterRounding(double x, int errMagnitude, int rm, bool negative, double spacing, double minNormal)
    {
        double q = x / spacing, floor = Math.Floor(q), frac = q - floor;
        bool above = frac > 0 || errMagnitude > 0;
        bool up = rm switch
        {
            0 => frac > 0.5 || (frac == 0.5 && (errMagnitude > 0 || (errMagnitude == 0 && floor % 2 != 0))),
            2 => !negative && above,
            3 => negative && above,
            _ => false,
        };
        return (floor + (up ? 1 : 0)) * spacing < minNormal;
    }

    /// <summary>The sign of (a + b) - fl(a + b) (TwoSum).</summary>
    private static int SumError(double a, double b, double s)
    {
        double bb = s - a;
        return Sign((a - (s - bb)) + (b - bb));
    }

    // ---- double precision ----

    public static ulong Add64(ulong a, ulong b, int rm, ref int flags)
    {
        if (NaN64(a, b, out ulong nan, ref flags)) return nan;
        double x = D(a), y = D(b);
        if (double.IsInfinity(x) && double.IsInfinity(y) && (x > 0) != (y > 0))
        {
            flags |= Invalid;
            return DefaultNaN64;
        }
        if (double.IsInfinity(x) || double.IsInfinity(y)) return B(x + y);
        double s = x + y;
        if (s == 0 && !(x == 0 && y == 0) || (s == 0 && x == 0 && y == 0 && (B(x) ^ B(y)) >> 63 != 0))
            return B(rm == 3 ? -0.0 : 0.0); // an exact zero sum is -0 only rounding down (IEEE 6.3)
        return Finish64(s, double.IsInfinity(s) ? 0 : SumError(x, y, s), rm, ref flags);
    }

    public static ulong Sub64(ulong a, ulong b, int rm, ref int flags) =>
        IsNaN64(b) ? Add64(a, b, rm, ref flags) : Add64(a, b ^ (1UL << 63), rm, ref flags);

    public static ulong Mul64(ulong a, ulong b, int rm, ref int flags)
    {
        if (NaN64(a, b, out ulong nan, ref flags)) return nan;
        double x = D(a), y = D(b), p = x * y;
        if (double.IsNaN(p))
        {
            flags |= Invalid; // zero times infinity
            return DefaultNaN64;
        }
        if (double.IsInfinity(x) || double.IsInfinity(y) || x == 0 || y == 0) return B(p);
        if (Math.Abs(p) < Tiny960) return Exact64((UInt128)Mantissa(a) * Mantissa(b), Exponent(a) + Exponent(b), (a ^ b) >> 63 != 0, false, rm, ref flags);
        return Finish64(p, double.IsInfinity(p) ? 0 : Sign(Math.FusedMultiplyAdd(x, y, -p)), rm, ref flags);
    }

    public static ulong Div64(ulong a, ulong b, int rm, ref int flags)
    {
        if (NaN64(a, b, out ulong nan, ref flags)) return nan;
        double x = D(a), y = D(b);
        if ((x == 0 && y == 0) || (double.IsInfinity(x) && double.IsInfinity(y)))
        {
            flags |= Invalid;
            return DefaultNaN64;
        }
        if (y == 0 && !double.IsInfinity(x))
        {
            flags |= DivZero;
            return B(x / y);
        }
        double q = x / y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || x == 0) return B(q);
        if (Math.Abs(q) < Tiny960 || Math.Abs(x) < Tiny960)
        {
            // exact: ma (its top bit moved to 127) / mb has at least 74 bits, the remainder is the sticky bit
            ulong ma = Mantissa(a), mb = Mantissa(b);
            int shift = 64 + BitOperations.LeadingZeroCount(ma);
            var (quotient, remainder) = UInt128.DivRem((UInt128)ma << shift, mb);
            return Exact64(quotient, Exponent(a) - Exponent(b) - shift, (a ^ b) >> 63 != 0, remainder != 0, rm, ref flags);
        }
        // a - q*b: the remainder's sign times the divisor's is the error's
        double rem = -Math.FusedMultiplyAdd(q, y, -x);
        return Finish64(q, double.IsInfinity(q) ? 0 : Sign(rem) * Math.Sign(y), rm, ref flags);
    }

    public static ulong Sqrt64(ulong a, int rm, ref int flags)
    {
        if (NaN64(a, a, out ulong nan, ref flags)) return nan;
        double x = D(a);
        if (x == 0 || double.IsPositiveInfinity(x)) return a;
        if (x < 0)
        {
            flags |= Invalid;
            return DefaultNaN64;
        }
        if (x < Tiny900)
        {
            // exact: the integer square root of the mantissa moved to bit 125 or 126 (an even exponent),
            // a root of at least 63 bits, the remainder the sticky bit
            ulong mant = Mantissa(a);
            int e = Exponent(a);
            int scale = 125 - (63 - BitOperations.LeadingZeroCount(mant));
            if (((e - scale) & 1) != 0) scale++;
            UInt128 m = (UInt128)mant << scale;
            e -= scale;
            ulong root = ISqrt(m);
            return Exact64(root, e / 2, false, (UInt128)root * root != m, rm, ref flags);
        }
        double s = Math.Sqrt(x);
        return Finish64(s, Sign(-Math.FusedMultiplyAdd(s, s, -x)), rm, ref flags);
    }

    // ---- single precision: computed in double (exact, or with a known error sign), then rounded ----

    public static uint Add32(uint a, uint b, int rm, ref int flags)
    {
        if (NaN32(a, b, out uint nan, ref flags)) return nan;
        double x = F(a), y = F(b);
        if (double.IsInfinity(x) && double.IsInfinity(y) && (x > 0) != (y > 0))
        {
            flags |= Invalid;
            return DefaultNaN32;
        }
        if (double.IsInfinity(x) || double.IsInfinity(y)) return B((float)(x + y));
        double s = x + y;
        if (s == 0) return B((x == 0 && y == 0 && (a ^ b) >> 31 == 0) ? (float)x : rm == 3 ? -0f : 0f);
        return Finish32(s, SumError(x, y, s), rm, ref flags);
    }

    public static uint Sub32(uint a, uint b, int rm, ref int flags) =>
        IsNaN32(b) ? Add32(a, b, rm, ref flags) : Add32(a, b ^ (1u << 31), rm, ref flags);

    public static uint Mul32(uint a, uint b, int rm, ref int flags)
    {
        if (NaN32(a, b, out uint nan, ref flags)) return nan;
        double x = F(a), y = F(b), p = x * y; // exact: 24 x 24 bits
        if (double.IsNaN(p))
        {
            flags |= Invalid;
            return DefaultNaN32;
        }
        if (double.IsInfinity(p) || p == 0) return B((float)p);
        return Finish32(p, 0, rm, ref flags);
    }

    public static uint Div32(uint a, uint b, int rm, ref int flags)
    {
        if (NaN32(a, b, out uint nan, ref flags)) return nan;
        double x = F(a), y = F(b);
        if ((x == 0 && y == 0) || (double.IsInfinity(x) && double.IsInfinity(y)))
        {
            flags |= Invalid;
            return DefaultNaN32;
        }
        if (y == 0 && !double.IsInfinity(x))
        {
            flags |= DivZero;
            return B((float)(x / y));
        }
        double q = x / y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || x == 0) return B((float)q);
        return Finish32(q, Sign(-Math.FusedMultiplyAdd(q, y, -x)) * Math.Sign(y), rm, ref flags);
    }

    public static uint Sqrt32(uint a, int rm, ref int flags)
    {
        if (NaN32(a, a, out uint nan, ref flags)) return nan;
        double x = F(a);
        if (x == 0 || double.IsPositiveInfinity(x)) return a;
        if (x < 0)
        {
            flags |= Invalid;
            return DefaultNaN32;
        }
        double s = Math.Sqrt(x);
        return Finish32(s, Sign(-Math.FusedMultiplyAdd(s, s, -x)), rm, ref flags);
    }

    // ---- conversions ----

    public static ulong ToDouble(uint a, ref int flags)
    {
        if (IsSNaN32(a))
        {
            flags |= Invalid;
            return DefaultNaN64;
        }
        if (IsNaN32(a)) return DefaultNaN64; // as QEMU: a NaN converts to the default NaN
        return B((double)F(a));
    }

    public static uint ToSingle(ulong a, int rm, ref int flags)
    {
        if (IsSNaN64(a))
        {
            flags |= Invalid;
            return DefaultNaN32;
        }
        if (IsNaN64(a)) return DefaultNaN32;
        double x = D(a);
        if (double.IsInfinity(x) || x == 0) return B((float)x);
        return Finish32(x, 0, rm, ref flags);
    }

    public static ulong FromInt64(long v, bool toDouble, int rm, ref int flags)
    {
        if (v == 0) return 0;
        ulong m = v < 0 ? 0UL - (ulong)v : (ulong)v;
        return toDouble ? Exact64(m, 0, v < 0, false, rm, ref flags) : Exact32(m, 0, v < 0, false, rm, ref flags);
    }

    /// <summary>To a 32- or 64-bit integer with rounding <paramref name="rm"/>; NaN and out of range give Invalid and the largest positive integer (legacy MIPS).</summary>
    public static ulong ToInt(double x, bool is64, int rm, ref int flags)
    {
        ulong overflow = is64 ? 0x7FFF_FFFF_FFFF_FFFFUL : 0x7FFF_FFFFUL;
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            flags |= Invalid;
            return overflow;
        }
        double r = rm switch
        {
            0 => Math.Round(x, MidpointRounding.ToEven),
            1 => Math.Truncate(x),
            2 => Math.Ceiling(x),
            _ => Math.Floor(x),
        };
        bool fits = is64 ? r >= -9223372036854775808.0 && r < 9223372036854775808.0 : r >= -2147483648.0 && r < 2147483648.0;
        if (!fits)
        {
            flags |= Invalid;
            return overflow;
        }
        if (r != x) flags |= Inexact;
        return is64 ? (ulong)(long)r : (uint)(int)(long)r;
    }

    /// <summary>C.cond.fmt: bit 0 unordered, bit 1 equal, bit 2 less than; bit 3 signals Invalid on any NaN.</summary>
    public static bool Compare(double x, double y, bool xs, bool ys, int cond, ref int flags)
    {
        bool unordered = double.IsNaN(x) || double.IsNaN(y);
        if (unordered && ((cond & 8) != 0 || xs || ys)) flags |= Invalid;
        if (unordered) return (cond & 1) != 0;
        return ((cond & 2) != 0 && x == y) || ((cond & 4) != 0 && x < y);
    }

    // ---- the exact path ----

    private static ulong Mantissa(ulong a)
    {
        ulong frac = a & 0x000F_FFFF_FFFF_FFFFUL;
        return (a & 0x7FF0_0000_0000_0000UL) == 0 ? frac : frac | (1UL << 52);
    }

    /// <summary>The power of two of the mantissa's last bit.</summary>
    private static int Exponent(ulong a)
    {
        int e = (int)((a >> 52) & 0x7FF);
        return (e == 0 ? 1 : e) - 1075;
    }

    /// <summary>floor(sqrt(n)): the host's square root as a first guess, then corrected (Newton's step cannot overshoot by more than a few).</summary>
    private static ulong ISqrt(UInt128 n)
    {
        ulong x = (ulong)Math.Min(Math.Sqrt((double)n), ulong.MaxValue);
        if (x > 0) x = (ulong)(((UInt128)x + n / x) >> 1);
        while (x > 0 && (UInt128)x * x > n) x--;
        while ((UInt128)(x + 1) * (x + 1) <= n) x++;
        return x;
    }

    /// <summary>Whether rounding mant x 2^exp2 (its top bit at 2^top) to <paramref name="precision"/> bits reaches 2^(top + 1).</summary>
    private static bool CarriesToNextBinade<T>(T mant, int exp2, int top, bool negative, bool sticky, int rm, int precision) where T : IBinaryInteger<T>
    {
        int shift = top - (precision - 1) - exp2;
        if (shift <= 0) return false;
        var (kept, up) = RoundedBits(mant, shift, negative, sticky, rm);
        return up && kept + T.One == T.One << precision;
    }

    /// <summary>mant with its low <paramref name="shift"/> bits dropped, and whether rounding in mode rm adds one to it.</summary>
    private static (T Kept, bool Up) RoundedBits<T>(T mant, int shift, bool negative, bool sticky, int rm) where T : IBinaryInteger<T>
    {
        int length = BitLength(mant); // shifts of a fixed-width T must stay below its width
        T rest = shift >= length ? mant : mant & ((T.One << shift) - T.One);
        T kept = shift >= length ? T.Zero : mant >> shift;
        bool restZero = T.IsZero(rest);
        // compare rest with half of the dropped weight, 2^(shift - 1)
        int cmp = shift - 1 >= length ? -1 : rest.CompareTo(T.One << (shift - 1));
        bool up = rm switch
        {
            0 => cmp > 0 || (cmp == 0 && (sticky || !T.IsEvenInteger(kept))),
            2 => !negative && (!restZero || sticky),
            3 => negative && (!restZero || sticky),
            _ => false,
        };
        return (kept, up);
    }

    private static int BitLength<T>(T x) where T : IBinaryInteger<T> => T.IsZero(x) ? 0 : int.CreateTruncating(T.Log2(x)) + 1;

    internal static ulong Exact64<T>(T mant, int exp2, bool negative, bool sticky, int rm, ref int flags) where T : IBinaryInteger<T>
    {
        var (m, e, inexact, tiny) = RoundExact(mant, exp2, negative, sticky, rm, 53, -1074, -1022);
        if (inexact) flags |= Inexact;
        if (tiny && inexact) flags |= Underflow;
        if (T.IsZero(m)) return negative ? 1UL << 63 : 0;
        if (e > 1023 - 52) return Overflowed64(negative, rm, ref flags);
        ulong mm = ulong.CreateTruncating(m);
        ulong bits = mm >= 1UL << 52 ? (ulong)(e + 1075) << 52 | (mm & 0x000F_FFFF_FFFF_FFFFUL) : mm; // normal, or subnormal (e = -1074)
        if (mm >= 1UL << 53) throw new InvalidOperationException("rounding overflowed its mantissa");
        return (negative ? 1UL << 63 : 0) | bits;
    }

    internal static uint Exact32<T>(T mant, int exp2, bool negative, bool sticky, int rm, ref int flags) where T : IBinaryInteger<T>
    {
        var (m, e, inexact, tiny) = RoundExact(mant, exp2, negative, sticky, rm, 24, -149, -126);
        if (inexact) flags |= Inexact;
        if (tiny && inexact) flags |= Underflow;
        if (T.IsZero(m)) return negative ? 1u << 31 : 0;
        if (e > 127 - 23) return Overflowed32(negative, rm, ref flags);
        uint mm = uint.CreateTruncating(m);
        uint bits = mm >= 1u << 23 ? (uint)(e + 150) << 23 | (mm & 0x7F_FFFF) : mm;
        return (negative ? 1u << 31 : 0) | bits;
    }

    /// <summary>
    /// mant x 2^exp2 (with more below if sticky) rounded to <paramref name="precision"/> bits, the
    /// last bit's weight at least 2^minQuantum (subnormals): the mantissa, its last bit's weight,
    /// whether it was inexact, and whether the result is below the smallest normal.
    /// </summary>
    private static (T Mant, int Exp, bool Inexact, bool Tiny) RoundExact<T>(T mant, int exp2, bool negative, bool sticky, int rm,
        int precision, int minQuantum, int minNormalExp) where T : IBinaryInteger<T>
    {
        if (T.IsZero(mant)) return (T.Zero, minQuantum, sticky, true);
        int top = exp2 + BitLength(mant) - 1;
        // tiny after rounding to the precision with an unbounded exponent (QEMU's default, kept by MIPS)
        bool tiny = top < minNormalExp - 1 || (top == minNormalExp - 1 && !CarriesToNextBinade(mant, exp2, top, negative, sticky, rm, precision));
        int quantum = Math.Max(top - (precision - 1), minQuantum);
        bool inexact = sticky;
        if (quantum > exp2)
        {
            int shift = quantum - exp2;
            var (kept, up) = RoundedBits(mant, shift, negative, sticky, rm);
            inexact |= kept << shift != mant || shift >= BitLength(mant);
            mant = up ? kept + T.One : kept;
            exp2 = quantum;
        }
        else if (sticky)
        {
            bool up = rm switch { 2 => !negative, 3 => negative, _ => false };
            if (up) mant += T.One;
        }
        else
        {
            // exactly representable with room to spare: normalise the mantissa to the precision
            int grow = Math.Min(precision - BitLength(mant), exp2 - minQuantum);
            if (grow > 0)
            {
                mant <<= grow;
                exp2 -= grow;
            }
        }
        if (BitLength(mant) > precision)
        {
            mant >>= 1;
            exp2++;
        }
        // a subnormal result that rounded up to the smallest normal keeps the normal encoding
        if (!T.IsZero(mant) && BitLength(mant) < precision && exp2 > minQuantum)
        {
            int grow = Math.Min(precision - BitLength(mant), exp2 - minQuantum);
            mant <<= grow;
            exp2 -= grow;
        }
        return (mant, exp2, inexact, tiny);
    }
}
