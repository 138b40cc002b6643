using System.Numerics;
using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// MSA instructions of this first slice (MSA specification rev. 1.12, chapter 3): vector loads and
// stores, LDI, FILL, COPY_S/U, INSERT, CTCMSA/CFCMSA, the bitwise VEC and I8 groups (Vector128),
// integer add/subtract/multiply, maxima and minima, comparisons (all-ones or all-zeros elements),
// shifts, the I5 immediates, PCNT/NLOC/NLZC and the BZ/BNZ branches. Anything else of MSA is a
// Reserved Instruction.
public sealed unsafe partial class CpuCore
{
    private partial void Msa(NoOperands op)
    {
        if (MsaUsable()) RaiseException(ExcCode.RI);
    }

    // ---- loads and stores: s10 counts elements; the register is little-endian element order ----

    private void LoadVector(MsaMem op, int df)
    {
        if (!MsaUsable()) return;
        ulong va = R[op.Mrs] + (ulong)(op.S10 << df);
        if ((va & 7) == 0)
        {
            // little-endian element order: the vector is two doublewords (each element naturally aligned)
            if (!Load64(va, out ulong lo) || !Load64(va + 8, out ulong hi)) return;
            WriteVector(op.Wd, Vector128.Create(lo, hi));
            return;
        }
        var v = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++)
        {
            ulong a = va + (ulong)(i << df);
            long x;
            switch (df)
            {
                case 0: if (!Load8(a, out byte b)) return; x = b; break;
                case 1: if (!Load16(a, out ushort h)) return; x = h; break;
                case 2: if (!Load32(a, out uint w)) return; x = w; break;
                default: if (!Load64(a, out ulong d)) return; x = (long)d; break;
            }
            v = WithElem(v, df, i, x);
        }
        WriteVector(op.Wd, v);
    }

    private void StoreVector(MsaMem op, int df)
    {
        if (!MsaUsable()) return;
        ulong va = R[op.Mrs] + (ulong)(op.S10 << df);
        var v = ReadVector(op.Wd);
        if ((va & 7) == 0)
        {
            if (Store64(va, v.GetElement(0))) Store64(va + 8, v.GetElement(1));
            return;
        }
        for (int i = 0; i < Lanes(df); i++)
        {
            ulong a = va + (ulong)(i << df);
            ulong x = UElem(v, df, i);
            bool ok = df switch
            {
                0 => Store8(a, (byte)x),
                1 => Store16(a, (ushort)x),
                2 => Store32(a, (uint)x),
                _ => Store64(a, x),
            };
            if (!ok) return;
        }
    }

    private partial void LdB(MsaMem op) => LoadVector(op, 0);
    private partial void LdH(MsaMem op) => LoadVector(op, 1);
    private partial void LdW(MsaMem op) => LoadVector(op, 2);
    private partial void LdD(MsaMem op) => LoadVector(op, 3);
    private partial void StB(MsaMem op) => StoreVector(op, 0);
    private partial void StH(MsaMem op) => StoreVector(op, 1);
    private partial void StW(MsaMem op) => StoreVector(op, 2);
    private partial void StD(MsaMem op) => StoreVector(op, 3);

    // ---- moves between GPRs, immediates and elements ----

    private partial void Ldi(MsaLdi op)
    {
        if (!MsaUsable()) return;
        WriteVector(op.Wd, Splat(op.Df, op.I10));
    }

    private partial void Fill(Msa2R op)
    {
        if (!MsaUsable()) return;
        if (op.Df2 == 3 && !Mode64Allowed())
        {
            RaiseException(ExcCode.RI);
            return;
        }
        WriteVector(op.Wd, Splat(op.Df2, (long)R[op.Mrs]));
    }

    private bool Mode64Allowed() => true; // a MIPS64 CPU: doubleword elements reach GPRs

    /// <summary>ELM's df/n: (format, element index), or null for an encoding no format has.</summary>
    private static (int Df, int N)? ElementOf(int dfn) => dfn switch
    {
        < 0x10 => (0, dfn),
        >= 0x20 and < 0x28 => (1, dfn & 7),
        >= 0x30 and < 0x34 => (2, dfn & 3),
        >= 0x38 and < 0x3A => (3, dfn & 1),
        _ => null,
    };

    private void Copy(MsaCopy op, bool signed)
    {
        if (!MsaUsable()) return;
        if (signed && LasxElement(op.Dfn, out int upper))
        {
            if (op.Mrd != 0) R[op.Mrd] = ReadVectorUpper(op.Ws).GetElement(upper);
            return;
        }
        if (ElementOf((int)op.Dfn) is not var (df, n) || (!signed && df == 3))
        {
            RaiseException(ExcCode.RI);
            return;
        }
        var v = ReadVector(op.Ws);
        if (op.Mrd != 0) R[op.Mrd] = signed ? (ulong)Elem(v, df, n) : UElem(v, df, n);
    }

    private partial void CopyS(MsaCopy op) => Copy(op, true);
    private partial void CopyU(MsaCopy op) => Copy(op, false);

    private partial void Insert(MsaInsert op)
    {
        if (!MsaUsable()) return;
        if (LasxElement(op.Dfn, out int upper))
        {
            WriteVectorUpper(op.Wd, ReadVectorUpper(op.Wd).WithElement(upper, R[op.Mrs]));
            return;
        }
        if (ElementOf((int)op.Dfn) is not var (df, n))
        {
            RaiseException(ExcCode.RI);
            return;
        }
        WriteVector(op.Wd, WithElem(ReadVector(op.Wd), df, n, (long)R[op.Mrs]));
    }

    /// <summary>MSA control registers: 0 MSAIR (read-only), 1 MSACSR; the others read as zero (QEMU's helper_msa_cfcmsa).</summary>
    private partial void Cfcmsa(MsaCfc op)
    {
        if (!MsaUsable()) return;
        ulong v = op.Ws switch { 0 => Model.MsaIr, 1 => S->Msacsr, _ => 0 };
        if (op.Mrd != 0) R[op.Mrd] = (ulong)(long)(int)(uint)v;
    }

    private partial void Ctcmsa(MsaCtc op)
    {
        if (!MsaUsable()) return;
        if (op.Wd != 1) return;
        S->Msacsr = (uint)R[op.Mrs] & 0x0107_FFFF; // RM, flags, enables, cause, NX, FS (QEMU's MSACSR_MASK)
        if (((S->Msacsr & MsacsrCause) >> 12 & (uint)MsaFpEnables) != 0) RaiseException(ExcCode.MsaFpe); // helper_msa_ctcmsa
    }

    // ---- bitwise (whole vectors, Vector128) ----

    private void Vec(MsaVec op, Func<Vector128<ulong>, Vector128<ulong>, Vector128<ulong>, Vector128<ulong>> f)
    {
        if (MsaUsable()) WriteVector(op.Wd, f(ReadVector(op.Ws), ReadVector(op.Wt), ReadVector(op.Wd)));
    }

    private partial void AndV(MsaVec op) => Vec(op, static (s, t, _) => s & t);
    private partial void OrV(MsaVec op) => Vec(op, static (s, t, _) => s | t);
    private partial void NorV(MsaVec op) => Vec(op, static (s, t, _) => ~(s | t));
    private partial void XorV(MsaVec op) => Vec(op, static (s, t, _) => s ^ t);
    private partial void BmnzV(MsaVec op) => Vec(op, static (s, t, d) => (s & t) | (d & ~t));   // wd gets ws where wt's bits are set
    private partial void BmzV(MsaVec op) => Vec(op, static (s, t, d) => (s & ~t) | (d & t));    // wd gets ws where wt's bits are clear
    private partial void BselV(MsaVec op) => Vec(op, static (s, t, d) => (t & d) | (s & ~d));   // each bit from wt where wd is set, else ws

    private void I8(MsaI8 op, Func<Vector128<byte>, Vector128<byte>, Vector128<byte>> f)
    {
        if (MsaUsable()) WriteVector(op.Wd, f(ReadVector(op.Ws).AsByte(), Vector128.Create((byte)op.I8)).AsUInt64());
    }

    private partial void AndiB(MsaI8 op) => I8(op, static (s, i) => s & i);
    private partial void OriB(MsaI8 op) => I8(op, static (s, i) => s | i);
    private partial void NoriB(MsaI8 op) => I8(op, static (s, i) => ~(s | i));
    private partial void XoriB(MsaI8 op) => I8(op, static (s, i) => s ^ i);

    // ---- element arithmetic ----

    private void R3(Msa3R op, Func<long, long, ulong, ulong, int, long> f)
    {
        if (MsaUsable()) WriteVector(op.Wd, Map(op.Df, ReadVector(op.Ws), ReadVector(op.Wt), f));
    }

    private static long Shift(int bits, ulong t) => (long)(t & (ulong)(bits - 1));

    private partial void Addv(Msa3R op) => Vec3(op, VAdd);
    private partial void Subv(Msa3R op) => Vec3(op, VSub);
    private partial void Mulv(Msa3R op) => Vec3(op, VMul);
    private partial void MaxS(Msa3R op) => Vec3(op, VMaxS);
    private partial void MinS(Msa3R op) => Vec3(op, VMinS);
    private partial void MaxU(Msa3R op) => Vec3(op, VMaxU);
    private partial void MinU(Msa3R op) => Vec3(op, VMinU);
    private partial void Ceq(Msa3R op) => Vec3(op, VCeq);
    private partial void CltS(Msa3R op) => Vec3(op, VCltS);
    private partial void CleS(Msa3R op) => Vec3(op, VCleS);
    private partial void CltU(Msa3R op) => Vec3(op, VCltU);
    private partial void CleU(Msa3R op) => Vec3(op, VCleU);
    private partial void SllV(Msa3R op) => R3(op, static (a, _, _, t, bits) => a << (int)Shift(bits, t));
    private partial void SraV(Msa3R op) => R3(op, static (a, _, _, t, bits) => a >> (int)Shift(bits, t));
    private partial void SrlV(Msa3R op) => R3(op, static (_, _, a, t, bits) => (long)(a >> (int)Shift(bits, t)));

    /// <summary>I5: the immediate, sign-extended for the signed forms, in every element as the second operand.</summary>
    private void I5(MsaI5 op, bool signed, VecOp f)
    {
        if (!MsaUsable()) return;
        long imm = signed ? (op.U5 ^ 0x10) - 0x10 : op.U5;
        WriteVector(op.Wd, f(op.Df, ReadVector(op.Ws), Splat(op.Df, imm)));
    }

    private partial void Addvi(MsaI5 op) => I5(op, false, VAdd);
    private partial void Subvi(MsaI5 op) => I5(op, false, VSub);
    private partial void MaxiS(MsaI5 op) => I5(op, true, VMaxS);
    private partial void MiniS(MsaI5 op) => I5(op, true, VMinS);
    private partial void MaxiU(MsaI5 op) => I5(op, false, VMaxU);
    private partial void MiniU(MsaI5 op) => I5(op, false, VMinU);
    private partial void Ceqi(MsaI5 op) => I5(op, true, VCeq);
    private partial void CltiS(MsaI5 op) => I5(op, true, VCltS);
    private partial void CleiS(MsaI5 op) => I5(op, true, VCleS);
    private partial void CltiU(MsaI5 op) => I5(op, false, VCltU);
    private partial void CleiU(MsaI5 op) => I5(op, false, VCleU);

    private void Count(Msa2R op, Func<ulong, int, long> f)
    {
        if (!MsaUsable()) return;
        var s = ReadVector(op.Mrs); // 2R: the source is a vector register in the ws field
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(op.Df2); i++) r = WithElem(r, op.Df2, i, f(UElem(s, op.Df2, i), 8 << op.Df2));
        WriteVector(op.Wd, r);
    }

    private partial void Pcnt(Msa2R op) => Count(op, static (x, _) => BitOperations.PopCount(x));
    private partial void Nlzc(Msa2R op) => Count(op, static (x, bits) => BitOperations.LeadingZeroCount(x) - (64 - bits));
    private partial void Nloc(Msa2R op) => Count(op, static (x, bits) => BitOperations.LeadingZeroCount(~x & (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1)) - (64 - bits));

    // ---- branches on a vector (in the COP1 space) ----

    private void BranchOnVector(MsaBranch op, int df, bool nonZero)
    {
        if (!MsaUsable()) return;
        var v = ReadVector(op.Wt);
        bool taken;
        if (df < 0) taken = (v != Vector128<ulong>.Zero) == nonZero; // BZ.V: all bits zero; BNZ.V: any bit set
        else
        {
            bool anyZero = false;
            for (int i = 0; i < Lanes(df); i++) anyZero |= UElem(v, df, i) == 0;
            taken = nonZero ? !anyZero : anyZero; // BNZ.df: no element zero; BZ.df: some element zero
        }
        Branch(taken, op.Imm);
    }

    private partial void BzV(MsaBranch op) => BranchOnVector(op, -1, false);
    private partial void BnzV(MsaBranch op) => BranchOnVector(op, -1, true);
    private partial void BzB(MsaBranch op) => BranchOnVector(op, 0, false);
    private partial void BzH(MsaBranch op) => BranchOnVector(op, 1, false);
    private partial void BzW(MsaBranch op) => BranchOnVector(op, 2, false);
    private partial void BzD(MsaBranch op) => BranchOnVector(op, 3, false);
    private partial void BnzB(MsaBranch op) => BranchOnVector(op, 0, true);
    private partial void BnzH(MsaBranch op) => BranchOnVector(op, 1, true);
    private partial void BnzW(MsaBranch op) => BranchOnVector(op, 2, true);
    private partial void BnzD(MsaBranch op) => BranchOnVector(op, 3, true);
}
