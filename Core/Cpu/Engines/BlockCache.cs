using System.Runtime.CompilerServices;
using VzFast.Memory;

namespace VzFast.Cpu.Engines;

/// <summary>A block of guest code some engine prepared: where it starts and which 64-byte lines of its page it read.</summary>
public abstract class CachedBlock
{
    public required ulong Pc { get; init; }
    /// <summary>Host address of the first instruction: the physical page, so TLB and ASID/GuestID changes need no flush.</summary>
    public required nint Host { get; init; }
    /// <summary>Instructions the block executes when it runs to its end (a branch's delay slot included).</summary>
    public required int Length { get; init; }
    /// <summary>Bit n: the block was made from line n (64 bytes) of its page.</summary>
    public ulong Lines { get; init; }
    /// <summary>Cleared when a write drops the block (an engine running it stops after the store).</summary>
    public bool Live { get; internal set; } = true;

    public static ulong LinesOf(nint host, int words)
    {
        int first = (int)(host & 0xFFF) >> 6, last = ((int)(host & 0xFFF) + words * 4 - 1) >> 6;
        ulong mask = 0;
        for (int i = first; i <= last; i++) mask |= 1UL << i;
        return mask;
    }
}

/// <summary>
/// The code cache the block engines share: blocks found by (virtual PC, host address) through a
/// direct-mapped table, and the pages holding them. A page with code keeps its stores on the CPU's
/// slow path, which drops the blocks on the 64-byte lines written (self-modifying code, ftrace,
/// exec); loader and debugger writes arrive through the memory block's Written event. Because the
/// key includes the host address, a block is only ever reached through the translation it was made
/// under, so TLB writes, ASID/GuestID and mode changes need no flush.
/// </summary>
public sealed unsafe class BlockCache
{
    /// <summary>The longest basic block any block engine makes (instructions).</summary>
    public const int MaxBlockLength = 64;

    private const int CacheBits = 14;

    public struct Slot
    {
        public ulong Pc;
        public nint Host;
        public CachedBlock? Block;
        /// <summary>Times the start was reached without a block (the JIT's hotness count).</summary>
        public int Hits;
    }

    private sealed class CodePage
    {
        public readonly List<CachedBlock> Blocks = [];
        public ulong Lines;
    }

    private readonly CpuCore _cpu;
    private readonly Slot[] _slots = new Slot[1 << CacheBits];
    private readonly Dictionary<(ulong Pc, nint Host), CachedBlock> _blocks = [];
    private readonly Dictionary<nint, CodePage> _byPage = [];
    private readonly Dictionary<nint, long> _generation = [];
    private readonly HashSet<PhysicalMemory> _watched = [];

    /// <summary>Blocks dropped because their code was written.</summary>
    public long Invalidated;

    internal BlockCache(CpuCore cpu) => _cpu = cpu;

    public int Count => _blocks.Count;

    /// <summary>The direct-mapped slot for a start; the caller compares Pc and Host.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Slot SlotOf(ulong pc) => ref _slots[(int)((pc >> 2) & ((1 << CacheBits) - 1))];

    public CachedBlock? Find(ulong pc, nint host) => _blocks.GetValueOrDefault((pc, host));

    /// <summary>Starts watching <paramref name="words"/> instructions at <paramref name="host"/> (before a block over them is made).</summary>
    public void Track(nint host, int words)
    {
        nint page = host & ~(nint)0xFFF;
        if (!_byPage.TryGetValue(page, out var cp))
        {
            _byPage[page] = cp = new CodePage();
            _cpu.Soft.FlushStoresTo(page);
            Watch(page);
        }
        cp.Lines |= CachedBlock.LinesOf(host, words);
    }

    /// <summary>Writes to a page so far: a block made from a copy taken at an older generation is stale.</summary>
    public long GenerationOf(nint host) => _generation.GetValueOrDefault(host & ~(nint)0xFFF);

    /// <summary>Adds a block made from the page as it was at <paramref name="generation"/>; false if the page was written since.</summary>
    public bool Add(CachedBlock b, long generation)
    {
        nint page = b.Host & ~(nint)0xFFF;
        if (GenerationOf(page) != generation || !_byPage.TryGetValue(page, out var cp)) return false;
        if (_blocks.TryGetValue((b.Pc, b.Host), out var old)) cp.Blocks.Remove(old); // a second tier replaces the first
        _blocks[(b.Pc, b.Host)] = b;
        cp.Blocks.Add(b);
        cp.Lines |= b.Lines;
        ref var s = ref SlotOf(b.Pc);
        if (s.Pc == b.Pc && s.Host == b.Host) s.Block = b;
        return true;
    }

    /// <summary>Writes by loaders and debuggers reach the cache through the memory block's event.</summary>
    private void Watch(nint page)
    {
        foreach (var r in _cpu.Bus.Regions)
        {
            if (r.Ram == null || (byte*)page < r.HostBase || (byte*)page >= r.HostBase + r.Size || !_watched.Add(r.Ram)) continue;
            r.Ram.Written += InvalidateRange;
        }
    }

    public bool IsCodePage(nint hostPage) => _byPage.ContainsKey(hostPage);

    /// <summary>The CPU stores to <paramref name="host"/> through the slow path: drop the code on that line.</summary>
    internal void NoteStore(nint host)
    {
        if (_byPage.Count != 0) InvalidateRange(host, 1);
    }

    /// <summary>Bytes at <paramref name="host"/> changed: blocks over them go, and copies taken of their pages become stale.</summary>
    public void InvalidateRange(nint host, int length)
    {
        for (nint page = host & ~(nint)0xFFF; page < host + length; page += 0x1000)
        {
            if (!_byPage.TryGetValue(page, out var cp)) continue;
            nint from = Math.Max(host, page), to = Math.Min(host + length, page + 0x1000);
            ulong written = CachedBlock.LinesOf(from, (int)((to - from + 3) / 4));
            if ((cp.Lines & written) == 0) continue;
            _generation[page] = _generation.GetValueOrDefault(page) + 1;
            ulong keep = 0;
            var blocks = cp.Blocks;
            for (int i = blocks.Count - 1; i >= 0; i--) // no closure: this runs for every slow store to a code page
            {
                var b = blocks[i];
                if ((b.Lines & written) == 0)
                {
                    keep |= b.Lines;
                    continue;
                }
                blocks.RemoveAt(i);
                Drop(b);
            }
            cp.Lines = keep;
            if (cp.Blocks.Count == 0) _byPage.Remove(page); // stores to the page go fast again
        }
    }

    private void Drop(CachedBlock b)
    {
        b.Live = false;
        _blocks.Remove((b.Pc, b.Host));
        ref var s = ref SlotOf(b.Pc);
        if (s.Block == b) s = default;
        Invalidated++;
    }

    public void Clear()
    {
        foreach (var page in _byPage.Keys) _generation[page] = _generation.GetValueOrDefault(page) + 1;
        foreach (var b in _blocks.Values) b.Live = false;
        _blocks.Clear();
        _byPage.Clear();
        Array.Clear(_slots);
    }
}
