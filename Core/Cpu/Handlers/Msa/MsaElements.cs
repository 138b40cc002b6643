using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// MSA element moves and the remaining integer groups (MSA specification rev. 1.12, chapter 3):
// SLD/SLDI, SPLATI, INSVE, MOVE.V, VSHF, BINSL/BINSR(I), MAX_A/MIN_A and the fixed-point
// MUL_Q/MADD_Q/MSUB_Q with their rounding forms, as QEMU's msa_helper.c computes them.
public sealed unsafe partial class CpuCore
{
    /// <summary>SLD: wd and ws concatenated per slice of <c>s</c> bytes (s = the element count) and slid by n bytes (QEMU's msa_sld_df).</summary>
    private Vector128<ulong> Slide(Vector128<ulong> wd, Vector128<ulong> ws, int df, int n)
    {
        int s = Lanes(df);
        n %= s;
        var d = wd.AsByte();
        var src = ws.AsByte();
        var r = d;
        Span<byte> v = stackalloc byte[32];
        for (int k = 0; k < 16 / s; k++)
        {
            for (int i = 0; i < s; i++)
            {
                v[i] = src.GetElement(s * k + i);
                v[i + s] = d.GetElement(s * k + i);
            }
            for (int i = 0; i < s; i++) r = r.WithElement(s * k + i, v[i + n]);
        }
        return r.AsUInt64();
    }

    private partial void Sld(Msa3R op)
    {
        if (MsaUsable()) WriteVector(op.Wd, Slide(ReadVector(op.Wd), ReadVector(op.Ws), op.Df, (int)(R[op.Wt] % (ulong)Lanes(op.Df))));
    }

    private bool ElementOperand(MsaElm op, out int df, out int n)
    {
        df = n = 0;
        if (!MsaUsable()) return false;
        if (ElementOf((int)op.Dfn) is not var (d, i))
        {
            RaiseException(ExcCode.RI);
            return false;
        }
        (df, n) = (d, i);
        return true;
    }

    private partial void Sldi(MsaElm op)
    {
        if (ElementOperand(op, out int df, out int n)) WriteVector(op.Wd, Slide(ReadVector(op.Wd), ReadVector(op.Ws), df, n));
    }

