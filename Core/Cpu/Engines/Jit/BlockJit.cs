using VzFast.Mmu;
using VzFast.Cpu.Engines;

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
    private const int MaxBlockLength = BlockCache.MaxBlockLength;
    /// <summary>A block start is interpreted this many times before it is compiled (compiling costs ~0.1-0.5 ms).</summary>
    public int HotThreshold { get; set; } = 2000;
    /// <summary>A compiled block entered from the run loop this many times is compiled again as a region with the blocks it reaches in its page.</summary>
    public int RegionThreshold { get; set; } = 30_000;
    public int RegionBlocks { get; set; } = 16;
    public int RegionInstructions { get; set; } = 256;

    private readonly CpuCore _cpu;

    public BlockCache Cache { get; }

    /// <summary>Blocks compiled (regions included), instructions interpreted, compiles requested, regions compiled.</summary>
    public long Compiled, Interpreted, Requests, Regions;
    private long _executed;
    /// <summary>Instructions run in compiled code.</summary>
    public long BlockInstructions => _executed - Interpreted;
    /// <summary>Blocks dropped by writes to their code.</summary>
    public long Invalidated => Cache.Invalidated;
    /// <summary>Host time spent compiling (Stopwatch ticks).</summary>
    public long CompileTicks;

    internal BlockJit(CpuCore cpu)
    {
        _cpu = cpu;
        Cache = new BlockCache(cpu);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
            ref var c = ref Cache.SlotOf(pc);
            if (c.Block == null || c.Pc != pc || c.Host != host)
            {
                if (c.Pc != pc || c.Host != host)
                {
                    // a start new to this slot: compiled already (the slot was taken by another), or not
                    c.Pc = pc;
                    c.Host = host;
                    c.Hits = 0;
                    c.Block = Cache.Find(pc, host);
                }
                if (c.Block == null)
                {
                    // not hot yet, or being compiled (the install fills the slot)
                    if (++c.Hits == HotThreshold) RequestCompile(pc, host, region: false);
                    long before = s->InstructionCount;
                    cpu.InterpretToBranch(MaxBlockLength);
                    Interpreted += s->InstructionCount - before;
                    continue;
                }
            }
            var b = System.Runtime.CompilerServices.Unsafe.As<Block>(c.Block);
            if (++b.Runs == RegionThreshold && !b.IsRegion) RequestCompile(pc, host, region: true);
            if (b.Length > cpu.RunEnd - s->InstructionCount)
            {
                cpu.InterpretOne(); // the block would overrun the budget: finish instruction by instruction
                Interpreted++;
                continue;
            }
            b.Code(s);
        }
        long ran = s->InstructionCount - start;
        _executed += ran;
        return ran;
    }

    /// <summary>A block wanted by the run loop: its words copied at the time, and the page's generation then.</summary>
    private sealed class Request
    {
        public required ulong Pc;
        public required nint Host;
        public required bool Region;
        public required uint[] Words;
        public required long Generation;
        public Block? Result;
    }

    private readonly HashSet<(ulong, nint, bool)> _requested = [];
    private readonly System.Collections.Concurrent.BlockingCollection<Request> _work = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Request> _done = new();
    private Thread? _worker;
    private volatile int _doneCount;

    /// <summary>Compiles on a second thread while the run loop keeps interpreting (results do not depend on when a block arrives).</summary>
    public bool Background { get; set; } = true;

    private void RequestCompile(ulong pc, nint host, bool region)
    {
        if (!_requested.Add((pc, host, region))) return;
        Requests++;
        int room = Math.Min((int)((0x1000 - (pc & 0xFFF)) >> 2), MaxBlockLength);
        var words = new uint[1024]; // the region may take any block of the page
        new ReadOnlySpan<uint>((uint*)(host & ~(nint)0xFFF), 1024).CopyTo(words);
        // watch the entry block's lines from now on; the rest is compared with memory at install
        Cache.Track(host, room);
        var req = new Request { Pc = pc, Host = host, Region = region, Words = words, Generation = Cache.GenerationOf(host) };
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
            req.Result = req.Region
                ? RegionCompiler.Compile(_cpu, req.Pc, req.Host, words, RegionBlocks, RegionInstructions)
                : RegionCompiler.Compile(_cpu, req.Pc, req.Host, words, 1, MaxBlockLength);
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
        _requested.Remove((req.Pc, req.Host, req.Region));
        if (req.Result is not { } b || !StillInMemory(b, req.Words)) return;
        if (Cache.Add(b, req.Generation))
        {
            Compiled++;
            if (b.IsRegion) Regions++;
        }
    }

    /// <summary>Whether the lines the region was compiled from still hold what was copied (a store may have come between).</summary>
    private static bool StillInMemory(Block b, uint[] words)
    {
        var page = new ReadOnlySpan<uint>((uint*)(b.Host & ~(nint)0xFFF), 1024);
        for (int line = 0; line < 64; line++)
            if ((b.Lines & (1UL << line)) != 0 && !page.Slice(line * 16, 16).SequenceEqual(words.AsSpan(line * 16, 16))) return false;
        return true;
    }
}

/// <summary>One compiled basic block.</summary>
public sealed unsafe class Block : CachedBlock
{
    /// <summary>The compiled region, closed over its CPU.</summary>
    public required BlockCode Code { get; init; }
    /// <summary>Basic blocks in the region (the entry block and those it reaches in its page).</summary>
    public int Blocks { get; init; } = 1;
    /// <summary>Compiled as a region (second tier) rather than as its entry block alone.</summary>
    public bool IsRegion { get; init; }
    /// <summary>Times the run loop entered it (counts toward the region tier).</summary>
    internal int Runs;
}

public unsafe delegate void BlockCode(CpuState* s);
