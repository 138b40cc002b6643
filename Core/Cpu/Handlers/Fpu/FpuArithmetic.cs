using VzFast.Cpu.Fpu;

namespace VzFast.Cpu;

// Vol. II-A: ADD/SUB/MUL/DIV/SQRT/ABS/MOV/NEG, RECIP/RSQRT (two roundings, as QEMU), and the
// Release 2 unfused multiply-adds of COP1X (MADD/MSUB/NMADD/NMSUB: a rounded product, then a
// rounded sum; N negates the result, NaN included, as QEMU's float_chs).
public sealed unsafe partial class CpuCore
{
    private delegate uint Op32(uint a, uint b, int rm, ref int flags);
    private delegate ulong Op64(ulong a, ulong b, int rm, ref int flags);

    /// <summary>fd = f(fs, ft) in single precision, FCSR updated (the caller has checked the FPU is usable).</summary>
    private void Binary32(int fs, int ft, int fd, Op32 f)
    {
        int flags = 0;
        uint r = f(ReadW(fs), ReadW(ft), RoundingMode, ref flags);
        if (FpuDone(flags)) WriteW(fd, r);
    }

    private void Binary64(int fs, int ft, int fd, Op64 f)
    {
        int flags = 0;
        ulong r = f(ReadL(fs), ReadL(ft), RoundingMode, ref flags);
        if (FpuDone(flags)) WriteL(fd, r);
    }

    // The hot arithmetic through a struct type argument rather than a delegate: each instantiation
    // is compiled on its own, with the operation called directly (no delegate shuffle thunk).
    private interface IOp32 { static abstract uint Do(uint a, uint b, int rm, ref int flags); }
    private interface IOp64 { static abstract ulong Do(ulong a, ulong b, int rm, ref int flags); }
    private struct AddOp : IOp32, IOp64
    {
        public static uint Do(uint a, uint b, int rm, ref int f) => SoftFloat.Add32(a, b, rm, ref f);
        public static ulong Do(ulong a, ulong b, int rm, ref int f) => SoftFloat.Add64(a, b, rm, ref f);
    }
    private struct SubOp : IOp32, IOp64
    {
        public static uint Do(uint a, uint b, int rm, ref int f) => SoftFloat.Sub32(a, b, rm, ref f);
        public static ulong Do(ulong a, ulong b, int rm, ref int f) => SoftFloat.Sub64(a, b, rm, ref f);
    }
    private struct MulOp : IOp32, IOp64
    {
        public static uint Do(uint a, uint b, int rm, ref int f) => SoftFloat.Mul32(a, b, rm, ref f);
        public static ulong Do(ulong a, ulong b, int rm, ref int f) => SoftFloat.Mul64(a, b, rm, ref f);
    }
    private struct DivOp : IOp32, IOp64
    {
        public static uint Do(uint a, uint b, int rm, ref int f) => SoftFloat.Div32(a, b, rm, ref f);
        public static ulong Do(ulong a, ulong b, int rm, ref int f) => SoftFloat.Div64(a, b, rm, ref f);
    }

    private void Arith32<T>(Fp3 op) where T : struct, IOp32
    {
        if (!FpuUsable()) return;
        int flags = 0;
        uint r = T.Do(ReadW(op.Fs), ReadW(op.Ft), RoundingMode, ref flags);
        if (FpuDone(flags)) WriteW(op.Fd, r);
    }

    private void Arith64<T>(Fp3 op) where T : struct, IOp64
    {
        if (!FpuDoubles(op.Fs | op.Ft | op.Fd)) return;
        int flags = 0;
        ulong r = T.Do(ReadL(op.Fs), ReadL(op.Ft), RoundingMode, ref flags);
        if (FpuDone(flags)) WriteL(op.Fd, r);
    }

    private static uint Sqrt32(uint a, uint _, int rm, ref int f) => SoftFloat.Sqrt32(a, rm, ref f);
    private static ulong Sqrt64(ulong a, ulong _, int rm, ref int f) => SoftFloat.Sqrt64(a, rm, ref f);

    private partial void AddS(Fp3 op) => Arith32<AddOp>(op);
    private partial void SubS(Fp3 op) => Arith32<SubOp>(op);
    private partial void MulS(Fp3 op) => Arith32<MulOp>(op);
    private partial void DivS(Fp3 op) => Arith32<DivOp>(op);
    private partial void AddD(Fp3 op) => Arith64<AddOp>(op);
    private partial void SubD(Fp3 op) => Arith64<SubOp>(op);
    private partial void MulD(Fp3 op) => Arith64<MulOp>(op);
    private partial void DivD(Fp3 op) => Arith64<DivOp>(op);