    private partial void Splati(MsaElm op)
    {
        if (!ElementOperand(op, out int df, out int n)) return;
        long x = Elem(ReadVector(op.Ws), df, n);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, x);
        WriteVector(op.Wd, r);
    }

    private partial void Insve(MsaElm op)
    {
        if (ElementOperand(op, out int df, out int n)) WriteVector(op.Wd, WithElem(ReadVector(op.Wd), df, n, Elem(ReadVector(op.Ws), df, 0)));
    }

    private partial void MoveV(MsaMove op)
    {
        if (MsaUsable()) WriteVector(op.Wd, ReadVector(op.Ws));
    }

    /// <summary>VSHF: each wd element selects from wt (indices below n) or ws; bits 6-7 set give zero.</summary>
    private partial void Vshf(Msa3R op)
    {
        if (!MsaUsable()) return;
        int df = op.Df, n = Lanes(df);
        var c = ReadVector(op.Wd);
        var s = ReadVector(op.Ws);
        var t = ReadVector(op.Wt);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++)
        {
            ulong ctl = UElem(c, df, i);
            int k = (int)((ctl & 0x3F) % (ulong)(2 * n));
            long x = (ctl & 0xC0) != 0 ? 0 : k < n ? Elem(t, df, k) : Elem(s, df, k - n);
            r = WithElem(r, df, i, x);
        }
        WriteVector(op.Wd, r);
    }

    // ---- bit insert: the top (BINSL) or bottom (BINSR) m+1 bits of ws into wd ----

    private static long BinsL(ulong dest, ulong src, ulong m, int bits)
    {
        int shD = (int)(m % (ulong)bits) + 1, shA = bits - shD;
        if (shD == bits) return (long)src;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return (long)((((dest << shD) & mask) >> shD) | (((src >> shA) << shA) & mask));
    }

    private static long BinsR(ulong dest, ulong src, ulong m, int bits)
    {
        int shD = (int)(m % (ulong)bits) + 1, shA = bits - shD;
        if (shD == bits) return (long)src;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return (long)(((dest >> shD) << shD) | ((((src << shA) & mask)) >> shA));
    }

    private void Bins(int df, int wd, Vector128<ulong> s, Func<int, ulong> m, bool left)
    {
        var d = ReadVector(wd);
        var r = Vector128<ulong>.Zero;
        int bits = 8 << df;
        for (int i = 0; i < Lanes(df); i++)
            r = WithElem(r, df, i, left ? BinsL(UElem(d, df, i), UElem(s, df, i), m(i), bits) : BinsR(UElem(d, df, i), UElem(s, df, i), m(i), bits));
        WriteVector(wd, r);
    }

    private partial void Binsl(Msa3R op)
    {
        if (!MsaUsable()) return;
        var t = ReadVector(op.Wt);
        Bins(op.Df, op.Wd, ReadVector(op.Ws), i => UElem(t, op.Df, i), true);
    }

    private partial void Binsr(Msa3R op)
    {
        if (!MsaUsable()) return;
        var t = ReadVector(op.Wt);
        Bins(op.Df, op.Wd, ReadVector(op.Ws), i => UElem(t, op.Df, i), false);
    }

    private partial void Binsli(MsaBit op)
    {
        if (!MsaUsable()) return;
        var (df, m) = BitFormat((int)op.Dfm);
        Bins(df, op.Wd, ReadVector(op.Ws), _ => (ulong)m, true);
    }

    private partial void Binsri(MsaBit op)
    {
        if (!MsaUsable()) return;
        var (df, m) = BitFormat((int)op.Dfm);
        Bins(df, op.Wd, ReadVector(op.Ws), _ => (ulong)m, false);
    }

    private partial void MaxA(Msa3R op) => R3(op, static (a, b, _, _, _) => (a >= 0 ? a : -a) > (b >= 0 ? b : -b) ? a : b);
    private partial void MinA(Msa3R op) => R3(op, static (a, b, _, _, _) => (a >= 0 ? a : -a) < (b >= 0 ? b : -b) ? a : b);

    // ---- fixed point (Q15 halfwords, Q31 words) ----

    private void FixedPoint(Msa3RF op, Func<long, long, long, int, long> f)
    {
        if (!MsaUsable()) return;
        int df = op.Dfw == 1 ? 2 : 1, bits = 8 << df;
        var s = ReadVector(op.Ws);
        var t = ReadVector(op.Wt);
        var d = ReadVector(op.Wd);
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, f(Elem(d, df, i), Elem(s, df, i), Elem(t, df, i), bits));
        WriteVector(op.Wd, r);
    }

    private static long QMul(long a, long b, int bits, bool round)
    {
        long min = -(1L << (bits - 1));
        if (a == min && b == min) return -min - 1;
        return (a * b + (round ? 1L << (bits - 2) : 0)) >> (bits - 1);
    }

    private static long QMulAdd(long dest, long a, long b, int bits, bool sub, bool round)
    {
        long max = (1L << (bits - 1)) - 1, min = -max - 1, p = a * b;
        long q = ((dest << (bits - 1)) + (sub ? -p : p) + (round ? 1L << (bits - 2) : 0)) >> (bits - 1);
        return Math.Clamp(q, min, max);
    }

    private partial void MulQ(Msa3RF op) => FixedPoint(op, static (_, a, b, bits) => QMul(a, b, bits, false));
    private partial void MulrQ(Msa3RF op) => FixedPoint(op, static (_, a, b, bits) => QMul(a, b, bits, true));
    private partial void MaddQ(Msa3RF op) => FixedPoint(op, static (d, a, b, bits) => QMulAdd(d, a, b, bits, false, false));
    private partial void MaddrQ(Msa3RF op) => FixedPoint(op, static (d, a, b, bits) => QMulAdd(d, a, b, bits, false, true));
    private partial void MsubQ(Msa3RF op) => FixedPoint(op, static (d, a, b, bits) => QMulAdd(d, a, b, bits, true, false));
    private partial void MsubrQ(Msa3RF op) => FixedPoint(op, static (d, a, b, bits) => QMulAdd(d, a, b, bits, true, true));

    // ---- LSA/DLSA: rd = (rs << (sa + 1)) + rt, with MSA (MSA specification 3.3; Release 6 has them too) ----

    private partial void Lsa(Lsa op)
    {
        if (!Model.HasMsa) { RaiseException(ExcCode.RI); return; }
        R[op.Rd] = (ulong)(long)(int)(uint)((R[op.Rs] << (op.Sa2 + 1)) + R[op.Rt]);
    }

    private partial void Dlsa(Lsa op)
    {
        if (!Model.HasMsa) { RaiseException(ExcCode.RI); return; }
        R[op.Rd] = (R[op.Rs] << (op.Sa2 + 1)) + R[op.Rt];
    }
}
