using VzFast.Cpu.Fpu;
using Xunit;

namespace VzFast.Core.Tests.Cpu.Fpu;

// The single-precision fused multiply-add (computed in double with a round-to-odd sum) against the
// exact integer sum rounded once (SoftFloat.Sum over BigInteger): every rounding mode, normal,
// subnormal and zero operands, results that overflow, underflow, cancel or land on midpoints.
public class SoftFloatExactTests
{
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
            var (ma, ea, an) = SoftFloat.Parts32(a);
            var (mb, eb, bn) = SoftFloat.Parts32(b);
            var (mc, ec, cn) = SoftFloat.Parts32(c);
            uint expected = (uint)SoftFloat.Sum(ma * mb, ea + eb, (an ^ bn) ^ negate, mc, ec, cn, rm, ref g, false);
            Assert.True(actual == expected && f == g, $"rm={rm} {a:x8} x {b:x8} {(negate ? "-" : "+")} {c:x8}: {actual:x8} flags {f} != {expected:x8} flags {g}");
        }
    }
}
