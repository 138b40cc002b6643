using System.Runtime.InteropServices;
using VzFast.Mmu;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// The block JIT: guest code is cut into basic blocks (within one 4 KiB page, ending after a
/// branch's delay slot or at an instruction that changes the CPU's mode), each compiled once to a
/// DynamicMethod that calls the instruction handlers with their operands already decoded and keeps
/// the interpreter's bookkeeping (PC, delay slot, instruction count) only where a handler can see it.
/// Blocks are found by virtual PC and host address, so TLB changes need no flush; stores to a page
/// holding compiled code take the slow path and drop the blocks on the 64-byte lines they write
/// (self-modifying code: ftrace patching, exec). Guest memory blocks start on host pages, so a
/// guest page and a host page coincide. Results equal the switch engine's instruction for instruction.
/// </summary>
public sealed unsafe class BlockJit
{
    private const int CacheBits = 14;
    private const int MaxBlockLength = 64;
    /// <summary>A block start is interpreted this many times before it is compiled (compiling costs ~0.1-0.5 ms).</summary>
    public int HotThreshold { get; set; } = 2000;

    private readonly CpuCore _cpu;
    private readonly BlockCompiler _compiler;
    private readonly CacheEntry[] _cache = new CacheEntry[1 << CacheBits];
    private readonly Dictionary<(ulong Pc, nint Host), Block> _blocks = [];
    /// <summary>Pages holding compiled (or requested) code, with which 64-byte lines hold it.</summary>
    private readonly Dictionary<nint, CodePage> _byPage = [];

    private sealed class CodePage
    {
        public readonly List<Block> Blocks = [];
        public ulong Lines;
    }

    private static ulong LinesOf(nint host, int words)
    {
        int first = (int)(host & 0xFFF) >> 6, last = ((int)(host & 0xFFF) + words * 4 - 1) >> 6;
        ulong mask = 0;
        for (int i = first; i <= last; i++) mask |= 1UL << i;
        return mask;
    }
    private readonly HashSet<Memory.PhysicalMemory> _watched = [];

    /// <summary>Blocks compiled, blocks dropped by writes, instructions run in blocks, instructions interpreted.</summary>
    public long Compiled, Invalidated, BlockInstructions, Interpreted, Requests;
    /// <summary>Host time spent compiling (Stopwatch ticks).</summary>
    public long CompileTicks;

    private struct CacheEntry
    {
        public ulong Pc;
        public nint Host;
        public Block? Block;
        public int Hits;
    }

    internal BlockJit(CpuCore cpu)
    {
        _cpu = cpu;
        _compiler = new BlockCompiler();
    }

    public long Run(long budget)
    {
        var cpu = _cpu;
        var s = cpu.S;
        long start = s->InstructionCount;
        cpu.RunEnd = start + budget;
        var fetch = cpu.FetchTable;
        while (s->InstructionCount < cpu.RunEnd)
        {
            if (_doneCount != 0) InstallFinished();
            ulong pc = s->Pc;
            ref var e = ref fetch[(pc >> 12) & SoftTlb.IndexMask];
            // blocks start in sequential state at a mapped, aligned PC; anything else is interpreted
            if (s->DelaySlot != 0 || s->NextPc != pc + 4 || e.Tag != (pc & (~0xFFFUL | 3)))
            {
                cpu.InterpretOne();
                Interpreted++;
                continue;
            }
            nint host = (nint)(e.Delta + (long)pc);
            ref var c = ref _cache[(int)((pc >> 2) & ((1 << CacheBits) - 1))];
            Block? b = c.Pc == pc && c.Host == host ? c.Block : null;
            if (b == null)
            {
                if (c.Pc != pc || c.Host != host)
                {
                    c.Pc = pc;
                    c.Host = host;
                    c.Block = null;
                    c.Hits = 0;
                }
                if (!_blocks.TryGetValue((pc, host), out b))
                {
                    if (++c.Hits == HotThreshold) RequestCompile(pc, host);
                    long before = s->InstructionCount;
                    cpu.InterpretToBranch(MaxBlockLength); // not hot yet, or still being compiled
                    Interpreted += s->InstructionCount - before;
                    continue;
                }
                c.Block = b;
            }
            if (b.Length > cpu.RunEnd - s->InstructionCount)
            {
                cpu.InterpretOne(); // the block would overrun the budget: finish instruction by instruction
                Interpreted++;
                continue;
            }
            b.Code(cpu, s);
            BlockInstructions += b.Length;
        }
        return s->InstructionCount - start;
    }

    /// <summary>A block wanted by the run loop: its words copied at the time, and the page's generation then.</summary>
    private sealed class Request
    {
        public required ulong Pc;
        public required nint Host;
        public required uint[] Words;
        public required long Generation;
        public Block? Result;
    }

    private readonly HashSet<(ulong, nint)> _requested = [];
    private readonly System.Collections.Concurrent.BlockingCollection<Request> _work = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Request> _done = new();
    private readonly Dictionary<nint, long> _generation = [];
    private Thread? _worker;
    private volatile int _doneCount;

    /// <summary>Compiles on a second thread while the run loop keeps interpreting (results do not depend on when a block arrives).</summary>
    public bool Background { get; set; } = true;

