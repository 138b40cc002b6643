using VzFast.Cp0;

namespace VzFast.Cpu;

// CP0 register reads and writes (Vol. III chapter 9) with their write masks from specs/cp0.yaml
// and the side effects in one place: Status/Cause interrupt recomputation, Compare clearing the
// timer interrupt, EntryHi ASID changes, Count rebasing, the VZ control registers. Each operation
// names the bank it works on: the root registers, or the guest context of the VZ module.
public sealed unsafe partial class CpuCore
{
    private readonly bool[] _cp0Present = new bool[Cp0Table.Slots];
    private readonly bool[] _guestCp0Present = new bool[Cp0Table.Slots];

    /// <summary>QEMU's Random generator state (an ISO C linear congruential generator), one per context.</summary>
    private struct RandomState
    {
        public uint Seed, Previous;
        public static RandomState Initial => new() { Seed = 1 };
    }

    private RandomState _random = RandomState.Initial, _guestRandom = RandomState.Initial;

    /// <summary>Which registers each context implements; the rest read all ones and ignore writes (QEMU's gen_mfc0_unimplemented before Release 6).</summary>
    private void InitCp0Presence()
    {
        ComputePresence(RC, _cp0Present, guest: false);
        ComputePresence(GC, _guestCp0Present, guest: true);
    }

    private static void ComputePresence(ulong* bank, bool[] present, bool guest)
    {
        var config1 = new Config1(bank[Cp0Table.Config1]);
        var config3 = new Config3(bank[Cp0Table.Config3]);
        var config4 = new Config4(bank[Cp0Table.Config4]);
        bool hasConfig4 = config3.M;
        for (int i = 0; i < Cp0Table.Slots; i++) present[i] = Cp0Table.Exists(i) && (!guest || Cp0Table.InGuest[i]);
        present[Cp0Table.UserLocal] = config3.ULRI;
        present[Cp0Table.BadInstr] = present[Cp0Table.BadInstrP] = config3.BI;
        present[Cp0Table.Config4] = hasConfig4;
        present[Cp0Table.Config5] = hasConfig4 && config4.M;
        // watch pair n exists when Config1.WR and pair n-1's WatchHi.M say so
        bool watch = config1.WR;
        for (int n = 0; n < 8; n++)
        {
            present[18 * 8 + n] = present[19 * 8 + n] = watch;
            watch = watch && (bank[19 * 8 + n] & WatchHi0.MMask) != 0;
        }
        present[Cp0Table.PerfCtl0] = present[Cp0Table.PerfCnt0] = config1.PC;
        if (!guest) present[Cp0Table.Debug] = present[Cp0Table.DEPC] = present[Cp0Table.DESAVE] = config1.EP;
        for (int sel = 2; sel <= 7; sel++) present[31 * 8 + sel] = hasConfig4 && (config4.KScrExist & (1u << sel)) != 0;
        foreach (int vz in new[] { Cp0Table.GuestCtl0, Cp0Table.GuestCtl0Ext, Cp0Table.GuestCtl1, Cp0Table.GuestCtl2, Cp0Table.GuestCtl3, Cp0Table.GTOffset })
            present[vz] = !guest && config3.VZ;
    }

    /// <summary>The hypervisor set the guest Config registers: recompute which guest registers exist.</summary>
    public void GuestConfigChanged() => ComputePresence(GC, _guestCp0Present, guest: true);

    public bool Cp0Implemented(int index) => (InGuestMode ? _guestCp0Present : _cp0Present)[index];

    /// <summary>The value MFC0/DMFC0 in the executing context would read (full width; MFC0 sign-extends the low word).</summary>
    public ulong ReadCp0(int index) => ReadCp0(InGuestMode, index);

    /// <summary>A software write (MTC0/DMTC0) in the executing context, with its write mask and side effects.</summary>
    public void WriteCp0(int index, ulong value) => WriteCp0(InGuestMode, index, value, rootWrite: false);

    /// <summary>A root register write by root software (the hypervisor), whatever context is executing.</summary>
    public void WriteRootCp0(int index, ulong value) => WriteCp0(guest: false, index, value, rootWrite: true);

    public ulong ReadRootCp0(int index) => ReadCp0(guest: false, index);

    /// <summary>Reads a guest CP0 register as MFGC0 does (no guest exits).</summary>
    public ulong ReadGuestCp0(int index) => ReadCp0(guest: true, index);

    /// <summary>Writes a guest CP0 register as MTGC0 does: root may also change root-only fields.</summary>
    public void WriteGuestCp0(int index, ulong value) => WriteCp0(guest: true, index, value, rootWrite: true);

    internal ulong ReadCp0(bool guest, int index)
    {
        var present = guest ? _guestCp0Present : _cp0Present;
        if (!present[index]) return ulong.MaxValue;
        return index switch
        {
            Cp0Table.Count => guest ? ReadGuestCount() : ReadCount(),
            Cp0Table.Random => NextRandom(guest),
            _ => (guest ? GC : RC)[index],
        };
    }

