using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// Vol. II-A: CVT.S/D/W/L, ROUND/TRUNC/CEIL/FLOOR to W and L. Out of range and NaN give Invalid and
// 0x7fffffff / 0x7fffffffffffffff (legacy MIPS, QEMU's FP_TO_INT*_OVERFLOW). The L format and
// conversions to or from it need 64-bit FPU registers (QEMU's check_cp1_64bitmode).
public sealed unsafe partial class CpuCore
{
    private static double SingleValue(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    private static double DoubleValue(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    /// <summary>A conversion to an integer format from <paramref name="value"/>, in rounding mode <paramref name="rm"/> (-1: FCSR's).</summary>
    private void ToInteger(Fp2 op, bool fromDouble, bool toLong, int rm)
    {
        if (toLong ? !Fpu64BitMode() : fromDouble ? !FpuDoubles(op.Fs) : !FpuUsable()) return;
        int flags = 0;
        double v = fromDouble ? DoubleValue(ReadL(op.Fs)) : SingleValue(ReadW(op.Fs));
        ulong r = SoftFloat.ToInt(v, toLong, rm < 0 ? RoundingMode : rm, ref flags);
        if (!FpuDone(flags)) return;
        if (toLong) WriteL(op.Fd, r);
        else WriteW(op.Fd, (uint)r);
    }

    private partial void CvtWS(Fp2 op) => ToInteger(op, false, false, -1);
    private partial void CvtWD(Fp2 op) => ToInteger(op, true, false, -1);
    private partial void CvtLS(Fp2 op) => ToInteger(op, false, true, -1);
    private partial void CvtLD(Fp2 op) => ToInteger(op, true, true, -1);
    private partial void RoundWS(Fp2 op) => ToInteger(op, false, false, 0);
    private partial void RoundWD(Fp2 op) => ToInteger(op, true, false, 0);
    private partial void RoundLS(Fp2 op) => ToInteger(op, false, true, 0);
    private partial void RoundLD(Fp2 op) => ToInteger(op, true, true, 0);
    private partial void TruncWS(Fp2 op) => ToInteger(op, false, false, 1);
    private partial void TruncWD(Fp2 op) => ToInteger(op, true, false, 1);
    private partial void TruncLS(Fp2 op) => ToInteger(op, false, true, 1);
    private partial void TruncLD(Fp2 op) => ToInteger(op, true, true, 1);
    private partial void CeilWS(Fp2 op) => ToInteger(op, false, false, 2);
    private partial void CeilWD(Fp2 op) => ToInteger(op, true, false, 2);
    private partial void CeilLS(Fp2 op) => ToInteger(op, false, true, 2);
    private partial void CeilLD(Fp2 op) => ToInteger(op, true, true, 2);
    private partial void FloorWS(Fp2 op) => ToInteger(op, false, false, 3);
    private partial void FloorWD(Fp2 op) => ToInteger(op, true, false, 3);
    private partial void FloorLS(Fp2 op) => ToInteger(op, false, true, 3);
    private partial void FloorLD(Fp2 op) => ToInteger(op, true, true, 3);

    private partial void CvtDS(Fp2 op)
    {
        if (!FpuDoubles(op.Fd)) return;
        int flags = 0;
        ulong r = SoftFloat.ToDouble(ReadW(op.Fs), ref flags);
        if (FpuDone(flags)) WriteL(op.Fd, r);
    }

    private partial void CvtSD(Fp2 op)
    {
        if (!FpuDoubles(op.Fs)) return;
        int flags = 0;
        uint r = SoftFloat.ToSingle(ReadL(op.Fs), RoundingMode, ref flags);
        if (FpuDone(flags)) WriteW(op.Fd, r);
    }

    private void FromInteger(Fp2 op, bool fromLong, bool toDouble)
    {
        if (fromLong ? !Fpu64BitMode() : toDouble ? !FpuDoubles(op.Fd) : !FpuUsable()) return;
        int flags = 0;
        long v = fromLong ? (long)ReadL(op.Fs) : (int)ReadW(op.Fs);
        ulong r = SoftFloat.FromInt64(v, toDouble, RoundingMode, ref flags);
        if (!FpuDone(flags)) return;
        if (toDouble) WriteL(op.Fd, r);
        else WriteW(op.Fd, (uint)r);
    }

    private partial void CvtSW(Fp2 op) => FromInteger(op, false, false);
    private partial void CvtDW(Fp2 op) => FromInteger(op, false, true);
    private partial void CvtSL(Fp2 op) => FromInteger(op, true, false);
    private partial void CvtDL(Fp2 op) => FromInteger(op, true, true);
}
