using System.Runtime.Intrinsics;

namespace VzFast.Cpu;

// The common case of FADD/FSUB/FMUL/FDIV/FMADD/FMSUB computed on the whole vector
// (Vector128<float/double>): round to nearest, no exception enabled, FS clear, every operand zero
// or normal and every result comfortably normal (or an exact zero). Then the only possible flag is
// Inexact, found exactly from error-free transforms (TwoSum for sums, a fused multiply-add residual
// for products and quotients, an exact expansion for fused multiply-adds). Anything else takes the
// element-by-element path of MsaFloatInstructions.cs.
public sealed unsafe partial class CpuCore
{
    private const uint MsacsrFastMask = (0x1Fu << 7) | MsacsrFs | 3; // enables, FS, RM
    // results at least this large leave room below them for the error terms to be exact
    private static readonly Vector128<float> Tiny32 = Vector128.Create(MathF.ScaleB(1f, -100));
    private static readonly Vector128<double> Tiny64 = Vector128.Create(Math.ScaleB(1.0, -960));

    internal const int FastAdd = 0, FastSub = 1, FastMul = 2, FastDiv = 3, FastMadd = 4, FastMsub = 5;

    private void FpFast(Msa3RF op, int kind, MsaFpElem slow)
    {
        if (MsaUsable() && !TryFpFast(op, kind)) MsaFp((int)op.Dfw, op.Wt, op.Ws, op.Wd, slow);
    }

    /// <summary>The instruction on whole vectors when MSACSR and the values allow (MSA known usable); false with nothing changed otherwise.</summary>
    private bool TryFpFast(Msa3RF op, int kind)
    {
        uint csr = S->Msacsr;
        if ((csr & MsacsrFastMask) != 0) return false;
        var s = ReadVector(op.Ws);
        var t = ReadVector(op.Wt);
        bool ok;
        Vector128<ulong> r;
        bool inexact;
        if (kind >= FastMadd)
        {
            var d = ReadVector(op.Wd);
            if (kind == FastMsub) s ^= Vector128.Create(op.Dfw == 0 ? 0x8000_0000_8000_0000UL : 0x8000_0000_0000_0000UL);
            ok = op.Dfw == 0 ? FastFma32(s.AsSingle(), t.AsSingle(), d.AsSingle(), out r, out inexact)
                             : FastFma64(s.AsDouble(), t.AsDouble(), d.AsDouble(), out r, out inexact);
        }
        else
            ok = op.Dfw == 0 ? Fast32(kind, s.AsSingle(), t.AsSingle(), out r, out inexact)
                             : Fast64(kind, s.AsDouble(), t.AsDouble(), out r, out inexact);
        if (!ok) return false;
        uint cause = inexact ? 1u : 0;
        S->Msacsr = (csr & ~MsacsrCause) | (cause << 12) | (cause << 2);
        WriteVector(op.Wd, r);
        return true;
    }

    internal static bool Fast32(int kind, Vector128<float> a, Vector128<float> b, out Vector128<ulong> result, out bool inexact)
    {
        result = default;
        inexact = false;
        var exp = Vector128.Create(0x7F80_0000u);
        var frac = Vector128.Create(0x007F_FFFFu);
        if (!OrdinaryOperands(a.AsUInt32(), exp, frac) || !OrdinaryOperands(b.AsUInt32(), exp, frac)) return false;
        Vector128<float> r, err;
        switch (kind)
        {
            case 0 or 1:
                if (kind == 1) b = -b;
                r = a + b;
                var bb = r - a;
                err = (a - (r - bb)) + (b - bb);
                break;
            case 2:
                r = a * b;
                err = Vector128.FusedMultiplyAdd(a, b, -r);
                break;
            default:
                r = a / b;
                err = Vector128.FusedMultiplyAdd(-r, b, a);
                if (!SafeMagnitude(Vector128.Abs(a), Tiny32, a)) return false;
                break;
        }
        var mag = Vector128.Abs(r);
        if (!Vector128.LessThanAll(mag, Vector128.Create(float.PositiveInfinity))) return false;
        // an exact zero is fine for sums; a zero product or quotient must come from a zero operand
        var zeroOk = kind <= 1 ? Vector128<float>.AllBitsSet : (Vector128.Equals(a, Vector128<float>.Zero) | (kind == 2 ? Vector128.Equals(b, Vector128<float>.Zero) : Vector128<float>.Zero));
        if (!AllSet(Vector128.GreaterThanOrEqual(mag, Tiny32) | (Vector128.Equals(mag, Vector128<float>.Zero) & zeroOk))) return false;
        inexact = !Vector128.EqualsAll(err, Vector128<float>.Zero);
        result = r.AsUInt64();
        return true;
    }

