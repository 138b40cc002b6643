using VzFast.Cp0;
using VzFast.Cpu;

namespace VzFast.Mmu;

/// <summary>
/// The R4000-style joint TLB (MIPS64 Vol. III, 4.9-4.11): lookup by VPN2 and ASID (or G),
/// TLBP/TLBR/TLBWI/TLBWR/TLBINV/TLBINVF data movement. Used for the root TLB and, with a
/// GuestID, for the guest TLB of the VZ module.
/// </summary>
public sealed class Tlb
{
    private readonly TlbEntry[] _entries;
    private readonly ulong _segMask;
    private readonly ulong _pfnMask;

    public Tlb(int size, int segBits, int paBits)
    {
        _entries = new TlbEntry[size];
        _segMask = ((1UL << segBits) - 1) | (3UL << 62);
        _pfnMask = (1UL << (paBits - 12)) - 1;
    }

    public int Size => _entries.Length;

    /// <summary>
    /// Clears every entry to zero, as QEMU leaves the TLB at reset: VPN 0, ASID 0, not global,
    /// not valid (an access to page 0 with ASID 0 then takes a TLB invalid exception, not a refill).
    /// </summary>
    public void Clear() => Array.Clear(_entries);
    public ulong SegMask => _segMask;

    public ref TlbEntry this[int index] => ref _entries[index];

    /// <summary>The index of the entry matching <paramref name="va"/> under <paramref name="asid"/> (and GuestID), or -1.</summary>
    public int Find(ulong va, byte asid, byte guestId = 0)
    {
        var entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            ref var e = ref entries[i];
            ulong mask = e.PageMask | 0x1FFF;
            if (((e.Hi ^ va) & ~mask & _segMask) != 0 || e.Invalidated || e.GuestId != guestId) continue;
            if (e.Global || e.Asid == asid) return i;
        }
        return -1;
    }

    /// <summary>Translates through the TLB: TlbRefill (no entry), TlbInvalid (V=0), TlbModified (store, D=0).</summary>
    public TranslateResult Translate(ulong va, byte asid, AccessKind kind, out ulong pa, out ulong pageBytes) =>
        Translate(Find(va, asid), va, kind, out pa, out pageBytes);

    /// <summary>
    /// VZ second stage: a guest physical address through the root entries of GuestID
    /// <paramref name="guestId"/> (their ASID and G bits play no part).
    /// </summary>
    public TranslateResult TranslateGuestPhysical(ulong gpa, byte guestId, AccessKind kind, out ulong pa)
    {
        var entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            ref var e = ref entries[i];
            if (e.GuestId != guestId || e.Invalidated) continue;
            ulong mask = e.PageMask | 0x1FFF;
            if (((e.Hi ^ gpa) & ~mask & _segMask) == 0) return Translate(i, gpa, kind, out pa, out _);
        }
        pa = 0;
        return TranslateResult.TlbRefill;
    }

    private TranslateResult Translate(int i, ulong va, AccessKind kind, out ulong pa, out ulong pageBytes)
    {
        pa = 0;
        pageBytes = 0;
        if (i < 0) return TranslateResult.TlbRefill;
        ref var e = ref _entries[i];
        ulong mask = e.PageMask | 0x1FFF;
        ulong half = mask >> 1;
        ulong lo = (va & (half + 1)) != 0 ? e.Lo1 : e.Lo0;
        if ((lo & EntryLo0.VMask) == 0) return TranslateResult.TlbInvalid;
        if (kind == AccessKind.Store && (lo & EntryLo0.DMask) == 0) return TranslateResult.TlbModified;
        ulong pfn = ((lo & EntryLo0.PFNMask) >> EntryLo0.PFNShift) & _pfnMask;
        pa = ((pfn << 12) & ~half) | (va & half);
        pageBytes = half + 1;
        return TranslateResult.Ok;
    }

    /// <summary>Whether writing <paramref name="candidate"/> at <paramref name="index"/> would duplicate another entry (Machine Check).</summary>
    public bool WouldDuplicate(int index, in TlbEntry candidate)
    {
        if (candidate.Invalidated || ((candidate.Lo0 | candidate.Lo1) & EntryLo0.VMask) == 0) return false;
        for (int i = 0; i < _entries.Length; i++)
        {
            if (i == index) continue;
            ref var e = ref _entries[i];
            if (e.Invalidated) continue;
            ulong mask = e.PageMask | candidate.PageMask | 0x1FFF;
            if (((e.Hi ^ candidate.Hi) & ~mask & _segMask) != 0 || e.GuestId != candidate.GuestId) continue;
            if (e.Global || candidate.Global || e.Asid == candidate.Asid) return true;
        }
        return false;
    }
}
