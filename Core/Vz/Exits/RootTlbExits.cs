using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Mmu;

namespace VzFast.Vz;

// Root TLB refill / invalid / modified on a guest physical address (kvm_trap_vz_handle_tlb_ld_miss,
// _st_miss, kvm_mips_handle_vz_root_tlb_fault): RAM behind a memslot is mapped into the root TLB
// under the guest's GuestID, in pages as large as the slot allows; anything else is MMIO.
public sealed unsafe partial class Vcpu
{
    private int _nextRootTlbSlot;

    private bool HandleTlbLoadMiss()
    {
        if (!RootFaultGpa(out ulong gpa)) return true; // could not translate: just try again
        if (MapGuestPhysical(gpa, write: false)) return true;
        if (Cpu.LastRootFaultWasFetch)
        {
            // Linux stops here (a code fetch is not MMIO); the machine may still answer with a bus error
            Exit.Reason = ExitReason.Mmio;
            Exit.IsFetch = true;
            Exit.IsWrite = false;
            Exit.Address = gpa;
            Exit.Width = 4;
            Exit.BusError = false;
            _mmioFaultPc = _pc;
            _mmioFaultBd = ExitInDelaySlot;
            _ioPc = _pc;
            _mmioPending = true;
            return true;
        }
        return EmulateMmio(gpa, store: false);
    }

    private bool HandleTlbStoreMiss()
    {
        if (!RootFaultGpa(out ulong gpa)) return true;
        if (MapGuestPhysical(gpa, write: true)) return true;
        return EmulateMmio(gpa, store: true);
    }

    /// <summary>kvm_vz_badvaddr_to_gpa: root BadVAddr holds the GPA, or (GExcCode GVA) the GVA to translate in software.</summary>
    private bool RootFaultGpa(out ulong gpa)
    {
        gpa = RC[Cp0Table.BadVAddr];
        var gexc = (GExcCode)((RC[Cp0Table.GuestCtl0] & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift);
        if (gexc == GExcCode.Gpa) return true;
        return Cpu.TranslateGuestVirtual(gpa, AccessKind.Load, out gpa);
    }

    /// <summary>
    /// kvm_mips_handle_vz_root_tlb_fault: maps the page pair around <paramref name="gpa"/> into the
    /// root TLB if a memslot backs it (a write needs a writable slot; in a dirty-logged slot it marks
    /// the page dirty). False when the access must be emulated as MMIO.
    /// </summary>
    private bool MapGuestPhysical(ulong gpa, bool write)
    {
        var slot = Vm.FindSlot(gpa);
        if (slot == null) return false;
        bool readOnly = (slot.Flags & MemslotFlags.ReadOnly) != 0;
        if (write && readOnly) return false;
        bool logDirty = (slot.Flags & MemslotFlags.LogDirtyPages) != 0;
        if (write && logDirty) slot.MarkDirty(gpa);

        ulong page = 0x1000;
        if (!logDirty)
        {
            // the largest R2 page (4 KiB .. 256 MiB, powers of 4) whose half holding gpa lies in the slot at a
            // host-aligned offset, and whose other half is in the slot too or clear of every other slot
            for (ulong ps = 256UL << 20; ps > 0x1000; ps >>= 2)
            {
                ulong half = gpa & ~(ps - 1), other = half ^ ps;
                if (half >= slot.GuestPhysical && half + ps <= slot.GuestEnd && ((slot.HostPhysical - slot.GuestPhysical) & (ps - 1)) == 0
                    && (other >= slot.GuestPhysical && other + ps <= slot.GuestEnd || !OverlapsOtherSlot(slot, other, ps)))
                {
                    page = ps;
                    break;
                }
            }
        }
        ulong pairBase = gpa & ~(2 * page - 1);
        ulong Lo(ulong halfGpa)
        {
            if (halfGpa < slot.GuestPhysical || halfGpa + page > slot.GuestEnd) return 0; // outside the slot: not valid
            ulong host = slot.HostPhysical + (halfGpa - slot.GuestPhysical);
            bool dirty = !readOnly && (!logDirty || slot.IsDirty(halfGpa));
            return ((host >> 12) << EntryLo0.PFNShift) | (3UL << EntryLo0.CShift) | (dirty ? EntryLo0.DMask : 0) | EntryLo0.VMask;
        }
        var entry = new TlbEntry
        {
            Hi = pairBase & Cpu.Tlb.SegMask,
            PageMask = (page * 2 - 1) & ~0x1FFFUL,
            Lo0 = Lo(pairBase),
            Lo1 = Lo(pairBase + page),
            GuestId = GuestId,
        };
        // entries of this guest overlapping the pair go (kvm_vz_host_tlb_inv); the first one's slot is reused
        int index = -1;
        for (int i = 0; i < Cpu.Tlb.Size; i++)
        {
            ref var e = ref Cpu.Tlb[i];
            ulong mask = e.PageMask | entry.PageMask | 0x1FFF;
            if (e.GuestId != GuestId || e.Invalidated || ((e.Hi ^ entry.Hi) & ~mask & Cpu.Tlb.SegMask) != 0) continue;
            if (index < 0) index = i;
            else Cpu.WriteTlbEntry(Cpu.Tlb, i, InvalidEntry);
        }
        if (index < 0)
        {
            index = _nextRootTlbSlot;
            _nextRootTlbSlot = (_nextRootTlbSlot + 1) % Cpu.Tlb.Size;
        }
        Cpu.WriteTlbEntry(Cpu.Tlb, index, entry);
        return true;
    }

    private static readonly TlbEntry InvalidEntry = new() { Hi = 1UL << 10 };

    private bool OverlapsOtherSlot(Memslot slot, ulong start, ulong size)
    {
        foreach (var s in Vm.Memslots)
            if (s != slot && start < s.GuestEnd && s.GuestPhysical < start + size) return true;
        return false;
    }

    /// <summary>Memslots changed (or a dirty log was read): drop every second-stage mapping of this guest.</summary>
    private void FlushGuestMappings()
    {
        for (int i = 0; i < Cpu.Tlb.Size; i++)
            if (Cpu.Tlb[i].GuestId == GuestId) Cpu.WriteTlbEntry(Cpu.Tlb, i, InvalidEntry);
    }
}
