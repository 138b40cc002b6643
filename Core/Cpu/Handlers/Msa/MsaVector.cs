using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VzFast.Cpu;

// Whole-vector forms of the common MSA integer instructions (System.Runtime.Intrinsics): one
// Vector128 operation per instruction instead of a loop over elements, with SSE2's unpack for the
// interleaves where the host has it and a portable path otherwise. Results equal the element
// loops they replace (msa.elf compares every instruction with QEMU on every engine).
public sealed unsafe partial class CpuCore
{
    private delegate Vector128<ulong> VecOp(int df, Vector128<ulong> s, Vector128<ulong> t);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Vec3(Msa3R op, VecOp f)
    {
        if (MsaUsable()) WriteVector(op.Wd, f(op.Df, ReadVector(op.Ws), ReadVector(op.Wt)));
    }

    internal static Vector128<ulong> VAdd(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => (a.AsByte() + b.AsByte()).AsUInt64(),
        1 => (a.AsUInt16() + b.AsUInt16()).AsUInt64(),
        2 => (a.AsUInt32() + b.AsUInt32()).AsUInt64(),
        _ => a + b,
    };

    internal static Vector128<ulong> VSub(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => (a.AsByte() - b.AsByte()).AsUInt64(),
        1 => (a.AsUInt16() - b.AsUInt16()).AsUInt64(),
        2 => (a.AsUInt32() - b.AsUInt32()).AsUInt64(),
        _ => a - b,
    };

    internal static Vector128<ulong> VMul(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => (a.AsByte() * b.AsByte()).AsUInt64(),
        1 => (a.AsUInt16() * b.AsUInt16()).AsUInt64(),
        2 => (a.AsUInt32() * b.AsUInt32()).AsUInt64(),
        _ => a * b,
    };

    internal static Vector128<ulong> VMaxS(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.Max(a.AsSByte(), b.AsSByte()).AsUInt64(),
        1 => Vector128.Max(a.AsInt16(), b.AsInt16()).AsUInt64(),
        2 => Vector128.Max(a.AsInt32(), b.AsInt32()).AsUInt64(),
        _ => Vector128.Max(a.AsInt64(), b.AsInt64()).AsUInt64(),
    };

    internal static Vector128<ulong> VMinS(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.Min(a.AsSByte(), b.AsSByte()).AsUInt64(),
        1 => Vector128.Min(a.AsInt16(), b.AsInt16()).AsUInt64(),
        2 => Vector128.Min(a.AsInt32(), b.AsInt32()).AsUInt64(),
        _ => Vector128.Min(a.AsInt64(), b.AsInt64()).AsUInt64(),
    };

    internal static Vector128<ulong> VMaxU(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.Max(a.AsByte(), b.AsByte()).AsUInt64(),
        1 => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsUInt64(),
        2 => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsUInt64(),
        _ => Vector128.Max(a, b),
    };

    internal static Vector128<ulong> VMinU(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.Min(a.AsByte(), b.AsByte()).AsUInt64(),
        1 => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsUInt64(),
        2 => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsUInt64(),
        _ => Vector128.Min(a, b),
    };

    internal static Vector128<ulong> VCeq(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.Equals(a.AsByte(), b.AsByte()).AsUInt64(),
        1 => Vector128.Equals(a.AsUInt16(), b.AsUInt16()).AsUInt64(),
        2 => Vector128.Equals(a.AsUInt32(), b.AsUInt32()).AsUInt64(),
        _ => Vector128.Equals(a, b),
    };

    internal static Vector128<ulong> VCltS(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsUInt64(),
        1 => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsUInt64(),
        2 => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsUInt64(),
        _ => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsUInt64(),
    };

    internal static Vector128<ulong> VCltU(int df, Vector128<ulong> a, Vector128<ulong> b) => df switch
    {
        0 => Vector128.LessThan(a.AsByte(), b.AsByte()).AsUInt64(),
        1 => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsUInt64(),
        2 => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsUInt64(),
        _ => Vector128.LessThan(a, b),
    };

    internal static Vector128<ulong> VCleS(int df, Vector128<ulong> a, Vector128<ulong> b) => ~VCltS(df, b, a);
    internal static Vector128<ulong> VCleU(int df, Vector128<ulong> a, Vector128<ulong> b) => ~VCltU(df, b, a);

    /// <summary>ASUB: |a - b| as an unsigned element, the larger minus the smaller (wrapping).</summary>
    internal static Vector128<ulong> VAsubS(int df, Vector128<ulong> a, Vector128<ulong> b) => VSub(df, VMaxS(df, a, b), VMinS(df, a, b));
    internal static Vector128<ulong> VAsubU(int df, Vector128<ulong> a, Vector128<ulong> b) => VSub(df, VMaxU(df, a, b), VMinU(df, a, b));

