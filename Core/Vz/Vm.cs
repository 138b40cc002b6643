using VzFast.Memory;
using VzFast.Scheduling;

namespace VzFast.Vz;

/// <summary>
/// A virtual machine (struct kvm): guest-physical memory as memslots over host memory, the
/// guest-physical MMIO bus whose devices the machine loop serves on MMIO exits, and the root
/// physical address space the CPU's second-stage translation lands in.
/// </summary>
public sealed unsafe class Vm
{
    private readonly List<Memslot> _slots = [];
    private ulong _nextHostPhysical;

    /// <summary>Root physical memory: every host block a memslot uses, each at its own root address.</summary>
    public AddressMap HostBus { get; } = new();

    /// <summary>Guest-physical devices (and, for reference, the guest's RAM map): what MMIO exits address.</summary>
    public AddressMap GuestBus { get; }

    public Scheduler Scheduler { get; }

    public IReadOnlyList<Memslot> Memslots => _slots;

    /// <summary>Raised when memslots change, so vCPUs drop second-stage mappings (kvm_arch_flush_shadow_memslot).</summary>
    public event Action? MappingsChanged;

    public Vm(AddressMap guestBus, Scheduler scheduler)
    {
        GuestBus = guestBus;
        Scheduler = scheduler;
    }

    /// <summary>
    /// KVM_SET_USER_MEMORY_REGION: maps <paramref name="size"/> bytes of <paramref name="block"/> at
    /// <paramref name="offset"/> to guest physical <paramref name="guestPhysical"/>. The same host
    /// bytes may back several slots (Malta's RAM aliases).
    /// </summary>
    public Memslot SetMemoryRegion(int id, ulong guestPhysical, PhysicalMemory block, ulong offset, ulong size, MemslotFlags flags = MemslotFlags.None)
    {
        if (((guestPhysical | offset | size) & 0xFFF) != 0 || size == 0) throw new ArgumentException("memslots are whole 4 KiB pages");
        if (offset + size > block.Size) throw new ArgumentException("memslot lies outside its host block");
        if (_slots.Any(s => s.Id == id)) throw new ArgumentException($"memslot {id} exists");
        if (_slots.Any(s => guestPhysical < s.GuestEnd && s.GuestPhysical < guestPhysical + size))
            throw new ArgumentException($"memslot {id} overlaps another in guest physical space");
        ulong hostPhysical = HostAddressOf(block) + offset;
        var slot = new Memslot { Id = id, GuestPhysical = guestPhysical, Size = size, HostPhysical = hostPhysical };
        SetFlags(slot, flags);
        _slots.Add(slot);
        MappingsChanged?.Invoke();
        return slot;
    }

    private readonly Dictionary<PhysicalMemory, ulong> _hostBases = [];

    /// <summary>Each host block gets one root-physical window, 16 MiB aligned so huge root pages fit.</summary>
    private ulong HostAddressOf(PhysicalMemory block)
    {
        if (_hostBases.TryGetValue(block, out ulong b)) return b;
        b = _nextHostPhysical;
        HostBus.MapRam($"host-{_hostBases.Count}", b, block, 0, block.Size);
        _nextHostPhysical = (b + block.Size + 0xFF_FFFF) & ~0xFF_FFFFUL;
        _hostBases[block] = b;
        return b;
    }

    /// <summary>KVM_SET_USER_MEMORY_REGION with size 0: the slot goes, and with it every mapping of it.</summary>
    public void DeleteMemoryRegion(int id)
    {
        if (_slots.RemoveAll(s => s.Id == id) == 0) throw new ArgumentException($"no memslot {id}");
        MappingsChanged?.Invoke();
    }

    public void SetFlags(Memslot slot, MemslotFlags flags)
    {
        slot.Flags = flags;
        slot.Dirty = (flags & MemslotFlags.LogDirtyPages) != 0 ? new ulong[(slot.Pages + 63) / 64] : [];
        MappingsChanged?.Invoke();
    }

    public Memslot? FindSlot(ulong gpa)
    {
        foreach (var s in _slots)
            if (s.Contains(gpa)) return s;
        return null;
    }

    /// <summary>
    /// KVM_GET_DIRTY_LOG: the pages written since the last call (one bit each), then cleared; the
    /// pages become clean again so their next write is seen (kvm_mips_mkclean_gpa_pt).
    /// </summary>
    public ulong[] GetDirtyLog(int id)
    {
        var slot = _slots.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"no memslot {id}");
        if ((slot.Flags & MemslotFlags.LogDirtyPages) == 0) throw new InvalidOperationException($"memslot {id} does not log dirty pages");
        var log = (ulong[])slot.Dirty.Clone();
        Array.Clear(slot.Dirty);
        MappingsChanged?.Invoke();
        return log;
    }
}
