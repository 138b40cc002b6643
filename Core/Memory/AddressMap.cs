namespace VzFast.Memory;

/// <summary>One contiguous physical range: RAM (backed by the block at HostBase) or an MMIO window.</summary>
public sealed unsafe class MemoryRegion
{
    public required string Name { get; init; }
    public required ulong Start { get; init; }
    public required ulong Size { get; init; }
    public ulong End => Start + Size;
    /// <summary>Host address of Start for RAM; null for MMIO.</summary>
    public byte* HostBase { get; init; }
    public IMmioDevice? Device { get; init; }
    /// <summary>RAM: the block behind the region and where in it Start lies (what a memslot needs).</summary>
    public PhysicalMemory? Ram { get; init; }
    public ulong RamOffset { get; init; }
    public bool ReadOnly { get; init; }
    public bool IsRam => HostBase != null;
}

/// <summary>
/// The physical address map: RAM ranges and MMIO windows, non-overlapping. Looked up only when the
/// CPU's translation cache misses, so a sorted array with binary search is enough.
/// </summary>
public sealed unsafe class AddressMap
{
    private MemoryRegion[] _regions = [];

    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>
    /// Unassigned physical addresses below this read as 0 and ignore writes; at or above it they
    /// are bus errors. Boards set it (0 by default: every unassigned access is a bus error).
    /// </summary>
    public ulong QuietHoleLimit { get; set; }

    /// <summary>Raised after every change, so translation caches holding host pointers can flush.</summary>
    public event Action? Changed;

    public MemoryRegion MapRam(string name, ulong start, PhysicalMemory ram, ulong offset, ulong size, bool readOnly = false)
    {
        if (offset + size > ram.Size) throw new ArgumentException($"region {name} lies outside RAM");
        return Add(new MemoryRegion { Name = name, Start = start, Size = size, HostBase = ram.Base + offset, Ram = ram, RamOffset = offset, ReadOnly = readOnly });
    }

    public MemoryRegion MapMmio(string name, ulong start, ulong size, IMmioDevice device) =>
        Add(new MemoryRegion { Name = name, Start = start, Size = size, Device = device });

    public void Unmap(MemoryRegion region)
    {
        _regions = _regions.Where(r => r != region).ToArray();
        Changed?.Invoke();
    }

    private MemoryRegion Add(MemoryRegion region)
    {
        if (region.Size == 0) throw new ArgumentException($"region {region.Name} is empty");
        foreach (var r in _regions)
            if (region.Start < r.End && r.Start < region.End)
                throw new ArgumentException($"region {region.Name} overlaps {r.Name}");
        _regions = _regions.Append(region).OrderBy(r => r.Start).ToArray();
        Changed?.Invoke();
        return region;
    }

    /// <summary>Whether no region covers any of [start, start + size).</summary>
    public bool IsFree(ulong start, ulong size) => !_regions.Any(r => start < r.End && r.Start < start + size);

    /// <summary>The region holding physical address <paramref name="paddr"/>, or null (unassigned).</summary>
    public MemoryRegion? Find(ulong paddr)
    {
        var regions = _regions;
        int lo = 0, hi = regions.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var r = regions[mid];
            if (paddr < r.Start) hi = mid - 1;
            else if (paddr >= r.End) lo = mid + 1;
            else return r;
        }
        return null;
    }

    /// <summary>Copies bytes into RAM at a physical address (used by loaders); fails if any byte is not RAM.</summary>
    public bool TryWriteRam(ulong paddr, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var r = Find(paddr);
            if (r == null || !r.IsRam) return false;
            int n = (int)Math.Min((ulong)data.Length, r.End - paddr);
            data[..n].CopyTo(new Span<byte>(r.HostBase + (paddr - r.Start), n));
            r.Ram?.NotifyWritten(r.HostBase + (paddr - r.Start), n);
            data = data[n..];
            paddr += (ulong)n;
        }
        return true;
    }

    /// <summary>Copies bytes out of RAM at a physical address; fails if any byte is not RAM.</summary>
    public bool TryReadRam(ulong paddr, Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            var r = Find(paddr);
            if (r == null || !r.IsRam) return false;
            int n = (int)Math.Min((ulong)data.Length, r.End - paddr);
            new ReadOnlySpan<byte>(r.HostBase + (paddr - r.Start), n).CopyTo(data);
            data = data[n..];
            paddr += (ulong)n;
        }
        return true;
    }
}