    /// <summary>Every element of format <paramref name="df"/> set to <paramref name="x"/>.</summary>
    internal static Vector128<ulong> Splat(int df, long x) => df switch
    {
        0 => Vector128.Create((byte)x).AsUInt64(),
        1 => Vector128.Create((ushort)x).AsUInt64(),
        2 => Vector128.Create((uint)x).AsUInt64(),
        _ => Vector128.Create((ulong)x),
    };

    internal static Vector128<ulong> VShift(int df, Vector128<ulong> a, int m, int kind) => (kind, df) switch
    {
        (0, 0) => Vector128.ShiftLeft(a.AsByte(), m).AsUInt64(),
        (0, 1) => Vector128.ShiftLeft(a.AsUInt16(), m).AsUInt64(),
        (0, 2) => Vector128.ShiftLeft(a.AsUInt32(), m).AsUInt64(),
        (0, _) => Vector128.ShiftLeft(a, m),
        (1, 0) => Vector128.ShiftRightArithmetic(a.AsSByte(), m).AsUInt64(),
        (1, 1) => Vector128.ShiftRightArithmetic(a.AsInt16(), m).AsUInt64(),
        (1, 2) => Vector128.ShiftRightArithmetic(a.AsInt32(), m).AsUInt64(),
        (1, _) => Vector128.ShiftRightArithmetic(a.AsInt64(), m).AsUInt64(),
        (_, 0) => Vector128.ShiftRightLogical(a.AsByte(), m).AsUInt64(),
        (_, 1) => Vector128.ShiftRightLogical(a.AsUInt16(), m).AsUInt64(),
        (_, 2) => Vector128.ShiftRightLogical(a.AsUInt32(), m).AsUInt64(),
        _ => Vector128.ShiftRightLogical(a, m),
    };

    // ---- interleave and pack ----

    /// <summary>ILVR (low halves) / ILVL (high halves): wt's element, then ws's, alternately.</summary>
    internal static Vector128<ulong> VInterleave(int df, Vector128<ulong> s, Vector128<ulong> t, bool high) =>
        Sse2.IsSupported ? VInterleaveSse2(df, s, t, high) : VInterleavePortable(df, s, t, high);

    internal static Vector128<ulong> VInterleaveSse2(int df, Vector128<ulong> s, Vector128<ulong> t, bool high) =>
            (df, high) switch
            {
                (0, false) => Sse2.UnpackLow(t.AsByte(), s.AsByte()).AsUInt64(),
                (1, false) => Sse2.UnpackLow(t.AsUInt16(), s.AsUInt16()).AsUInt64(),
                (2, false) => Sse2.UnpackLow(t.AsUInt32(), s.AsUInt32()).AsUInt64(),
                (_, false) => Sse2.UnpackLow(t, s),
                (0, true) => Sse2.UnpackHigh(t.AsByte(), s.AsByte()).AsUInt64(),
                (1, true) => Sse2.UnpackHigh(t.AsUInt16(), s.AsUInt16()).AsUInt64(),
                (2, true) => Sse2.UnpackHigh(t.AsUInt32(), s.AsUInt32()).AsUInt64(),
                _ => Sse2.UnpackHigh(t, s),
            };

