namespace VzFast.Mmu;

/// <summary>One joint TLB entry: an even/odd page pair (MIPS64 Vol. III, 4.9 "TLB Organization").</summary>
public struct TlbEntry
{
    /// <summary>EntryHi as written: VPN2 (and R), ASID; EHINV marks an invalidated entry.</summary>
    public ulong Hi;
    /// <summary>PageMask.Mask shifted into place: the bits of the VPN this entry ignores.</summary>
    public ulong PageMask;
    public ulong Lo0, Lo1;
    /// <summary>VZ: the GuestID a root TLB entry belongs to (0: root's own mappings).</summary>
    public byte GuestId;

    public readonly bool Global => (Lo0 & Lo1 & 1) != 0;
    public readonly bool Invalidated => (Hi & (1UL << 10)) != 0;
    public readonly byte Asid => (byte)Hi;
    /// <summary>Byte size of one page of the pair.</summary>
    public readonly ulong PageSize => (PageMask | 0x1FFF) + 1 >> 1;
}