    private void RequestCompile(ulong pc, nint host)
    {
        if (!_requested.Add((pc, host))) return;
        Requests++;
        int room = Math.Min((int)((0x1000 - (pc & 0xFFF)) >> 2), MaxBlockLength);
        var words = new uint[room];
        new ReadOnlySpan<uint>((uint*)host, room).CopyTo(words);
        nint page = host & ~(nint)0xFFF;
        // watch the page's lines from now on: a store to them before the block is installed makes the request stale
        if (!_byPage.TryGetValue(page, out var cp))
        {
            _byPage[page] = cp = new CodePage();
            _cpu.Soft.FlushStoresTo(page);
            Watch(page);
        }
        cp.Lines |= LinesOf(host, room);
        var req = new Request { Pc = pc, Host = host, Words = words, Generation = _generation.GetValueOrDefault(page) };
        if (!Background)
        {
            Compile(req);
            Install(req);
            return;
        }
        if (_worker == null)
        {
            _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "vzfast-jit" };
            _worker.Start();
        }
        _work.Add(req);
    }

    private void WorkerLoop()
    {
        foreach (var req in _work.GetConsumingEnumerable())
        {
            Compile(req);
            _done.Enqueue(req);
            Interlocked.Increment(ref _doneCount);
        }
    }

    private void Compile(Request req)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        fixed (uint* words = req.Words)
            req.Result = _compiler.Compile(req.Pc, req.Host, words, req.Words.Length);
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareDelegate(req.Result.Code);
        Interlocked.Add(ref CompileTicks, System.Diagnostics.Stopwatch.GetTimestamp() - t0);
    }

    /// <summary>Takes finished blocks into the cache (run-loop thread only); stale ones (their page was written since) are dropped.</summary>
    private void InstallFinished()
    {
        while (_done.TryDequeue(out var req))
        {
            Interlocked.Decrement(ref _doneCount);
            Install(req);
        }
    }

    private void Install(Request req)
    {
        _requested.Remove((req.Pc, req.Host));
        nint page = req.Host & ~(nint)0xFFF;
        if (_generation.GetValueOrDefault(page) != req.Generation || req.Result == null) return;
        if (!_byPage.TryGetValue(page, out var cp)) return;
        var b = req.Result;
        _blocks[(b.Pc, b.Host)] = b;
        cp.Blocks.Add(b);
        cp.Lines |= LinesOf(b.Host, b.Length);
        b.Page = page;
        Compiled++;
    }

    /// <summary>Writes by loaders and debuggers reach the code cache through the memory block's event.</summary>
    private void Watch(nint page)
    {
        foreach (var r in _cpu.Bus.Regions)
        {
            if (r.Ram == null || (byte*)page < r.HostBase || (byte*)page >= r.HostBase + r.Size || !_watched.Add(r.Ram)) continue;
            r.Ram.Written += InvalidateRange;
        }
    }

    public bool IsCodePage(nint hostPage) => _byPage.ContainsKey(hostPage);

    /// <summary>The CPU stores to <paramref name="host"/> through the slow path: drop the compiled code on that line.</summary>
    internal void NoteStore(nint host)
    {
        if (_byPage.Count != 0) InvalidateRange(host, 1);
    }

    /// <summary>Bytes at <paramref name="host"/> changed: blocks over them go, and requests for their pages become stale.</summary>
    public void InvalidateRange(nint host, int length)
    {
        for (nint page = host & ~(nint)0xFFF; page < host + length; page += 0x1000)
        {
            if (!_byPage.TryGetValue(page, out var cp)) continue;
            nint from = Math.Max(host, page), to = Math.Min(host + length, page + 0x1000);
            ulong written = LinesOf(from, (int)((to - from + 3) / 4));
            if ((cp.Lines & written) == 0) continue;
            _generation[page] = _generation.GetValueOrDefault(page) + 1;
            ulong keep = 0;
            var blocks = cp.Blocks;
            for (int i = blocks.Count - 1; i >= 0; i--) // no closure: this runs for every slow store to a code page
            {
                var b = blocks[i];
                ulong lines = LinesOf(b.Host, b.Length);
                if ((lines & written) == 0)
                {
                    keep |= lines;
                    continue;
                }
                blocks.RemoveAt(i);
                _blocks.Remove((b.Pc, b.Host));
                ref var c = ref _cache[(int)((b.Pc >> 2) & ((1 << CacheBits) - 1))];
                if (c.Block == b) c = default;
                Invalidated++;
            }
            cp.Lines = keep;
            if (cp.Blocks.Count == 0) _byPage.Remove(page); // stores to the page go fast again
        }
    }

    /// <summary>Everything on a page goes (the guest rewrote it, or the board reloaded it).</summary>
    public void InvalidatePage(nint page) => InvalidateRange(page, 0x1000);

    public void Clear()
    {
        foreach (var page in _byPage.Keys.ToList()) _generation[page] = _generation.GetValueOrDefault(page) + 1;
        _blocks.Clear();
        _byPage.Clear();
        Array.Clear(_cache);
    }
}

/// <summary>One compiled basic block.</summary>
public sealed unsafe class Block
{
    public required ulong Pc { get; init; }
    public required nint Host { get; init; }
    /// <summary>Instructions the block executes when it runs to its end (the delay slot included).</summary>
    public required int Length { get; init; }
    public required BlockCode Code { get; init; }
    internal nint Page;
}

public unsafe delegate void BlockCode(CpuCore cpu, CpuState* s);