    internal void WriteCp0(bool guest, int index, ulong value, bool rootWrite)
    {
        var present = guest ? _guestCp0Present : _cp0Present;
        if (!present[index]) return;
        ulong* bank = guest ? GC : RC;
        ulong old = bank[index];
        ulong mask = rootWrite ? Cp0Table.RootWriteMasks[index] : Cp0Table.WriteMasks[index];
        ulong merged = (old & ~mask) | (value & mask);
        merged &= ~(Cp0Table.ClearMasks[index] & ~value);
        var tlb = guest ? GuestTlb : Tlb;
        switch (index)
        {
            case Cp0Table.Index:
                // an index beyond the TLB is ignored; software cannot set P (as QEMU's helper_mtc0_index)
                if ((value & 0x7FFF_FFFFUL) < (ulong)tlb.Size) bank[index] = (old & Cp0.Index.PMask) | (value & 0x7FFF_FFFFUL);
                return;
            case Cp0Table.EntryLo0:
            case Cp0Table.EntryLo1:
                // PFN as wide as PABITS allows, plus C/D/V/G (QEMU's DMTC0_ENTRYLO_MASK)
                bank[index] = value & ((1UL << (Model.PaBits - 6)) - 1);
                return;
            case Cp0Table.Wired:
                bank[index] = value % (ulong)tlb.Size;
                return;
            case Cp0Table.HWREna:
                bank[index] = value & (0xFUL | (new Config3(bank[Cp0Table.Config3]).ULRI ? HWREna.ULRMask : 0));
                return;
            case Cp0Table.Count:
                if (guest) WriteGuestCount((uint)value);
                else WriteCount((uint)value);
                return;
            case Cp0Table.EntryHi:
                bank[index] = value & (~0x1FFFUL | EntryHi.ASIDMask) & tlb.SegMask;
                if ((byte)bank[index] != (byte)old) Soft.FlushAll();
                return;
            case Cp0Table.Compare:
                if (guest) WriteGuestCompare((uint)value);
                else WriteCompare((uint)value);
                return;
            case Cp0Table.Config5 when Model.HasMsa:
                bank[index] = (merged & ~(1UL << 27)) | (value & (1UL << 27)); // MSAEn
                return;
            case Cp0Table.Status:
            {
                // CU1 (and FR with a 64-bit FPU) are writable on CPUs with an FPU
                ulong fpu = Model.HasFpu ? 1UL << 29 | (Model.Fpu64 ? Status.FRMask : 0) : 0;
                merged = (merged & ~fpu) | (value & fpu);
            }
                bank[index] = merged;
                StatusChanged(old, merged);
                if (guest && !rootWrite) GuestModeChanged(old);
                return;
            case Cp0Table.Cause:
                bank[index] = merged;
                if (!guest && ((old ^ merged) & Cause.DCMask) != 0) CountEnableChanged(old);
                InterruptStateChanged();
                return;
            case Cp0Table.GuestCtl0:
                bank[index] = merged;
                if (((old ^ merged) & GuestCtl0.GTMask) != 0) RescheduleGuestTimer();
                UpdateGuestMode();
                UpdateGuestInterruptLines();
                return;
            case Cp0Table.GuestCtl1:
                bank[index] = merged;
                if (((old ^ merged) & GuestCtl1.IDMask) != 0) Soft.FlushAll(); // new GuestID: other second-stage mappings
                return;
            case Cp0Table.GuestCtl2:
                bank[index] = merged;
                UpdateGuestInterruptLines();
                return;
            case Cp0Table.GTOffset:
                bank[index] = merged;
                RescheduleGuestTimer();
                return;
            default:
                bank[index] = merged;
                return;
        }
    }

    /// <summary>After a Status change: new translation context; KX/SX/UX changes invalidate cached translations; root EXL/ERL decide guest mode.</summary>
    private void StatusChanged(ulong old, ulong now)
    {
        if (((old ^ now) & (Status.KXMask | Status.SXMask | Status.UXMask)) != 0) Soft.FlushAll();
        UpdateGuestMode();
        UpdateTranslationContext();
        InterruptStateChanged();
    }

    /// <summary>Random (Vol. III 9.2): an index in [Wired, TLB size), never the same twice in a row (QEMU's generator).</summary>
    private uint NextRandom(bool guest)
    {
        ref var state = ref guest ? ref _guestRandom : ref _random;
        uint size = (uint)(guest ? GuestTlb : Tlb).Size;
        uint wired = (uint)(guest ? GC : RC)[Cp0Table.Wired];
        uint n = size - wired;
        if (n <= 1) return size - 1;
        uint idx;
        do
        {
            state.Seed = 1103515245u * state.Seed + 12345u;
            idx = (state.Seed >> 16) % n + wired;
        } while (idx == state.Previous);
        state.Previous = idx;
        return idx;
    }
}
