using System.Runtime.Intrinsics;

namespace VzFast.Cpu;

// The common case of FADD/FSUB/FMUL/FDIV computed on the whole vector (Vector128<float/double>):
// round to nearest, no exception enabled, FS clear, every operand zero or normal and every result
// comfortably normal (or an exact zero). Then the only possible flag is Inexact, found exactly from
// the error-free transforms (TwoSum for sums, a fused multiply-add residual for products and
// quotients). Anything else takes the element-by-element path of MsaFloatInstructions.cs.
public sealed unsafe partial class CpuCore
{
    private const uint MsacsrFastMask = (0x1Fu << 7) | MsacsrFs | 3; // enables, FS, RM
    // results at least this large leave room below them for the error terms to be exact
    private static readonly Vector128<float> Tiny32 = Vector128.Create(MathF.ScaleB(1f, -100));
    private static readonly Vector128<double> Tiny64 = Vector128.Create(Math.ScaleB(1.0, -960));

    private void FpFast(Msa3RF op, int kind, MsaFpElem slow)
    {
        if (!MsaUsable()) return;
        uint csr = S->Msacsr;
        if ((csr & MsacsrFastMask) == 0)
        {
            var s = ReadVector(op.Ws);
            var t = ReadVector(op.Wt);
            bool ok = op.Dfw == 0 ? Fast32(kind, s.AsSingle(), t.AsSingle(), out var r, out bool inexact)
                                  : Fast64(kind, s.AsDouble(), t.AsDouble(), out r, out inexact);
            if (ok)
            {
                uint cause = inexact ? 1u : 0;
                S->Msacsr = (csr & ~MsacsrCause) | (cause << 12) | (cause << 2);
                WriteVector(op.Wd, r);
                return;
            }
        }
        MsaFp((int)op.Dfw, op.Wt, op.Ws, op.Wd, slow);
    }

    private static bool Fast32(int kind, Vector128<float> a, Vector128<float> b, out Vector128<ulong> result, out bool inexact)
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
        if (!Vector128.EqualsAll(Vector128.GreaterThanOrEqual(mag, Tiny32) | (Vector128.Equals(mag, Vector128<float>.Zero) & zeroOk), Vector128<float>.AllBitsSet)) return false;
        inexact = !Vector128.EqualsAll(err, Vector128<float>.Zero);
        result = r.AsUInt64();
        return true;
    }

    private static bool Fast64(int kind, Vector128<double> a, Vector128<double> b, out Vector128<ulong> result, out bool inexact)
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
        if (!Vector128.EqualsAll(Vector128.GreaterThanOrEqual(mag, Tiny64) | (Vector128.Equals(mag, Vector128<double>.Zero) & zeroOk), Vector128<double>.AllBitsSet)) return false;
        inexact = !Vector128.EqualsAll(err, Vector128<double>.Zero);
        result = r.AsUInt64();
        return true;
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
        Vector128.EqualsAll(Vector128.GreaterThanOrEqual(mag, min) | Vector128.Equals(x, Vector128<T>.Zero), Vector128<T>.AllBitsSet);
}
