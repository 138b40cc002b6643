using VzFast.Cp0;

namespace VzFast.Cpu;

// CP0 register reads and writes (Vol. III chapter 9) with their write masks from specs/cp0.yaml
// and the side effects in one place: Status/Cause interrupt recomputation, Compare clearing the
// timer interrupt, EntryHi ASID changes, Count rebasing, the EBase write gate.
public sealed unsafe partial class CpuCore
{
    private readonly bool[] _cp0Present = new bool[Cp0Table.Slots];
    private uint _randomSeed = 1, _randomPrevious;

    /// <summary>Which registers this CPU model implements; the rest read all ones and ignore writes (QEMU's gen_mfc0_unimplemented before Release 6).</summary>
    private void InitCp0Presence()
    {
        var config1 = new Config1(C[Cp0Table.Config1]);
        var config3 = new Config3(C[Cp0Table.Config3]);
        uint kscratch = new Config4(C[Cp0Table.Config4]).KScrExist;
        bool hasConfig4 = config3.M;
        for (int i = 0; i < Cp0Table.Slots; i++) _cp0Present[i] = Cp0Table.Exists(i);
        _cp0Present[Cp0Table.UserLocal] = config3.ULRI;
        _cp0Present[Cp0Table.BadInstr] = _cp0Present[Cp0Table.BadInstrP] = config3.BI;
        _cp0Present[Cp0Table.PageGrain] = true;
        _cp0Present[Cp0Table.Config4] = hasConfig4;
        _cp0Present[Cp0Table.Config5] = hasConfig4 && new Config4(C[Cp0Table.Config4]).M;
        _cp0Present[Cp0Table.WatchLo0] = _cp0Present[Cp0Table.WatchHi0] = config1.WR;
        _cp0Present[Cp0Table.PerfCtl0] = _cp0Present[Cp0Table.PerfCnt0] = config1.PC;
        _cp0Present[Cp0Table.Debug] = _cp0Present[Cp0Table.DEPC] = _cp0Present[Cp0Table.DESAVE] = config1.EP;
        for (int sel = 2; sel <= 7; sel++) _cp0Present[31 * 8 + sel] = hasConfig4 && (kscratch & (1u << sel)) != 0;
        foreach (int vz in new[] { Cp0Table.GuestCtl0, Cp0Table.GuestCtl0Ext, Cp0Table.GuestCtl1, Cp0Table.GuestCtl2, Cp0Table.GuestCtl3, Cp0Table.GTOffset })
            _cp0Present[vz] = config3.VZ;
    }

    public bool Cp0Implemented(int index) => _cp0Present[index];

    /// <summary>The value MFC0/DMFC0 would read (full width; MFC0 sign-extends the low word).</summary>
    public ulong ReadCp0(int index)
    {
        if (!_cp0Present[index]) return ulong.MaxValue;
        return index switch
        {
            Cp0Table.Count => ReadCount(),
            Cp0Table.Random => NextRandom(),
            _ => C[index],
        };
    }

    /// <summary>A software write (MTC0/DMTC0) with the register's write mask and side effects.</summary>
    public void WriteCp0(int index, ulong value)
    {
        if (!_cp0Present[index]) return;
        ulong old = C[index];
        ulong merged = (old & ~Cp0Table.WriteMasks[index]) | (value & Cp0Table.WriteMasks[index]);
        merged &= ~(Cp0Table.ClearMasks[index] & ~value);
        switch (index)
        {
            case Cp0Table.Index:
                // an index beyond the TLB is ignored; software cannot set P (as QEMU's helper_mtc0_index)
                if ((value & 0x7FFF_FFFFUL) < (ulong)Tlb.Size) C[index] = (old & Cp0.Index.PMask) | (value & 0x7FFF_FFFFUL);
                return;
            case Cp0Table.EntryLo0:
            case Cp0Table.EntryLo1:
                // PFN as wide as PABITS allows, plus C/D/V/G (QEMU's DMTC0_ENTRYLO_MASK)
                C[index] = value & ((1UL << (Model.PaBits - 6)) - 1);
                return;
            case Cp0Table.Wired:
                C[index] = value % (ulong)Tlb.Size;
                return;
            case Cp0Table.HWREna:
                C[index] = value & (0xFUL | (new Config3(C[Cp0Table.Config3]).ULRI ? HWREna.ULRMask : 0));
                return;
            case Cp0Table.Count:
                WriteCount((uint)value);
                return;
            case Cp0Table.EntryHi:
                C[index] = value & (~0x1FFFUL | EntryHi.ASIDMask) & Tlb.SegMask;
                if ((byte)C[index] != (byte)old) Soft.FlushAll();
                return;
            case Cp0Table.Compare:
                WriteCompare((uint)value);
                return;
            case Cp0Table.Status:
                C[index] = merged;
                StatusChanged(old, merged);
                return;
            case Cp0Table.Cause:
                C[index] = merged;
                if (((old ^ merged) & Cause.DCMask) != 0) CountEnableChanged(old);
                InterruptStateChanged();
                return;
            case Cp0Table.EBase:
                C[index] = merged;
                return;
            default:
                C[index] = merged;
                return;
        }
    }

    /// <summary>After Status changed: new translation context; KX/SX/UX changes invalidate cached translations.</summary>
    private void StatusChanged(ulong old, ulong now)
    {
        if (((old ^ now) & (Status.KXMask | Status.SXMask | Status.UXMask)) != 0) Soft.FlushAll();
        UpdateTranslationContext();
        InterruptStateChanged();
    }

    /// <summary>Random (Vol. III 9.2): an index in [Wired, TLB size), never the same twice in a row (QEMU's generator).</summary>
    private uint NextRandom()
    {
        uint wired = (uint)C[Cp0Table.Wired];
        uint n = (uint)Tlb.Size - wired;
        if (n <= 1) return (uint)Tlb.Size - 1;
        uint idx;
        do
        {
            _randomSeed = 1103515245u * _randomSeed + 12345u;
            idx = (_randomSeed >> 16) % n + wired;
        } while (idx == _randomPrevious);
        _randomPrevious = idx;
        return idx;
    }
}
