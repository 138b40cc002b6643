using System.Runtime.Intrinsics;

namespace VzFast.Cpu;

// MSA: the bit-move immediates and SHF of the I8 format, saturation to m + 1 bits, and shifts
// right with rounding (the last bit shifted out is added), by an immediate or by a vector.
public sealed unsafe partial class CpuCore
{
    private void I8Select(MsaI8 op, Func<Vector128<byte>, Vector128<byte>, Vector128<byte>, Vector128<byte>> f)
    {
        if (MsaUsable()) WriteVector(op.Wd, f(ReadVector(op.Ws).AsByte(), Vector128.Create((byte)op.I8), ReadVector(op.Wd).AsByte()).AsUInt64());
    }

    private partial void BmnziB(MsaI8 op) => I8Select(op, static (s, i, d) => (s & i) | (d & ~i));
    private partial void BmziB(MsaI8 op) => I8Select(op, static (s, i, d) => (s & ~i) | (d & i));
    private partial void BseliB(MsaI8 op) => I8Select(op, static (s, i, d) => (i & d) | (s & ~d));

    /// <summary>SHF.df: within each group of four elements, element i takes the one i8's 2-bit field i names.</summary>
    private void Shf(MsaI8 op, int df)
    {
        if (!MsaUsable()) return;
        var s = ReadVector(op.Ws);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, Elem(s, df, (i & ~3) + (int)((op.I8 >> (2 * (i & 3))) & 3)));
        WriteVector(op.Wd, r);
    }

    private partial void ShfB(MsaI8 op) => Shf(op, 0);
    private partial void ShfH(MsaI8 op) => Shf(op, 1);
    private partial void ShfW(MsaI8 op) => Shf(op, 2);

    private static long RoundShiftS(long a, int m) => m == 0 ? a : (a >> m) + ((a >> (m - 1)) & 1);
    private static long RoundShiftU(ulong a, int m) => (long)(m == 0 ? a : (a >> m) + ((a >> (m - 1)) & 1));

    private partial void SatS(MsaBit op) => Bit(op, static (a, _, m, _) => Math.Clamp(a, -(1L << m), (1L << m) - 1));
    private partial void SatU(MsaBit op) => Bit(op, static (_, u, m, _) => (long)Math.Min(u, m == 63 ? ulong.MaxValue : (1UL << (m + 1)) - 1));
    private partial void Srari(MsaBit op) => Bit(op, static (a, _, m, _) => RoundShiftS(a, m));
    private partial void Srlri(MsaBit op) => Bit(op, static (_, u, m, _) => RoundShiftU(u, m));
    private partial void Srar(Msa3R op) => R3(op, static (a, _, _, t, bits) => RoundShiftS(a, (int)Shift(bits, t)));
    private partial void Srlr(Msa3R op) => R3(op, static (_, _, a, t, bits) => RoundShiftU(a, (int)Shift(bits, t)));
}
