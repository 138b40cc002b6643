using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// The MSA instructions compiled blocks run without the loop's bookkeeping, as the COP1 ones in
// CpuCore.JitFpu.cs: a helper does the whole instruction or reports false having changed nothing.
// Which instructions may take the plain handler call is the compiler's list (InlineOps.MsaPlain):
// those whose only exception is MsaUsable's and that neither read nor write a GPR.
public sealed unsafe partial class CpuCore
{
    /// <summary>MsaUsable without its exceptions: the CPU has MSA, FR = 1 where CU1 is set, and MSAEn (root's too in guest mode).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool JitMsaReady()
    {
        ulong st = C[Cp0Table.Status];
        return Model.HasMsa && ((st & (1UL << 29)) == 0 || (st & Status.FRMask) != 0) && (C[Cp0Table.Config5] & MsaEn) != 0
            && (!InGuestMode || (RC[Cp0Table.Config5] & MsaEn) != 0);
    }

    /// <summary>An instruction of the compiler's list: its handler, when MSA is usable.</summary>
    internal bool JitMsa(uint w, int op)
    {
        if (!JitMsaReady()) return false;
        OpcodeHandlers[op](this, w);
        return true;
    }

    /// <summary>FADD/FSUB/FMUL/FDIV/FMADD/FMSUB when the whole-vector path applies (MsaFloatFast.cs).</summary>
    internal bool JitMsaFp(uint w, int kind) => JitMsaReady() && TryFpFast(new Msa3RF(w), kind);

    /// <summary>LD.df at a doubleword-aligned address whose two halves hit the software TLB (LoadVector's first path).</summary>
    internal bool JitMsaLoad(ulong baseValue, uint w)
    {
        ulong va = baseValue + (ulong)((long)((int)(w << 6) >> 22) << (int)(w & 3)); // s10 (25:16) in elements of df (1:0)
        ref var lo = ref _load[(va >> 12) & SoftTlb.IndexMask];
        ref var hi = ref _load[((va + 8) >> 12) & SoftTlb.IndexMask];
        if (lo.Tag != (va & (~0xFFFUL | 7)) || hi.Tag != ((va + 8) & (~0xFFFUL | 7)) || !JitMsaReady()) return false;
        WriteVector((int)(w >> 6) & 31, Vector128.Create(*(ulong*)(lo.Delta + (long)va), *(ulong*)(hi.Delta + (long)(va + 8))));
        return true;
    }

    /// <summary>ST.df likewise (StoreVector's first path).</summary>
    internal bool JitMsaStore(ulong baseValue, uint w)
    {
        ulong va = baseValue + (ulong)((long)((int)(w << 6) >> 22) << (int)(w & 3));
        ref var lo = ref _store[(va >> 12) & SoftTlb.IndexMask];
        ref var hi = ref _store[((va + 8) >> 12) & SoftTlb.IndexMask];
        if (lo.Tag != (va & (~0xFFFUL | 7)) || hi.Tag != ((va + 8) & (~0xFFFUL | 7)) || !JitMsaReady()) return false;
        var v = ReadVector((int)(w >> 6) & 31);
        *(ulong*)(lo.Delta + (long)va) = v.GetElement(0);
        *(ulong*)(hi.Delta + (long)(va + 8)) = v.GetElement(1);
        return true;
    }
}
