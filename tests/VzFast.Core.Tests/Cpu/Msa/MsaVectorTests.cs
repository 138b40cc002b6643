using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using VzFast.Cpu;
using Xunit;

namespace VzFast.Core.Tests.Cpu.Msa;

// The whole-vector integer forms (MsaVector.cs) against element-by-element definitions written from
// the MSA specification's pseudocode (rev. 1.12, chapter 3), in every data format, on random vectors
// with edge values mixed in. The SSE2 and portable interleaves are each held to the definition.
public class MsaVectorTests
{
    private static readonly long[] Edges = [0, 1, -1, long.MinValue, long.MaxValue, 0x80, 0x7F, 0x8000, 0x7FFF, 0x8000_0000, 0x7FFF_FFFF];

    private static Vector128<ulong> RandomVector(Random rng)
    {
        var v = Vector128.Create((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
        for (int i = 0; i < 16; i++)
            if (rng.Next(6) == 0)
            {
                int df = rng.Next(4);
                int lanes = CpuCore.Lanes(df);
                v = CpuCore.WithElem(v, df, rng.Next(lanes), Edges[rng.Next(Edges.Length)]);
            }
        return v;
    }

    private static ulong Zx(long x, int df) => df == 3 ? (ulong)x : (ulong)x & ((1UL << (8 << df)) - 1);

    /// <summary>An element-wise reference: r[i] = f(s[i] signed, t[i] signed).</summary>
    private static Vector128<ulong> Elementwise(int df, Vector128<ulong> s, Vector128<ulong> t, Func<long, long, long> f)
    {
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < CpuCore.Lanes(df); i++) r = CpuCore.WithElem(r, df, i, f(CpuCore.Elem(s, df, i), CpuCore.Elem(t, df, i)));
        return r;
    }

    public static TheoryData<string> Ops() => new(["addv", "subv", "mulv", "max_s", "min_s", "max_u", "min_u", "ceq", "clt_s", "clt_u", "cle_s", "cle_u",
        "asub_s", "asub_u", "slli", "srai", "srli", "ilvr", "ilvl", "ilvev", "ilvod", "pckev", "pckod", "dotp_s", "dotp_u"]);

    [Theory]
    [MemberData(nameof(Ops))]
    public void WholeVector_MatchesElementDefinition(string op)
    {
        var rng = new Random(op.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        for (int n = 0; n < 500; n++)
            for (int df = 0; df < 4; df++)
            {
                var s = RandomVector(rng);
                var t = RandomVector(rng);
                int m = rng.Next(8 << df);
                var (actual, expected) = Run(op, df, s, t, m);
                Assert.True(actual.Equals(expected), $"{op} df={df} m={m} s={s} t={t}: {actual} != {expected}");
            }
    }

    private static (Vector128<ulong>, Vector128<ulong>) Run(string op, int df, Vector128<ulong> s, Vector128<ulong> t, int m)
    {
        int bits = 8 << df, n = CpuCore.Lanes(df);
        long True = -1;
        switch (op)
        {
            case "addv": return (CpuCore.VAdd(df, s, t), Elementwise(df, s, t, (a, b) => a + b));
            case "subv": return (CpuCore.VSub(df, s, t), Elementwise(df, s, t, (a, b) => a - b));
            case "mulv": return (CpuCore.VMul(df, s, t), Elementwise(df, s, t, (a, b) => a * b));
            case "max_s": return (CpuCore.VMaxS(df, s, t), Elementwise(df, s, t, Math.Max));
            case "min_s": return (CpuCore.VMinS(df, s, t), Elementwise(df, s, t, Math.Min));
            case "max_u": return (CpuCore.VMaxU(df, s, t), Elementwise(df, s, t, (a, b) => Zx(a, df) >= Zx(b, df) ? a : b));
            case "min_u": return (CpuCore.VMinU(df, s, t), Elementwise(df, s, t, (a, b) => Zx(a, df) <= Zx(b, df) ? a : b));
            case "ceq": return (CpuCore.VCeq(df, s, t), Elementwise(df, s, t, (a, b) => a == b ? True : 0));
            case "clt_s": return (CpuCore.VCltS(df, s, t), Elementwise(df, s, t, (a, b) => a < b ? True : 0));
            case "clt_u": return (CpuCore.VCltU(df, s, t), Elementwise(df, s, t, (a, b) => Zx(a, df) < Zx(b, df) ? True : 0));
            case "cle_s": return (CpuCore.VCleS(df, s, t), Elementwise(df, s, t, (a, b) => a <= b ? True : 0));
            case "cle_u": return (CpuCore.VCleU(df, s, t), Elementwise(df, s, t, (a, b) => Zx(a, df) <= Zx(b, df) ? True : 0));
            case "asub_s": return (CpuCore.VAsubS(df, s, t), Elementwise(df, s, t, (a, b) => a > b ? a - b : b - a));
            case "asub_u": return (CpuCore.VAsubU(df, s, t), Elementwise(df, s, t, (a, b) => Zx(a, df) > Zx(b, df) ? a - b : b - a));
            case "slli": return (CpuCore.VShift(df, s, m, 0), Elementwise(df, s, t, (a, _) => a << m));
            case "srai": return (CpuCore.VShift(df, s, m, 1), Elementwise(df, s, t, (a, _) => a >> m));
            case "srli": return (CpuCore.VShift(df, s, m, 2), Elementwise(df, s, t, (a, _) => (long)(Zx(a, df) >> m)));
            case "ilvr" or "ilvl":
            {
                bool high = op == "ilvl";
                var r = Vector128<ulong>.Zero;
                for (int i = 0; i < n / 2; i++)
                {
                    int k = high ? n / 2 + i : i;
                    r = CpuCore.WithElem(r, df, 2 * i, CpuCore.Elem(t, df, k));
                    r = CpuCore.WithElem(r, df, 2 * i + 1, CpuCore.Elem(s, df, k));
                }
                if (Sse2.IsSupported) Assert.Equal(r, CpuCore.VInterleaveSse2(df, s, t, high));
                Assert.Equal(r, CpuCore.VInterleavePortable(df, s, t, high));
                return (CpuCore.VInterleave(df, s, t, high), r);
            }
            case "ilvev" or "ilvod":
            {
                int o = op == "ilvod" ? 1 : 0;
                var r = Vector128<ulong>.Zero;
                for (int i = 0; i < n / 2; i++)
                {
                    r = CpuCore.WithElem(r, df, 2 * i, CpuCore.Elem(t, df, 2 * i + o));
                    r = CpuCore.WithElem(r, df, 2 * i + 1, CpuCore.Elem(s, df, 2 * i + o));
                }
                return (CpuCore.VInterleaveEvenOdd(df, s, t, o == 1), r);
            }
            case "pckev" or "pckod":
            {
                int o = op == "pckod" ? 1 : 0;
                var r = Vector128<ulong>.Zero;
                for (int i = 0; i < n / 2; i++)
                {
                    r = CpuCore.WithElem(r, df, i, CpuCore.Elem(t, df, 2 * i + o));
                    r = CpuCore.WithElem(r, df, n / 2 + i, CpuCore.Elem(s, df, 2 * i + o));
                }
                return (CpuCore.VPack(df, s, t, o == 1), r);
            }
            default:
            {
                if (df == 0) return (default, default); // DOTP has no byte format
                bool signed = op == "dotp_s";
                int h = df - 1;
                long Half(Vector128<ulong> v, int i) => signed ? CpuCore.Elem(v, h, i) : (long)CpuCore.UElem(v, h, i);
                var r = Vector128<ulong>.Zero;
                for (int i = 0; i < n; i++)
                    r = CpuCore.WithElem(r, df, i, Half(s, 2 * i) * Half(t, 2 * i) + Half(s, 2 * i + 1) * Half(t, 2 * i + 1));
                return (CpuCore.VDot(df, s, t, signed), r);
            }
        }
    }
}
