using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// MSA element rearrangement and widening arithmetic (MSA specification rev. 1.12): pack even/odd,
// interleave left/right/even/odd, dot products (with accumulate), horizontal add/subtract. The
// widening forms combine pairs of half-width elements; the byte format has none (RI).
public sealed unsafe partial class CpuCore
{
    private void Rearrange(Msa3R op, Func<int, int, (bool FromWs, int Index)> pick)
    {
        if (!MsaUsable()) return;
        int df = op.Df, n = Lanes(df);
        var s = ReadVector(op.Ws);
        var t = ReadVector(op.Wt);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++)
        {
            var (fromWs, k) = pick(i, n);
            r = WithElem(r, df, i, Elem(fromWs ? s : t, df, k));
        }
        WriteVector(op.Wd, r);
    }

    private partial void Pckev(Msa3R op) => Vec3(op, static (df, s, t) => VPack(df, s, t, false));
    private partial void Pckod(Msa3R op) => Vec3(op, static (df, s, t) => VPack(df, s, t, true));
    private partial void Ilvl(Msa3R op) => Vec3(op, static (df, s, t) => VInterleave(df, s, t, true));
    private partial void Ilvr(Msa3R op) => Vec3(op, static (df, s, t) => VInterleave(df, s, t, false));
    private partial void Ilvev(Msa3R op) => Vec3(op, static (df, s, t) => VInterleaveEvenOdd(df, s, t, false));
    private partial void Ilvod(Msa3R op) => Vec3(op, static (df, s, t) => VInterleaveEvenOdd(df, s, t, true));

    /// <summary>Pairs of half-width elements of ws and wt combined into each element of wd (df &gt; byte).</summary>
    private void Widening(Msa3R op, bool signed, Func<long, long, long, long, long, long> f)
    {
        if (!MsaUsable()) return;
        int df = op.Df;
        if (df == 0)
        {
            RaiseException(ExcCode.RI);
            return;
        }
        var s = ReadVector(op.Ws);
        var t = ReadVector(op.Wt);
        var d = ReadVector(op.Wd);
        var r = Vector128<ulong>.Zero;
        long Half(Vector128<ulong> v, int k) => signed ? Elem(v, df - 1, k) : (long)UElem(v, df - 1, k);
        for (int i = 0; i < Lanes(df); i++)
            r = WithElem(r, df, i, f(Half(s, 2 * i), Half(s, 2 * i + 1), Half(t, 2 * i), Half(t, 2 * i + 1), Elem(d, df, i)));
        WriteVector(op.Wd, r);
    }

    private partial void DotpS(Msa3R op) => Dot(op, true, 0);
    private partial void DotpU(Msa3R op) => Dot(op, false, 0);
    private partial void DpaddS(Msa3R op) => Dot(op, true, 1);
    private partial void DpaddU(Msa3R op) => Dot(op, false, 1);
    private partial void DpsubS(Msa3R op) => Dot(op, true, -1);
    private partial void DpsubU(Msa3R op) => Dot(op, false, -1);
    private partial void HaddS(Msa3R op) => Horizontal(op, true, false);
    private partial void HaddU(Msa3R op) => Horizontal(op, false, false);
    private partial void HsubS(Msa3R op) => Horizontal(op, true, true);
    private partial void HsubU(Msa3R op) => Horizontal(op, false, true);
}
