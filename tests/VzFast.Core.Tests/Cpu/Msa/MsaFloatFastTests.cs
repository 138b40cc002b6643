using System.Runtime.Intrinsics;
using VzFast.Cpu;
using VzFast.Cpu.Fpu;
using Xunit;

namespace VzFast.Core.Tests.Cpu.Msa;

// The whole-vector FADD/FSUB/FMUL/FDIV/FMADD/FMSUB path (MsaFloatFast.cs) against the element path
// (MsaFloat, compared with QEMU by msafp.elf): whenever the fast path accepts a vector, every lane
// has the element path's bits and Inexact is set iff some lane was inexact, with no other flag.
public class MsaFloatFastTests
{
    private static ulong RandomFloat(Random rng, bool d, int expSpread)
    {
        if (rng.Next(16) == 0) return rng.Next(2) == 0 ? 0 : (d ? 1UL << 63 : 1UL << 31);
        if (d)
        {
            ulong exp = (ulong)(1023 + rng.Next(-expSpread, expSpread + 1));
            ulong frac = (ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF;
            if (rng.Next(4) == 0) frac &= ~0xFFFF_FFFFUL; // short fractions: exact results happen
            return ((ulong)rng.Next(2) << 63) | (exp << 52) | frac;
        }
        uint e = (uint)(127 + rng.Next(-expSpread, expSpread + 1));
        uint f = (uint)rng.Next() & 0x7F_FFFF;
        if (rng.Next(4) == 0) f &= ~0xFFFFu;
        return ((uint)rng.Next(2) << 31) | (e << 23) | f;
    }

    private static Vector128<ulong> RandomVector(Random rng, bool d, int spread) => d
        ? Vector128.Create(RandomFloat(rng, true, spread), RandomFloat(rng, true, spread))
        : Vector128.Create(RandomFloat(rng, false, spread) | (RandomFloat(rng, false, spread) << 32), RandomFloat(rng, false, spread) | (RandomFloat(rng, false, spread) << 32));

    private static ulong Slow(int kind, ulong s, ulong t, ulong w, bool d, ref int f) => kind switch
    {
        CpuCore.FastAdd => MsaFloat.Add(s, t, d, 0, ref f),
        CpuCore.FastSub => MsaFloat.Sub(s, t, d, 0, ref f),
        CpuCore.FastMul => MsaFloat.Mul(s, t, d, 0, ref f),
        CpuCore.FastDiv => MsaFloat.Div(s, t, d, 0, ref f),
        CpuCore.FastMadd => MsaFloat.MulAdd(s, t, w, false, d, 0, ref f),
        _ => MsaFloat.MulAdd(s, t, w, true, d, 0, ref f),
    };

    private static bool Fast(int kind, bool d, Vector128<ulong> s, Vector128<ulong> t, Vector128<ulong> w, out Vector128<ulong> r, out bool inexact)
    {
        if (kind == CpuCore.FastMsub) s ^= Vector128.Create(d ? 0x8000_0000_0000_0000UL : 0x8000_0000_8000_0000UL);
        return kind >= CpuCore.FastMadd
            ? d ? CpuCore.FastFma64(s.AsDouble(), t.AsDouble(), w.AsDouble(), out r, out inexact) : CpuCore.FastFma32(s.AsSingle(), t.AsSingle(), w.AsSingle(), out r, out inexact)
            : d ? CpuCore.Fast64(kind, s.AsDouble(), t.AsDouble(), out r, out inexact) : CpuCore.Fast32(kind, s.AsSingle(), t.AsSingle(), out r, out inexact);
    }

    [Theory]
    [InlineData(CpuCore.FastAdd)]
    [InlineData(CpuCore.FastSub)]
    [InlineData(CpuCore.FastMul)]
    [InlineData(CpuCore.FastDiv)]
    [InlineData(CpuCore.FastMadd)]
    [InlineData(CpuCore.FastMsub)]
    public void FastPath_MatchesElementPath(int kind)
    {
        var rng = new Random(8 + kind);
        foreach (bool d in new[] { false, true })
            foreach (int spread in new[] { 4, 40, d ? 1100 : 140 })
            {
                int accepted = 0;
                const int trials = 4000;
                for (int n = 0; n < trials; n++)
                {
                    var s = RandomVector(rng, d, spread);
                    var t = RandomVector(rng, d, spread);
                    var w = RandomVector(rng, d, spread);
                    if (!Fast(kind, d, s, t, w, out var r, out bool inexact)) continue;
                    accepted++;
                    int lanes = d ? 2 : 4, bits = d ? 64 : 32, flags = 0;
                    for (int i = 0; i < lanes; i++)
                    {
                        int f = 0;
                        ulong e = Slow(kind, Lane(s, bits, i), Lane(t, bits, i), Lane(w, bits, i), d, ref f);
                        Assert.False(MsaFloat.IsDenormal(e, d), $"kind {kind} d={d}: the fast path took a denormal result");
                        Assert.Equal(e, Lane(r, bits, i));
                        flags |= f & MsaFloat.IeeeMask;
                    }
                    Assert.Equal(inexact ? SoftFloat.Inexact : 0, flags);
                }
                // ordinary operands of similar size must take the fast path, or it is dead code
                if (spread == 4) Assert.True(accepted > trials * 3 / 4, $"kind {kind} d={d}: only {accepted} of {trials} took the fast path");
            }
    }

    private static ulong Lane(Vector128<ulong> v, int bits, int i) =>
        bits == 64 ? v.GetElement(i) : (v.GetElement(i / 2) >> (32 * (i % 2))) & 0xFFFF_FFFF;
}
