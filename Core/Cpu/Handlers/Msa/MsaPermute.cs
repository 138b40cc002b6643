namespace VzFast.Cpu;

// MSA element rearrangement and widening arithmetic (MSA specification rev. 1.12): pack even/odd,
// interleave left/right/even/odd, dot products (with accumulate), horizontal add/subtract, on whole
// vectors (MsaVector.cs). The widening forms have no byte format (RI, in Dot and Horizontal).
public sealed unsafe partial class CpuCore
{
    private partial void Pckev(Msa3R op) => Vec3(op, static (df, s, t) => VPack(df, s, t, false));
    private partial void Pckod(Msa3R op) => Vec3(op, static (df, s, t) => VPack(df, s, t, true));
    private partial void Ilvl(Msa3R op) => Vec3(op, static (df, s, t) => VInterleave(df, s, t, true));
    private partial void Ilvr(Msa3R op) => Vec3(op, static (df, s, t) => VInterleave(df, s, t, false));
    private partial void Ilvev(Msa3R op) => Vec3(op, static (df, s, t) => VInterleaveEvenOdd(df, s, t, false));
    private partial void Ilvod(Msa3R op) => Vec3(op, static (df, s, t) => VInterleaveEvenOdd(df, s, t, true));

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
