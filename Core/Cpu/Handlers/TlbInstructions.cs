using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Vol. III TLBP/TLBR/TLBWI/TLBWR: data movement between EntryHi/EntryLo0/1/PageMask and the TLB.
// Overwriting an entry drops its pages from the soft TLB. Writing an entry that would match
// together with another valid one raises a Machine Check (Status.TS), as R4000-style MMUs do.
public sealed unsafe partial class CpuCore
{
    private partial void Tlbp(NoOperands op)
    {
        if (Cp0Denied()) return;
        int i = Tlb.Find(C[Cp0Table.EntryHi], (byte)C[Cp0Table.EntryHi]);
        C[Cp0Table.Index] = i >= 0 ? (ulong)i : C[Cp0Table.Index] | Cp0.Index.PMask;
    }

    private partial void Tlbr(NoOperands op)
    {
        if (Cp0Denied()) return;
        int i = (int)(C[Cp0Table.Index] & 0x7FFF_FFFF) % Tlb.Size;
        ref var e = ref Tlb[i];
        ulong oldAsid = C[Cp0Table.EntryHi] & EntryHi.ASIDMask;
        ulong g = e.Global ? 1UL : 0UL;
        C[Cp0Table.EntryHi] = e.Hi;
        C[Cp0Table.PageMask] = e.PageMask;
        C[Cp0Table.EntryLo0] = (e.Lo0 & ~1UL) | g;
        C[Cp0Table.EntryLo1] = (e.Lo1 & ~1UL) | g;
        if ((e.Hi & EntryHi.ASIDMask) != oldAsid) Soft.FlushAll();
    }

    private partial void Tlbwi(NoOperands op)
    {
        if (Cp0Denied()) return;
        WriteTlb((int)(C[Cp0Table.Index] & 0x7FFF_FFFF) % Tlb.Size);
    }

    private partial void Tlbwr(NoOperands op)
    {
        if (Cp0Denied()) return;
        WriteTlb((int)NextRandom());
    }

    private void WriteTlb(int index)
    {
        var entry = new TlbEntry
        {
            Hi = C[Cp0Table.EntryHi] & ~EntryHi.EHINVMask,
            PageMask = C[Cp0Table.PageMask] & PageMask.MaskMask,
            Lo0 = C[Cp0Table.EntryLo0],
            Lo1 = C[Cp0Table.EntryLo1],
        };
        if (Tlb.WouldDuplicate(index, entry))
        {
            C[Cp0Table.Status] |= Status.TSMask;
            RaiseException(ExcCode.MCheck);
            return;
        }
        ref var old = ref Tlb[index];
        Soft.FlushRange(old.Hi & ~(old.PageMask | 0x1FFFUL), (old.PageMask | 0x1FFFUL) + 1);
        old = entry;
    }
}
