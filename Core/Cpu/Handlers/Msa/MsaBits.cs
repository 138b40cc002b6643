using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// MSA shifts by an immediate and single-bit operations (MSA specification rev. 1.12, BIT format:
// df/m packs the format and the bit number), bit clear/set/negate by vector, and SPLAT (the
// element of ws a GPR selects, in every element of wd).
public sealed unsafe partial class CpuCore
{
    /// <summary>BIT's df/m: (format, bit number).</summary>
    private static (int Df, int M) BitFormat(int dfm) => dfm switch
    {
        >= 0x70 => (0, dfm & 7),
        >= 0x60 => (1, dfm & 15),
        >= 0x40 => (2, dfm & 31),
        _ => (3, dfm & 63),
    };

    private void Bit(MsaBit op, Func<long, ulong, int, int, long> f)
    {
        if (!MsaUsable()) return;
        var (df, m) = BitFormat((int)op.Dfm);
        var s = ReadVector(op.Ws);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, f(Elem(s, df, i), UElem(s, df, i), m, 8 << df));
        WriteVector(op.Wd, r);
    }

    private void ShiftImmediate(MsaBit op, int kind)
    {
        if (!MsaUsable()) return;
        var (df, m) = BitFormat((int)op.Dfm);
        WriteVector(op.Wd, VShift(df, ReadVector(op.Ws), m, kind));
    }

    private partial void Slli(MsaBit op) => ShiftImmediate(op, 0);
    private partial void Srai(MsaBit op) => ShiftImmediate(op, 1);
    private partial void Srli(MsaBit op) => ShiftImmediate(op, 2);
    private partial void Bclri(MsaBit op) => Bit(op, static (a, _, m, _) => a & ~(1L << m));
    private partial void Bseti(MsaBit op) => Bit(op, static (a, _, m, _) => a | (1L << m));
    private partial void Bnegi(MsaBit op) => Bit(op, static (a, _, m, _) => a ^ (1L << m));

    private partial void Bclr(Msa3R op) => R3(op, static (a, _, _, t, bits) => a & ~(1L << (int)Shift(bits, t)));
    private partial void Bset(Msa3R op) => R3(op, static (a, _, _, t, bits) => a | (1L << (int)Shift(bits, t)));
    private partial void Bneg(Msa3R op) => R3(op, static (a, _, _, t, bits) => a ^ (1L << (int)Shift(bits, t)));

    /// <summary>SPLAT.df wd, ws[rt]: the wt field names a GPR; its value modulo the element count picks the element.</summary>
    private partial void Splat(Msa3R op)
    {
        if (!MsaUsable()) return;
        int df = op.Df, n = Lanes(df);
        long x = Elem(ReadVector(op.Ws), df, (int)(R[op.Wt] % (ulong)n));
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++) r = WithElem(r, df, i, x);
        WriteVector(op.Wd, r);
    }
}
