using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// Loongson's LASX on the MIPS Loongson-3A4000: the 32 vector registers widened to 256 bits (bits
// 127:0 are the MSA registers). No public instruction reference exists; what is modelled is what
// Linux's Loongson asmmacro.h encodes for its context switch (xvld_b/xvst_b: whole registers to
// and from memory; xinsert_d/xvcopy_s_d: INSERT.D/COPY_S.D with element indices 2 and 3 reaching
// the upper half) and loongson_regs.h's CPUCFG. LASX is usable whenever MSA is (Config5.MSAEn),
// an assumption: the enabling bit of the real CPU is not documented. 128-bit MSA instructions
// leave bits 255:128 as they were.
public sealed unsafe partial class CpuCore
{
    /// <summary>Bits 255:128 of vector register <paramref name="r"/>.</summary>
    public Vector128<ulong> ReadVectorUpper(int r) => Vector128.Create(S->VprUpper[2 * r], S->VprUpper[2 * r + 1]);

    public void WriteVectorUpper(int r, Vector128<ulong> v)
    {
        S->VprUpper[2 * r] = v.GetElement(0);
        S->VprUpper[2 * r + 1] = v.GetElement(1);
    }

    /// <summary>CPUCFG rd, rs: Loongson configuration word GPR[rs] (0 PRId, 1 the ISA features; others read 0).</summary>
    private partial void Cpucfg(Cpucfg op)
    {
        if (!Model.HasCpuCfg)
        {
            RaiseException(ExcCode.CpU, 2); // LWC2 without a coprocessor 2
            return;
        }
        uint v = R[op.Rs] switch { 0 => (uint)Model.Reset(Cp0Table.PRId), 1 => Model.CpuCfg1, _ => 0 };
        if (op.Rd != 0) R[op.Rd] = (ulong)(long)(int)v;
    }

    private bool LasxUsable()
    {
        if (!Model.HasLasx)
        {
            RaiseException(ExcCode.CpU, 2);
            return false;
        }
        return MsaUsable();
    }

    /// <summary>XVLD: 32 bytes at GPR[base] + offset into the whole 256-bit register; nothing written if any byte faults.</summary>
    private partial void Xvld(MsaMem op)
    {
        if (!LasxUsable()) return;
        ulong va = R[op.Mrs] + (ulong)op.S10;
        Span<ulong> w = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            ulong x = 0;
            for (int b = 0; b < 8; b++)
            {
                if (!Load8(va + (ulong)(8 * i + b), out byte v)) return;
                x |= (ulong)v << (8 * b);
            }
            w[i] = x;
        }
        WriteVector(op.Wd, Vector128.Create(w[0], w[1]));
        WriteVectorUpper(op.Wd, Vector128.Create(w[2], w[3]));
    }

    /// <summary>XVST: the whole 256-bit register to 32 bytes at GPR[base] + offset.</summary>
    private partial void Xvst(MsaMem op)
    {
        if (!LasxUsable()) return;
        ulong va = R[op.Mrs] + (ulong)op.S10;
        var lo = ReadVector(op.Wd);
        var hi = ReadVectorUpper(op.Wd);
        for (int i = 0; i < 4; i++)
        {
            ulong x = i switch { 0 => lo.GetElement(0), 1 => lo.GetElement(1), 2 => hi.GetElement(0), _ => hi.GetElement(1) };
            for (int b = 0; b < 8; b++)
                if (!Store8(va + (ulong)(8 * i + b), (byte)(x >> (8 * b)))) return;
        }
    }

    /// <summary>ELM df/n 0x3A/0x3B: doubleword elements 2 and 3, in LASX's upper half (xinsert_d, xvcopy_s_d).</summary>
    private bool LasxElement(uint dfn, out int index)
    {
        index = (int)(dfn & 1);
        return Model.HasLasx && (dfn == 0x3A || dfn == 0x3B);
    }
}
