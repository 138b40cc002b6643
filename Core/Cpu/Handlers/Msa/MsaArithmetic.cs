namespace VzFast.Cpu;

// MSA integer arithmetic beyond the basic add/subtract (MSA specification rev. 1.12; QEMU's
// msa_helper.c for the division corner cases): absolute-value adds, saturating adds and
// subtracts (signed, unsigned and mixed), averages (truncating and rounding), absolute
// differences, multiply-accumulate, division and remainder.
public sealed unsafe partial class CpuCore
{
    private static Int128 MaxS(int bits) => (Int128.One << (bits - 1)) - 1;
    private static Int128 MinS(int bits) => -(Int128.One << (bits - 1));
    private static Int128 MaxU(int bits) => (Int128.One << bits) - 1;
    private static long SatS(Int128 v, int bits) => (long)Int128.Clamp(v, MinS(bits), MaxS(bits));
    private static long SatU(Int128 v, int bits) => (long)(ulong)Int128.Clamp(v, 0, MaxU(bits));
    private static Int128 Abs(long a) => Int128.Abs(a);

    private partial void AddA(Msa3R op) => R3(op, static (a, b, _, _, _) => (long)(Abs(a) + Abs(b)));
    private partial void AddsA(Msa3R op) => R3(op, static (a, b, _, _, bits) => SatS(Abs(a) + Abs(b), bits));
    private partial void AddsS(Msa3R op) => R3(op, static (a, b, _, _, bits) => SatS((Int128)a + b, bits));
    private partial void AddsU(Msa3R op) => R3(op, static (_, _, a, b, bits) => SatU((Int128)a + b, bits));
    private partial void AveS(Msa3R op) => R3(op, static (a, b, _, _, _) => (long)(((Int128)a + b) >> 1));
    private partial void AveU(Msa3R op) => R3(op, static (_, _, a, b, _) => (long)(ulong)(((UInt128)a + b) >> 1));
    private partial void AverS(Msa3R op) => R3(op, static (a, b, _, _, _) => (long)(((Int128)a + b + 1) >> 1));
    private partial void AverU(Msa3R op) => R3(op, static (_, _, a, b, _) => (long)(ulong)(((UInt128)a + b + 1) >> 1));
    private partial void SubsS(Msa3R op) => R3(op, static (a, b, _, _, bits) => SatS((Int128)a - b, bits));
    private partial void SubsU(Msa3R op) => R3(op, static (_, _, a, b, bits) => SatU((Int128)a - b, bits));
    private partial void SubsusU(Msa3R op) => R3(op, static (_, b, a, _, bits) => SatU((Int128)a - b, bits));   // unsigned ws - signed wt
    private partial void SubsuuS(Msa3R op) => R3(op, static (_, _, a, b, bits) => SatS((Int128)a - b, bits));   // unsigned - unsigned, signed result
    private partial void AsubS(Msa3R op) => Vec3(op, VAsubS);
    private partial void AsubU(Msa3R op) => Vec3(op, VAsubU);

    private partial void MsadivS(Msa3R op) => R3(op, static (a, b, _, _, bits) =>
        b == -1 && a == (long)MinS(bits) ? a : b != 0 ? a / b : a >= 0 ? -1 : 1);
    private partial void MsadivU(Msa3R op) => R3(op, static (_, _, a, b, _) => b != 0 ? (long)(a / b) : -1);
    private partial void ModS(Msa3R op) => R3(op, static (a, b, _, _, bits) =>
        b == -1 && a == (long)MinS(bits) ? 0 : b != 0 ? a % b : a);
    private partial void ModU(Msa3R op) => R3(op, static (_, _, a, b, _) => (long)(b != 0 ? a % b : a));

    /// <summary>MADDV/MSUBV: wd ± ws * wt, element by element (wrapping).</summary>
    private void MultiplyAccumulate(Msa3R op, bool subtract)
    {
        if (!MsaUsable()) return;
        var p = VMul(op.Df, ReadVector(op.Ws), ReadVector(op.Wt));
        var d = ReadVector(op.Wd);
        WriteVector(op.Wd, subtract ? VSub(op.Df, d, p) : VAdd(op.Df, d, p));
    }

    private partial void Maddv(Msa3R op) => MultiplyAccumulate(op, false);
    private partial void Msubv(Msa3R op) => MultiplyAccumulate(op, true);
}
