namespace VzFast.Vz;

[Flags]
public enum MemslotFlags
{
    None = 0,
    /// <summary>Guest writes exit as MMIO (KVM_MEM_READONLY).</summary>
    ReadOnly = 1,
    /// <summary>Writes are recorded per 4 KiB page for GetDirtyLog (KVM_MEM_LOG_DIRTY_PAGES).</summary>
    LogDirtyPages = 2,
}

/// <summary>
/// A range of guest-physical memory backed by host memory (struct kvm_memory_slot): guest
/// physical <see cref="GuestPhysical"/> maps to root physical <see cref="HostPhysical"/>.
/// </summary>
public sealed class Memslot
{
    public required int Id { get; init; }
    public required ulong GuestPhysical { get; init; }
    public required ulong Size { get; init; }
    public required ulong HostPhysical { get; init; }
    public MemslotFlags Flags { get; internal set; }
    /// <summary>One bit per 4 KiB page, set by the first write after the log was last read.</summary>
    internal ulong[] Dirty { get; set; } = [];

    public ulong GuestEnd => GuestPhysical + Size;
    public ulong Pages => Size >> 12;
    public bool Contains(ulong gpa) => gpa >= GuestPhysical && gpa < GuestEnd;

    internal void MarkDirty(ulong gpa)
    {
        ulong page = (gpa - GuestPhysical) >> 12;
        Dirty[page >> 6] |= 1UL << (int)(page & 63);
    }

    internal bool IsDirty(ulong gpa)
    {
        ulong page = (gpa - GuestPhysical) >> 12;
        return (Dirty[page >> 6] & (1UL << (int)(page & 63))) != 0;
    }
}