    internal static bool Fast64(int kind, Vector128<double> a, Vector128<double> b, out Vector128<ulong> result, out bool inexact)
    {
        result = default;
        inexact = false;
        var exp = Vector128.Create(0x7FF0_0000_0000_0000UL);
        var frac = Vector128.Create(0x000F_FFFF_FFFF_FFFFUL);
        if (!OrdinaryOperands(a.AsUInt64(), exp, frac) || !OrdinaryOperands(b.AsUInt64(), exp, frac)) return false;
        Vector128<double> r, err;
        switch (kind)
        {
            case 0 or 1:
                if (kind == 1) b = -b;
                r = a + b;
                var bb = r - a;
                err = (a - (r - bb)) + (b - bb);
                break;
            case 2:
                r = a * b;
                err = Vector128.FusedMultiplyAdd(a, b, -r);
                break;
            default:
                r = a / b;
                err = Vector128.FusedMultiplyAdd(-r, b, a);
                if (!SafeMagnitude(Vector128.Abs(a), Tiny64, a)) return false;
                break;
        }
        var mag = Vector128.Abs(r);
        if (!Vector128.LessThanAll(mag, Vector128.Create(double.PositiveInfinity))) return false;
        var zeroOk = kind <= 1 ? Vector128<double>.AllBitsSet : (Vector128.Equals(a, Vector128<double>.Zero) | (kind == 2 ? Vector128.Equals(b, Vector128<double>.Zero) : Vector128<double>.Zero));
        if (!AllSet(Vector128.GreaterThanOrEqual(mag, Tiny64) | (Vector128.Equals(mag, Vector128<double>.Zero) & zeroOk))) return false;
        inexact = !Vector128.EqualsAll(err, Vector128<double>.Zero);
        result = r.AsUInt64();
        return true;
    }

    /// <summary>c + a x b rounded once. The product of two floats is exact in double and TwoSum gives the
    /// sum's exact error, so the result is exact iff that error is zero and the double sum is the float result.</summary>
    internal static bool FastFma32(Vector128<float> a, Vector128<float> b, Vector128<float> c, out Vector128<ulong> result, out bool inexact)
    {
        result = default;
        inexact = false;
        var exp = Vector128.Create(0x7F80_0000u);
        var frac = Vector128.Create(0x007F_FFFFu);
        if (!OrdinaryOperands(a.AsUInt32(), exp, frac) || !OrdinaryOperands(b.AsUInt32(), exp, frac) || !OrdinaryOperands(c.AsUInt32(), exp, frac)) return false;
        var r = Vector128.FusedMultiplyAdd(a, b, c);
        if (!ResultInRange(r, Tiny32)) return false;
        var (aLo, aHi) = Vector128.Widen(a);
        var (bLo, bHi) = Vector128.Widen(b);
        var (cLo, cHi) = Vector128.Widen(c);
        var (rLo, rHi) = Vector128.Widen(r);
        var exact = Vector128.Narrow(SumIs(aLo * bLo, cLo, rLo), SumIs(aHi * bHi, cHi, rHi)).AsUInt32();
        // a zero result that is not exact underflowed (the exact sum can be as small as 2^-298)
        var zeroR = Vector128.Equals(r, Vector128<float>.Zero).AsUInt32();
        if (!Vector128.EqualsAll(zeroR & ~exact, Vector128<uint>.Zero)) return false;
        inexact = !Vector128.EqualsAll(exact, Vector128<uint>.AllBitsSet);
        result = r.AsUInt64();
        return true;
    }

    /// <summary>Per lane: p + c equals r exactly (p, c, r doubles; no overflow); all-ones lanes where it does.</summary>
    private static Vector128<ulong> SumIs(Vector128<double> p, Vector128<double> c, Vector128<double> r)
    {
        var (s, e) = TwoSum(p, c);
        return (Vector128.Equals(e, Vector128<double>.Zero) & Vector128.Equals(s, r)).AsUInt64();
    }

