using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Vol. III TLBP/TLBR/TLBWI/TLBWR: data movement between EntryHi/EntryLo0/1/PageMask and the TLB of
// the executing context (the guest TLB in VZ guest mode, where GuestCtl0.AT must give the guest
// its MMU, else GPSI). Root writes tag entries with GuestCtl1.RID. Overwriting an entry drops its
// pages from the soft TLB; writing one that would match together with another valid one raises a
// Machine Check (Status.TS), as R4000-style MMUs do. TLBGP/TLBGR/TLBGWI/TLBGWR (Vol. IV-i) are the
// root's view of the guest TLB.
public sealed unsafe partial class CpuCore
{
    /// <summary>In guest mode the guest must own its MMU (GuestCtl0.AT = 3); otherwise the TLB operation exits.</summary>
    private bool GuestTlbOpTraps()
    {
        if (!InGuestMode || (RC[Cp0Table.GuestCtl0] & GuestCtl0.ATMask) >> GuestCtl0.ATShift == (ulong)GuestAt.Guest) return false;
        GuestExit(GExcCode.Gpsi);
        return true;
    }

    private byte RootGuestId => InGuestMode || !Virtualization ? (byte)0 : (byte)((RC[Cp0Table.GuestCtl1] & GuestCtl1.RIDMask) >> GuestCtl1.RIDShift);

    private partial void Tlbp(NoOperands op)
    {
        if (Cp0Denied() || GuestTlbOpTraps()) return;
        Probe(C, _tlb, InGuestMode ? (byte)0 : RootGuestId);
    }

    private partial void Tlbr(NoOperands op)
    {
        if (Cp0Denied() || GuestTlbOpTraps()) return;
        ReadEntry(C, _tlb, setRid: !InGuestMode && Virtualization);
    }

    private partial void Tlbwi(NoOperands op)
    {
        if (Cp0Denied() || GuestTlbOpTraps()) return;
        WriteTlb(C, _tlb, (int)(C[Cp0Table.Index] & 0x7FFF_FFFF) % _tlb.Size, InGuestMode ? (byte)0 : RootGuestId);
    }

    private partial void Tlbwr(NoOperands op)
    {
        if (Cp0Denied() || GuestTlbOpTraps()) return;
        WriteTlb(C, _tlb, (int)NextRandom(InGuestMode), InGuestMode ? (byte)0 : RootGuestId);
    }

    private partial void Tlbgp(NoOperands op)
    {
        if (RootOnlyVzDenied()) return;
        Probe(GC, GuestTlb, 0);
    }

    private partial void Tlbgr(NoOperands op)
    {
        if (RootOnlyVzDenied()) return;
        ReadEntry(GC, GuestTlb, setRid: false);
    }

    private partial void Tlbgwi(NoOperands op)
    {
        if (RootOnlyVzDenied()) return;
        WriteTlb(GC, GuestTlb, (int)(GC[Cp0Table.Index] & 0x7FFF_FFFF) % GuestTlb.Size, 0);
    }

    private partial void Tlbgwr(NoOperands op)
    {
        if (RootOnlyVzDenied()) return;
        WriteTlb(GC, GuestTlb, (int)NextRandom(guest: true), 0);
    }

    private void Probe(ulong* bank, Tlb tlb, byte guestId)
    {
        int i = tlb.Find(bank[Cp0Table.EntryHi], (byte)bank[Cp0Table.EntryHi], guestId);
        bank[Cp0Table.Index] = i >= 0 ? (ulong)i : bank[Cp0Table.Index] | Cp0.Index.PMask;
    }

    private void ReadEntry(ulong* bank, Tlb tlb, bool setRid)
    {
        int i = (int)(bank[Cp0Table.Index] & 0x7FFF_FFFF) % tlb.Size;
        ref var e = ref tlb[i];
        ulong oldAsid = bank[Cp0Table.EntryHi] & EntryHi.ASIDMask;
        ulong g = e.Global ? 1UL : 0UL;
        bank[Cp0Table.EntryHi] = e.Hi;
        bank[Cp0Table.PageMask] = e.PageMask;
        bank[Cp0Table.EntryLo0] = (e.Lo0 & ~1UL) | g;
        bank[Cp0Table.EntryLo1] = (e.Lo1 & ~1UL) | g;
        if (setRid)
            RC[Cp0Table.GuestCtl1] = (RC[Cp0Table.GuestCtl1] & ~GuestCtl1.RIDMask) | ((ulong)e.GuestId << GuestCtl1.RIDShift);
        if ((e.Hi & EntryHi.ASIDMask) != oldAsid) Soft.FlushAll();
    }

    private void WriteTlb(ulong* bank, Tlb tlb, int index, byte guestId)
    {
        var entry = new TlbEntry
        {
            Hi = bank[Cp0Table.EntryHi] & ~EntryHi.EHINVMask,
            PageMask = bank[Cp0Table.PageMask] & PageMask.MaskMask,
            Lo0 = bank[Cp0Table.EntryLo0],
            Lo1 = bank[Cp0Table.EntryLo1],
            GuestId = guestId,
        };
        if (tlb.WouldDuplicate(index, entry))
        {
            bank[Cp0Table.Status] |= Status.TSMask;
            RaiseException(ExcCode.MCheck);
            return;
        }
        WriteTlbEntry(tlb, index, entry);
    }

    /// <summary>Replaces a TLB entry and drops what the soft TLB cached through the old one (root entries may back any guest page).</summary>
    public void WriteTlbEntry(Tlb tlb, int index, in TlbEntry entry)
    {
        ref var old = ref tlb[index];
        if (tlb == Tlb && old.GuestId != 0) Soft.FlushAll();
        else Soft.FlushRange(old.Hi & ~(old.PageMask | 0x1FFFUL), (old.PageMask | 0x1FFFUL) + 1);
        old = entry;
    }
}