    internal static Vector128<ulong> VInterleavePortable(int df, Vector128<ulong> s, Vector128<ulong> t, bool high)
    {
        int n = Lanes(df), half = high ? n / 2 : 0;
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < n; i++) r = WithElem(r, df, i, Elem((i & 1) != 0 ? s : t, df, half + i / 2));
        return r;
    }

    /// <summary>ILVEV/ILVOD: the even (odd) elements of wt and ws, alternately, by shifting within element pairs.</summary>
    internal static Vector128<ulong> VInterleaveEvenOdd(int df, Vector128<ulong> s, Vector128<ulong> t, bool odd)
    {
        int bits = 8 << df;
        if (df == 3) return odd ? Vector128.Create(t.GetElement(1), s.GetElement(1)) : Vector128.Create(t.GetElement(0), s.GetElement(0));
        var low = ElementPairMask(df);
        return odd ? (VShiftPair(df, t, bits, false) & low) | (s & ~low) : (t & low) | (VShiftPair(df, s, bits, true) & ~low);
    }

    private static Vector128<ulong> ElementPairMask(int df) => df switch
    {
        0 => Vector128.Create((ushort)0x00FF).AsUInt64(),
        1 => Vector128.Create(0x0000FFFFu).AsUInt64(),
        _ => Vector128.Create(0x00000000FFFFFFFFUL),
    };

    internal static Vector128<ulong> VShiftPair(int df, Vector128<ulong> v, int bits, bool left) => df switch
    {
        0 => (left ? Vector128.ShiftLeft(v.AsUInt16(), bits) : Vector128.ShiftRightLogical(v.AsUInt16(), bits)).AsUInt64(),
        1 => (left ? Vector128.ShiftLeft(v.AsUInt32(), bits) : Vector128.ShiftRightLogical(v.AsUInt32(), bits)).AsUInt64(),
        _ => left ? Vector128.ShiftLeft(v, bits) : Vector128.ShiftRightLogical(v, bits),
    };

    /// <summary>PCKEV/PCKOD: wt's even (odd) elements in the low half, ws's in the high (a truncating narrow).</summary>
    internal static Vector128<ulong> VPack(int df, Vector128<ulong> s, Vector128<ulong> t, bool odd)
    {
        int bits = 8 << df;
        return df switch
        {
            0 => Vector128.Narrow(odd ? Vector128.ShiftRightLogical(t.AsUInt16(), bits) : t.AsUInt16(), odd ? Vector128.ShiftRightLogical(s.AsUInt16(), bits) : s.AsUInt16()).AsUInt64(),
            1 => Vector128.Narrow(odd ? Vector128.ShiftRightLogical(t.AsUInt32(), bits) : t.AsUInt32(), odd ? Vector128.ShiftRightLogical(s.AsUInt32(), bits) : s.AsUInt32()).AsUInt64(),
            2 => Vector128.Narrow(odd ? Vector128.ShiftRightLogical(t, bits) : t, odd ? Vector128.ShiftRightLogical(s, bits) : s).AsUInt64(),
            _ => odd ? Vector128.Create(t.GetElement(1), s.GetElement(1)) : Vector128.Create(t.GetElement(0), s.GetElement(0)),
        };
    }

    // ---- widening pairs: the even and odd half-width elements of a vector as full-width elements ----

    internal static Vector128<ulong> EvenHalves(int df, Vector128<ulong> v, bool signed) => (df, signed) switch
    {
        (1, false) => (v.AsUInt16() & Vector128.Create((ushort)0xFF)).AsUInt64(),
        (2, false) => (v.AsUInt32() & Vector128.Create(0xFFFFu)).AsUInt64(),
        (_, false) => v & Vector128.Create(0xFFFF_FFFFUL),
        (1, true) => Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(v.AsInt16(), 8), 8).AsUInt64(),
        (2, true) => Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(v.AsInt32(), 16), 16).AsUInt64(),
        _ => Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(v.AsInt64(), 32), 32).AsUInt64(),
    };

    internal static Vector128<ulong> OddHalves(int df, Vector128<ulong> v, bool signed) => (df, signed) switch
    {
        (1, false) => Vector128.ShiftRightLogical(v.AsUInt16(), 8).AsUInt64(),
        (2, false) => Vector128.ShiftRightLogical(v.AsUInt32(), 16).AsUInt64(),
        (_, false) => Vector128.ShiftRightLogical(v, 32),
        (1, true) => Vector128.ShiftRightArithmetic(v.AsInt16(), 8).AsUInt64(),
        (2, true) => Vector128.ShiftRightArithmetic(v.AsInt32(), 16).AsUInt64(),
        _ => Vector128.ShiftRightArithmetic(v.AsInt64(), 32).AsUInt64(),
    };

    /// <summary>DOTP: ws.even x wt.even + ws.odd x wt.odd, in the doubled width (wrapping).</summary>
    internal static Vector128<ulong> VDot(int df, Vector128<ulong> s, Vector128<ulong> t, bool signed) =>
        VAdd(df, VMul(df, EvenHalves(df, s, signed), EvenHalves(df, t, signed)), VMul(df, OddHalves(df, s, signed), OddHalves(df, t, signed)));

    private void Dot(Msa3R op, bool signed, int accumulate)
    {
        if (!MsaUsable()) return;
        if (op.Df == 0)
        {
            RaiseException(Cp0.ExcCode.RI);
            return;
        }
        var p = VDot(op.Df, ReadVector(op.Ws), ReadVector(op.Wt), signed);
        WriteVector(op.Wd, accumulate == 0 ? p : accumulate > 0 ? VAdd(op.Df, ReadVector(op.Wd), p) : VSub(op.Df, ReadVector(op.Wd), p));
    }

    /// <summary>HADD/HSUB: ws's odd half-width element plus (minus) wt's even one.</summary>
    private void Horizontal(Msa3R op, bool signed, bool subtract)
    {
        if (!MsaUsable()) return;
        if (op.Df == 0)
        {
            RaiseException(Cp0.ExcCode.RI);
            return;
        }
        var a = OddHalves(op.Df, ReadVector(op.Ws), signed);
        var b = EvenHalves(op.Df, ReadVector(op.Wt), signed);
        WriteVector(op.Wd, subtract ? VSub(op.Df, a, b) : VAdd(op.Df, a, b));
    }
}
