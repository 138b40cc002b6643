using System.Reflection;
using System.Reflection.Emit;
using VzFast.Mmu;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// Compiles a region: the hot block and the blocks reachable from it by static control flow
/// (branch targets, fall-through) within its page, as one method. Where a block ends, control
/// passes straight to the region's block at the new PC when the run loop would have entered that
/// very code: sequential state, the fetch translation of the page unchanged (same tag, same host
/// page), and the block fitting in the run's budget; otherwise the method returns to the run loop.
/// Loops within a page thus run without leaving compiled code.
/// </summary>
internal static unsafe class RegionCompiler
{
    private const int MaxBlockLength = BlockCache.MaxBlockLength;
    private static readonly FieldInfo FetchField = typeof(CpuCore).GetField("_fetch", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Compiles the region entered at <paramref name="pc"/> from a copy of its page's 1024 words.</summary>
    public static Block Compile(CpuCore cpu, ulong pc, nint host, uint* page, int maxBlocks, int maxInstructions)
    {
        ulong pageVa = pc & ~0xFFFUL;
        nint hostPage = host & ~(nint)0xFFF;
        int entry = (int)(pc & 0xFFF) >> 2;
        var starts = Discover(page, pageVa, entry, maxBlocks, maxInstructions, out var lengths);

        var dm = new DynamicMethod($"region_{pc:x16}", typeof(void), [typeof(CpuCore), typeof(CpuState*)], typeof(CpuCore).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        using var registers = RegisterCache.Begin(il);
        var dispatch = il.DefineLabel();
        var ret = il.DefineLabel();
        var labels = new Dictionary<int, Label>();
        var enter = new Dictionary<int, Label>();
        foreach (int o in starts)
        {
            labels[o] = il.DefineLabel();
            enter[o] = il.DefineLabel();
        }
        Label? Chain(ulong target) =>
            (target & ~0xFFFUL) == pageVa && enter.TryGetValue((int)(target & 0xFFF) >> 2, out var l) ? l : null;
        ulong lines = 0;
        foreach (int o in starts)
        {
            il.MarkLabel(labels[o]);
            int n = BlockCompiler.EmitBlock(il, pageVa + (ulong)o * 4, page + o, Math.Min(1024 - o, MaxBlockLength), dispatch, Chain);
            lines |= CachedBlock.LinesOf(hostPage + o * 4, n);
        }
        EmitEntries(il, pageVa, starts, lengths, labels, enter, ret);
        il.MarkLabel(dispatch);
        EmitDispatch(il, pageVa, hostPage, starts, lengths, labels, ret);
        var code = (BlockCode)dm.CreateDelegate(typeof(BlockCode), cpu); // closed over the CPU: no shuffle thunk per call
        return new Block { Pc = pc, Host = host, Length = lengths[entry], Lines = lines, Code = code, Blocks = starts.Count, IsRegion = maxBlocks > 1 };
    }

    /// <summary>The blocks of the region, entry first, breadth-first along static successors in the page.</summary>
    internal static List<int> Discover(uint* page, ulong pageVa, int entry, int maxBlocks, int maxInstructions, out Dictionary<int, int> lengths)
    {
        var starts = new List<int> { entry };
        var planned = lengths = [];
        int total = 0;
        Span<int> next = stackalloc int[2];
        for (int i = 0; i < starts.Count && total < maxInstructions; i++)
        {
            int o = starts[i];
            int n = InstructionKinds.Plan(page + o, Math.Min(1024 - o, MaxBlockLength));
            lengths[o] = n;
            total += n;
            int count = Successors(page, pageVa, o, n, next);
            for (int k = 0; k < count; k++)
                if (next[k] is >= 0 and < 1024 && !starts.Contains(next[k]) && starts.Count < maxBlocks) starts.Add(next[k]);
        }
        // blocks found but not planned (over the instruction limit) are left out
        starts.RemoveAll(o => !planned.ContainsKey(o));
        return starts;
    }

    /// <summary>Word offsets where control goes after the block at <paramref name="o"/> of <paramref name="n"/> words, where known statically.</summary>
    private static int Successors(uint* page, ulong pageVa, int o, int n, Span<int> next)
    {
        int last = o + n - 1;
        var lastOp = Decoder.Decode(page[last]);
        if (n >= 2 && InstructionKinds.Of(Decoder.Decode(page[last - 1])) == InstructionKind.Branch)
        {
            int b = last - 1;
            uint w = page[b];
            var op = Decoder.Decode(w);
            switch (op)
            {
                case Opcode.J or Opcode.Jal:
                {
                    ulong at = pageVa + (ulong)b * 4;
                    ulong target = ((at + 4) & ~0x0FFF_FFFFUL) | ((ulong)(w & 0x03FF_FFFF) << 2);
                    if ((target & ~0xFFFUL) != pageVa) return 0;
                    next[0] = (int)(target & 0xFFF) >> 2;
                    return 1;
                }
                case Opcode.Jr or Opcode.JrHb or Opcode.Jalr or Opcode.JalrHb:
                    return 0;
                default: // PC-relative branches: taken and not taken
                    next[0] = b + 1 + (short)w;
                    next[1] = b + 2;
                    return 2;
            }
        }
        var kind = InstructionKinds.Of(lastOp);
        if (kind is InstructionKind.GeneralEnd or InstructionKind.Branch) return 0;
        next[0] = o + n; // cut by the length limit: the code goes on
        return 1;
    }

    /// <summary>
    /// Where a block whose fast path ended on a known PC goes on (BlockCompiler.EmitBlock's chain):
    /// state sequential, the fetch translation untouched (no handler ran), the count written but not
    /// the PC. Runs the block if it fits in the budget, else writes the PC and returns.
    /// </summary>
    private static void EmitEntries(ILGenerator il, ulong pageVa, List<int> starts, Dictionary<int, int> lengths,
        Dictionary<int, Label> labels, Dictionary<int, Label> enter, Label ret)
    {
        foreach (int o in starts)
        {
            ulong target = pageVa + (ulong)o * 4;
            var over = il.DefineLabel();
            il.MarkLabel(enter[o]);
            BlockCompiler.BranchIfOverBudget(il, lengths[o], over);
            il.Emit(OpCodes.Br, labels[o]);
            il.MarkLabel(over);
            BlockCompiler.StoreField(il, BlockCompiler.OffCurPc, target - 4);
            BlockCompiler.StoreField(il, BlockCompiler.OffPc, target);
            BlockCompiler.StoreField(il, BlockCompiler.OffNextPc, target + 4);
            il.Emit(OpCodes.Br, ret);
        }
    }

    /// <summary>
    /// At a block's end: continue at the region's block for the new PC if the run loop would run
    /// exactly that code now, else return.
    /// </summary>
    private static void EmitDispatch(ILGenerator il, ulong pageVa, nint hostPage, List<int> starts, Dictionary<int, int> lengths,
        Dictionary<int, Label> labels, Label ret)
    {
        var pc = il.DeclareLocal(typeof(ulong));
        // sequential state: no delay slot pending, NextPc = Pc + 4
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, BlockCompiler.OffDelaySlot);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I4);
        il.Emit(OpCodes.Brtrue, ret);
        BlockCompiler.Ld(il, BlockCompiler.OffPc);
        il.Emit(OpCodes.Stloc, pc);
        BlockCompiler.Ld(il, BlockCompiler.OffNextPc);
        il.Emit(OpCodes.Ldloc, pc);
        il.Emit(OpCodes.Ldc_I8, 4L);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Bne_Un, ret);
        // an aligned PC in this page
        il.Emit(OpCodes.Ldloc, pc);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)(~0xFFFUL | 3)));
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)pageVa));
        il.Emit(OpCodes.Bne_Un, ret);
        // the fetch translation of the page is still the one the region was made under
        int index = (int)((pageVa >> 12) & SoftTlb.IndexMask);
        var entry = il.DeclareLocal(typeof(SoftTlbEntry*));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, FetchField);
        il.Emit(OpCodes.Ldc_I4, index * sizeof(SoftTlbEntry));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, entry);
        il.Emit(OpCodes.Ldloc, entry);
        il.Emit(OpCodes.Ldind_I8); // Tag
        il.Emit(OpCodes.Ldc_I8, unchecked((long)pageVa));
        il.Emit(OpCodes.Bne_Un, ret);
        il.Emit(OpCodes.Ldloc, entry);
        il.Emit(OpCodes.Ldc_I4_8);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8); // Delta
        il.Emit(OpCodes.Ldc_I8, (long)hostPage - unchecked((long)pageVa));
        il.Emit(OpCodes.Bne_Un, ret);
        // which block
        int min = starts.Min(), max = starts.Max();
        var checks = new Dictionary<int, Label>();
        var table = new Label[max - min + 1];
        for (int i = 0; i < table.Length; i++) table[i] = ret;
        foreach (int o in starts) table[o - min] = checks[o] = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, pc);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)(pageVa + (ulong)min * 4)));
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ldc_I4_2);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Conv_U4); // a PC below the first block wraps to a large index: the default
        il.Emit(OpCodes.Switch, table);
        il.Emit(OpCodes.Br, ret);
        foreach (int o in starts)
        {
            // the block must fit in the run's budget, as the run loop requires
            il.MarkLabel(checks[o]);
            BlockCompiler.BranchIfOverBudget(il, lengths[o], ret);
            il.Emit(OpCodes.Br, labels[o]);
        }
        il.MarkLabel(ret);
        il.Emit(OpCodes.Ret);
    }
}