    /// <summary>c + a x b rounded once. a x b = p + q exactly (a fused residual, exact while the product is
    /// not tiny); growing the expansion (q, p) by c and then by -r (Shewchuk's Grow-Expansion) gives
    /// nonoverlapping terms summing exactly to the rounding error, which is zero iff every term is.</summary>
    internal static bool FastFma64(Vector128<double> a, Vector128<double> b, Vector128<double> c, out Vector128<ulong> result, out bool inexact)
    {
        result = default;
        inexact = false;
        var exp = Vector128.Create(0x7FF0_0000_0000_0000UL);
        var frac = Vector128.Create(0x000F_FFFF_FFFF_FFFFUL);
        if (!OrdinaryOperands(a.AsUInt64(), exp, frac) || !OrdinaryOperands(b.AsUInt64(), exp, frac) || !OrdinaryOperands(c.AsUInt64(), exp, frac)) return false;
        var p = a * b;
        var zeroProduct = Vector128.Equals(a, Vector128<double>.Zero) | Vector128.Equals(b, Vector128<double>.Zero);
        if (!ResultInRange(p, Tiny64) || !Vector128.EqualsAll(Vector128.Equals(p, Vector128<double>.Zero) & ~zeroProduct, Vector128<double>.Zero)) return false;
        var r = Vector128.FusedMultiplyAdd(a, b, c);
        if (!ResultInRange(r, Tiny64)) return false;
        var q = Vector128.FusedMultiplyAdd(a, b, -p);
        var (g1, h0) = TwoSum(c, q);
        var (g2, h1) = TwoSum(g1, p);
        var (g3, k0) = TwoSum(-r, h0);
        var (g4, k1) = TwoSum(g3, h1);
        var (g5, k2) = TwoSum(g4, g2);
        var zero = Vector128<double>.Zero;
        inexact = !(Vector128.EqualsAll(k0, zero) && Vector128.EqualsAll(k1, zero) && Vector128.EqualsAll(k2, zero) && Vector128.EqualsAll(g5, zero));
        result = r.AsUInt64();
        return true;
    }

    private static (Vector128<double> Sum, Vector128<double> Err) TwoSum(Vector128<double> a, Vector128<double> b)
    {
        var s = a + b;
        var bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    /// <summary>Every lane finite and either at least <paramref name="tiny"/> in magnitude or zero.</summary>
    private static bool ResultInRange(Vector128<float> r, Vector128<float> tiny) =>
        InRange(Vector128.Abs(r), tiny, Vector128.Create(float.PositiveInfinity));

    private static bool ResultInRange(Vector128<double> r, Vector128<double> tiny) =>
        InRange(Vector128.Abs(r), tiny, Vector128.Create(double.PositiveInfinity));

    private static bool InRange<T>(Vector128<T> mag, Vector128<T> tiny, Vector128<T> inf)
    {
        var ok = (Vector128.GreaterThanOrEqual(mag, tiny) & Vector128.LessThan(mag, inf)) | Vector128.Equals(mag, Vector128<T>.Zero);
        return AllSet(ok);
    }

    /// <summary>Every lane finite and either zero or normal.</summary>
    private static bool OrdinaryOperands<T>(Vector128<T> bits, Vector128<T> exp, Vector128<T> frac) where T : unmanaged
    {
        var e = bits & exp;
        var bad = Vector128.Equals(e, exp) | (Vector128.Equals(e, Vector128<T>.Zero) & ~Vector128.Equals(bits & frac, Vector128<T>.Zero));
        return Vector128.EqualsAll(bad, Vector128<T>.Zero);
    }

    /// <summary>Every lane of <paramref name="mag"/> at least <paramref name="min"/>, or <paramref name="x"/> zero there.</summary>
    private static bool SafeMagnitude<T>(Vector128<T> mag, Vector128<T> min, Vector128<T> x) =>
        AllSet(Vector128.GreaterThanOrEqual(mag, min) | Vector128.Equals(x, Vector128<T>.Zero));

    /// <summary>A comparison mask true in every lane (compared as bits: an all-ones float lane is a NaN).</summary>
    private static bool AllSet<T>(Vector128<T> mask) => Vector128.EqualsAll(mask.AsByte(), Vector128<byte>.AllBitsSet);
}
