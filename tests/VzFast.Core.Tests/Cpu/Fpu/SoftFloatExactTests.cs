using System.Numerics;
using VzFast.Cpu.Fpu;
using Xunit;

namespace VzFast.Core.Tests.Cpu.Fpu;

// The fused multiply-adds (single: in double with a round-to-odd sum; double: 128-bit integers with
// the alignment folded into the last bit) against the exact integer sum over BigInteger rounded once
// by the same rounding core: every rounding mode, normal, subnormal and zero operands, results that
// overflow, underflow, cancel or land on midpoints.
public class SoftFloatExactTests
{
    /// <summary>(-1)^pn pm 2^pe + (-1)^cn cm 2^ce, exactly, rounded once; an exact zero sum is -0 only when both are -0 or rounding down (IEEE 6.3).</summary>
    internal static ulong ExactSum(BigInteger pm, int pe, bool pn, BigInteger cm, int ce, bool cn, int rm, ref int flags, bool dbl)
    {
        int e = Math.Min(pe, ce);
        var s = (pn ? -pm : pm) * BigInteger.Pow(2, pe - e) + (cn ? -cm : cm) * BigInteger.Pow(2, ce - e);
        if (s.IsZero)
        {
            bool neg = pm.IsZero && cm.IsZero && pn == cn ? pn : rm == 3;
            return dbl ? (neg ? 1UL << 63 : 0) : (neg ? 1u << 31 : 0);
        }
        return dbl ? SoftFloat.Exact64(BigInteger.Abs(s), e, s.Sign < 0, false, rm, ref flags)
                   : SoftFloat.Exact32(BigInteger.Abs(s), e, s.Sign < 0, false, rm, ref flags);
    }