    private partial void SqrtS(Fp2 op)
    {
        if (FpuUsable()) Binary32(op.Fs, op.Fs, op.Fd, Sqrt32);
    }

    private partial void SqrtD(Fp2 op)
    {
        if (FpuDoubles(op.Fs | op.Fd)) Binary64(op.Fs, op.Fs, op.Fd, Sqrt64);
    }

    // sign-bit operations: no flags, Cause untouched (QEMU's float32_abs/_chs)
    private partial void AbsS(Fp2 op) { if (FpuUsable()) WriteW(op.Fd, ReadW(op.Fs) & 0x7FFF_FFFF); }
    private partial void NegS(Fp2 op) { if (FpuUsable()) WriteW(op.Fd, ReadW(op.Fs) ^ 0x8000_0000); }
    private partial void MovS(Fp2 op) { if (FpuUsable()) WriteW(op.Fd, ReadW(op.Fs)); }
    private partial void AbsD(Fp2 op) { if (FpuDoubles(op.Fs | op.Fd)) WriteL(op.Fd, ReadL(op.Fs) & 0x7FFF_FFFF_FFFF_FFFFUL); }
    private partial void NegD(Fp2 op) { if (FpuDoubles(op.Fs | op.Fd)) WriteL(op.Fd, ReadL(op.Fs) ^ 0x8000_0000_0000_0000UL); }
    private partial void MovD(Fp2 op) { if (FpuDoubles(op.Fs | op.Fd)) WriteL(op.Fd, ReadL(op.Fs)); }

    private const uint One32 = 0x3F80_0000;
    private const ulong One64 = 0x3FF0_0000_0000_0000UL;

    /// <summary>RECIP and RSQRT need 64-bit FPU registers (QEMU's check_cp1_64bitmode).</summary>
    private bool Fpu64BitMode()
    {
        if (!FpuUsable()) return false;
        if (Fr) return true;
        RaiseException(VzFast.Cp0.ExcCode.RI);
        return false;
    }

    // RECIP = MIPS-3D's RECIP1 and RSQRT = RSQRT1 here (full precision, as QEMU), without MIPS-3D too
    private partial void RecipS(Fp2 op) => Step32(op.Fs, op.Fs, op.Fd, Recip1);
    private partial void RecipD(Fp2 op) => Step64(op.Fs, op.Fs, op.Fd, Recip1);
    private partial void RsqrtS(Fp2 op) => Step32(op.Fs, op.Fs, op.Fd, Rsqrt1);
    private partial void RsqrtD(Fp2 op) => Step64(op.Fs, op.Fs, op.Fd, Rsqrt1);

    private void MultiplyAdd32(Fp4 op, bool subtract, bool negate)
    {
        if (!FpuUsable()) return;
        int flags = 0, rm = RoundingMode;
        uint p = SoftFloat.Mul32(ReadW(op.Fs), ReadW(op.Ft), rm, ref flags);
        uint r = subtract ? SoftFloat.Sub32(p, ReadW(op.Fr), rm, ref flags) : SoftFloat.Add32(p, ReadW(op.Fr), rm, ref flags);
        if (negate) r ^= 0x8000_0000;
        if (FpuDone(flags)) WriteW(op.Fd, r);
    }

    private void MultiplyAdd64(Fp4 op, bool subtract, bool negate)
    {
        if (!FpuDoubles(op.Fs | op.Ft | op.Fd | op.Fr)) return;
        int flags = 0, rm = RoundingMode;
        ulong p = SoftFloat.Mul64(ReadL(op.Fs), ReadL(op.Ft), rm, ref flags);
        ulong r = subtract ? SoftFloat.Sub64(p, ReadL(op.Fr), rm, ref flags) : SoftFloat.Add64(p, ReadL(op.Fr), rm, ref flags);
        if (negate) r ^= 0x8000_0000_0000_0000UL;
        if (FpuDone(flags)) WriteL(op.Fd, r);
    }

    private partial void MaddS(Fp4 op) => MultiplyAdd32(op, false, false);
    private partial void MsubS(Fp4 op) => MultiplyAdd32(op, true, false);
    private partial void NmaddS(Fp4 op) => MultiplyAdd32(op, false, true);
    private partial void NmsubS(Fp4 op) => MultiplyAdd32(op, true, true);
    private partial void MaddD(Fp4 op) => MultiplyAdd64(op, false, false);
    private partial void MsubD(Fp4 op) => MultiplyAdd64(op, true, false);
    private partial void NmaddD(Fp4 op) => MultiplyAdd64(op, false, true);
    private partial void NmsubD(Fp4 op) => MultiplyAdd64(op, true, true);
}