    private static uint RandomSingle(Random rng)
    {
        uint sign = (uint)rng.Next(2) << 31;
        switch (rng.Next(10))
        {
            case 0: return sign; // zero
            case 1: return sign | (uint)rng.Next(1, 0x80_0000); // subnormal
            case 2: return sign | (uint)rng.Next(1, 255) << 23 | ((uint)rng.Next() & 0x7F_0000); // short fraction: exact cases and midpoints
            case 3: return sign | (uint)rng.Next(230, 255) << 23 | ((uint)rng.Next() & 0x7F_FFFF); // huge
            case 4: return sign | (uint)rng.Next(1, 30) << 23 | ((uint)rng.Next() & 0x7F_FFFF); // tiny
            default: return sign | (uint)rng.Next(100, 155) << 23 | ((uint)rng.Next() & 0x7F_FFFF);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fma32_EqualsExactSumRoundedOnce(int rm)
    {
        var rng = new Random(32 + rm);
        for (int n = 0; n < 200_000; n++)
        {
            uint a = RandomSingle(rng), b = RandomSingle(rng), c = RandomSingle(rng);
            if (n % 4 == 0) c = (uint)BitConverter.SingleToInt32Bits(-(float)((double)BitConverter.Int32BitsToSingle((int)a) * BitConverter.Int32BitsToSingle((int)b))) ^ (uint)rng.Next(4); // near cancellation
            if ((c & 0x7F80_0000) == 0x7F80_0000) continue; // infinities are handled before the arithmetic
            bool negate = rng.Next(2) == 0;
            int f = 0, g = 0;
            uint? actual = SoftFloat.Fma32(a, b, c, negate, rm, ref f);
            var (ma, ea, an) = SoftFloat.Fields32(a);
            var (mb, eb, bn) = SoftFloat.Fields32(b);
            var (mc, ec, cn) = SoftFloat.Fields32(c);
            uint expected = (uint)ExactSum((BigInteger)ma * mb, ea + eb, (an ^ bn) ^ negate, mc, ec, cn, rm, ref g, false);
            Assert.True(actual == expected && f == g, $"rm={rm} {a:x8} x {b:x8} {(negate ? "-" : "+")} {c:x8}: {actual:x8} flags {f} != {expected:x8} flags {g}");
        }
    }
}

public class SoftFloatExact64Tests
{
    private static ulong RandomDouble(Random rng)
    {
        ulong sign = (ulong)rng.Next(2) << 63, frac = (ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF;
        switch (rng.Next(10))
        {
            case 0: return sign;
            case 1: return sign | Math.Max(frac >> rng.Next(52), 1); // subnormal
            case 2: return sign | (ulong)rng.Next(1, 2047) << 52 | (frac & 0xF_F000_0000_0000); // short fraction: exact cases and midpoints
            case 3: return sign | (ulong)rng.Next(1900, 2047) << 52 | frac; // huge
            case 4: return sign | (ulong)rng.Next(1, 150) << 52 | frac; // tiny
            default: return sign | (ulong)rng.Next(900, 1150) << 52 | frac;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fma64_EqualsExactSumRoundedOnce(int rm)
    {
        var rng = new Random(64 + rm);
        for (int n = 0; n < 100_000; n++)
        {
            ulong a = RandomDouble(rng), b = RandomDouble(rng), c = RandomDouble(rng);
            if (n % 4 == 0) // near cancellation: c about -(a x b), sometimes a few units off
                c = (ulong)BitConverter.DoubleToInt64Bits(-BitConverter.Int64BitsToDouble((long)a) * BitConverter.Int64BitsToDouble((long)b)) ^ (ulong)rng.Next(4);
            if ((c & 0x7FF0_0000_0000_0000) == 0x7FF0_0000_0000_0000) continue; // infinities and NaNs are handled before the arithmetic
            bool negate = rng.Next(2) == 0;
            int f = 0, g = 0;
            ulong? actual = SoftFloat.Fma64(a, b, c, negate, rm, ref f);
            var (ma, ea, an) = SoftFloat.Fields64(a);
            var (mb, eb, bn) = SoftFloat.Fields64(b);
            var (mc, ec, cn) = SoftFloat.Fields64(c);
            ulong expected = SoftFloatExactTests.ExactSum((BigInteger)ma * mb, ea + eb, (an ^ bn) ^ negate, mc, ec, cn, rm, ref g, true);
            Assert.True(actual == expected && f == g, $"rm={rm} {a:x16} x {b:x16} {(negate ? "-" : "+")} {c:x16}: {actual:x16} flags {f} != {expected:x16} flags {g}");
        }
    }
}

// The exact paths of multiply, divide and square root near the underflow threshold, integer to
// float conversion and scaling, on 64- and 128-bit integers, against the same values over
// BigInteger rounded by the same rounding core, in every rounding mode.
public class SoftFloatFixedWidthTests
{
    private static ulong Tiny(Random rng) => (ulong)rng.Next(2) << 63 | (rng.Next(3) == 0
        ? Math.Max(((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFFUL) >> rng.Next(52), 1UL)                       // subnormal
        : (ulong)(uint)rng.Next(1, 120) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF));         // small normal

    private static ulong Any(Random rng) => (ulong)rng.Next(2) << 63 | (ulong)(uint)rng.Next(1, 2047) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF);

    private static BigInteger Mant(ulong a) => SoftFloat.Fields64(a).Mant;
    private static int Exp(ulong a) => SoftFloat.Fields64(a).Exp;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TinyProductsQuotientsAndRoots_EqualTheBigIntegerPaths(int rm)
    {
        var rng = new Random(100 + rm);
        for (int n = 0; n < 50_000; n++)
        {
            ulong a = Tiny(rng), b = rng.Next(2) == 0 ? Any(rng) : (ulong)(uint)rng.Next(900, 1100) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF);
            bool neg = (long)(a ^ b) < 0;
            int f = 0, g = 0;
            ulong mul = SoftFloat.Mul64(a, b, rm, ref f);
            if (Math.Abs(BitConverter.UInt64BitsToDouble(a) * BitConverter.UInt64BitsToDouble(b)) < Math.ScaleB(1, -960))
            {
                ulong expected = SoftFloat.Exact64(Mant(a) * Mant(b), Exp(a) + Exp(b), neg, false, rm, ref g);
                Assert.True(mul == expected && f == g, $"mul rm={rm} {a:x16} {b:x16}: {mul:x16}/{f} != {expected:x16}/{g}");
            }
            f = g = 0;
            ulong div = SoftFloat.Div64(a, b, rm, ref f);
            {
                var q = BigInteger.DivRem(Mant(a) << 128, Mant(b), out var r);
                ulong expected = SoftFloat.Exact64(q, Exp(a) - Exp(b) - 128, neg, !r.IsZero, rm, ref g);
                Assert.True(div == expected && f == g, $"div rm={rm} {a:x16} {b:x16}: {div:x16}/{f} != {expected:x16}/{g}");
            }
            f = g = 0;
            ulong pos = a & ~(1UL << 63);
            ulong root = SoftFloat.Sqrt64(pos, rm, ref f);
            {
                var m = Mant(pos);
                int e = Exp(pos), scale = 256 + (e & 1);
                m <<= scale;
                e -= scale;
                var x = BigInteger.One << (int)((m.GetBitLength() + 1) / 2);
                while (true) { var y = (x + m / x) >> 1; if (y >= x) break; x = y; }
                ulong expected = SoftFloat.Exact64(x, e / 2, false, x * x != m, rm, ref g);
                Assert.True(root == expected && f == g, $"sqrt rm={rm} {pos:x16}: {root:x16}/{f} != {expected:x16}/{g}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ConversionsAndScaling_EqualTheBigIntegerPaths(int rm)
    {
        var rng = new Random(200 + rm);
        foreach (long v in new[] { long.MinValue, long.MaxValue, -1L, 1L, (1L << 53) + 1, -(1L << 62) - 3 })
            Check(v);
        for (int n = 0; n < 50_000; n++) Check(rng.NextInt64() >> rng.Next(64));
        void Check(long v)
        {
            if (v == 0) return;
            foreach (bool dbl in new[] { true, false })
            {
                int f = 0, g = 0;
                ulong actual = SoftFloat.FromInt64(v, dbl, rm, ref f);
                var m = BigInteger.Abs(v);
                ulong expected = dbl ? SoftFloat.Exact64(m, 0, v < 0, false, rm, ref g) : SoftFloat.Exact32(m, 0, v < 0, false, rm, ref g);
                Assert.True(actual == expected && f == g, $"cvt rm={rm} {v}: {actual:x}/{f} != {expected:x}/{g}");
            }
            ulong a = Any(rng);
            int s = rng.Next(-1200, 1200), f2 = 0, g2 = 0;
            ulong scaled = SoftFloat.Scalb64(a, s, rm, ref f2);
            ulong reference = SoftFloat.Exact64(Mant(a), Exp(a) + s, (long)a < 0, false, rm, ref g2);
            Assert.True(scaled == reference && f2 == g2, $"scalb rm={rm} {a:x16} {s}: {scaled:x16}/{f2} != {reference:x16}/{g2}");
        }
    }
}

public class SoftFloatAllocationTests
{
    /// <summary>The exact paths (tiny results, fused multiply-adds, wide conversions, half precision) allocate nothing.</summary>
    [Fact]
    public void ExactPaths_AllocateNothing()
    {
        ulong tiny = 0x0001_2345_6789_ABCDUL, big = 0x7FE1_2345_6789_ABCDUL, one = 0x3FF8_0000_0000_0001UL;
        long sink = 0;
        void Run(int n)
        {
            for (int i = 0; i < n; i++)
            {
                int f = 0, rm = i & 3;
                sink += (long)SoftFloat.Mul64(tiny, one, rm, ref f);
                sink += (long)SoftFloat.Div64(tiny, big, rm, ref f);
                sink += (long)SoftFloat.Sqrt64(tiny, rm, ref f);
                sink += (long)(SoftFloat.Fma64(one, big, tiny ^ (1UL << 63), i % 2 == 0, rm, ref f) ?? 0);
                sink += (long)(SoftFloat.Fma32(0x3F80_0001u, 0x0080_0001u, 0x8000_0001u, false, rm, ref f) ?? 0);
                sink += (long)SoftFloat.FromInt64(long.MinValue + i, true, rm, ref f);
                sink += (long)SoftFloat.FromUInt64(ulong.MaxValue - (ulong)i, false, rm, ref f);
                sink += (long)SoftFloat.Scalb64(one, -1070 + (i & 7), rm, ref f);
                sink += SoftFloat.ToHalf(0x3F80_1234u + (uint)i, rm, ref f);
            }
        }
        Run(1000); // the .NET JIT first
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sink);
    }
}
