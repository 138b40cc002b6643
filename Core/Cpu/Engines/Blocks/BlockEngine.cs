using System.Runtime.CompilerServices;
using VzFast.Mmu;

namespace VzFast.Cpu.Engines.Blocks;

/// <summary>
/// The block engine: a basic block (within one page, up to a branch's delay slot or an instruction
/// that changes the mode or translation, at most 64 instructions) is decoded the first time its
/// start is reached into handler pointers and words, and run from the cache afterwards. Each
/// instruction keeps the switch loop's bookkeeping, so results equal the switch engine's
/// instruction for instruction; what is saved is the fetch and the decode.
/// </summary>
public sealed unsafe class BlockEngine
{
    private const int MaxBlockLength = 64;
    /// <summary>A block start is interpreted this many times before it is decoded.</summary>
    public int DecodeThreshold { get; set; } = 4;
    private readonly CpuCore _cpu;

    public BlockCache Cache { get; }

    /// <summary>Blocks decoded; instructions run outside blocks (delay slots entered mid-way, unmapped fetches).</summary>
    public long Decoded, Interpreted;

    internal BlockEngine(CpuCore cpu)
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
            ref var slot = ref Cache.SlotOf(pc);
            if (slot.Block == null || slot.Pc != pc || slot.Host != host)
            {
                if (slot.Pc != pc || slot.Host != host)
                {
                    slot.Pc = pc;
                    slot.Host = host;
                    slot.Hits = 0;
                    slot.Block = Cache.Find(pc, host);
                }
                // a start reached a few times is decoded; one-off starts (a run that ended mid-block) are interpreted
                if (slot.Block == null && ++slot.Hits < DecodeThreshold)
                {
                    long before = s->InstructionCount;
                    cpu.InterpretToBranch(MaxBlockLength);
                    Interpreted += s->InstructionCount - before;
                    continue;
                }
                slot.Block ??= Decode(pc, host);
            }
            Execute(Unsafe.As<DecodedBlock>(slot.Block));
        }
        return s->InstructionCount - start;
    }

    private DecodedBlock Decode(ulong pc, nint host)
    {
        int room = Math.Min((int)((0x1000 - (pc & 0xFFF)) >> 2), MaxBlockLength);
        int n = InstructionKinds.Plan((uint*)host, room);
        var insns = new DecodedInstruction[n];
        for (int k = 0; k < n; k++)
        {
            uint w = ((uint*)host)[k];
            var op = Decoder.Decode(w);
            insns[k] = new DecodedInstruction { Handler = CpuCore.OpcodeHandlers[(int)op], Word = w, Writes = InstructionKinds.Writes(op) };
        }
        var b = new DecodedBlock { Pc = pc, Host = host, Length = n, Lines = CachedBlock.LinesOf(host, n), Instructions = insns };
        Cache.Track(host, n);
        Cache.Add(b, Cache.GenerationOf(host));
        Decoded++;
        return b;
    }

    /// <summary>The block's instructions under the switch loop's protocol, leaving when the PC does not simply move on.</summary>
    private void Execute(DecodedBlock b)
    {
        var cpu = _cpu;
        var s = cpu.S;
        var r = cpu.R;
        var insns = b.Instructions;
        for (int i = 0; i < insns.Length; i++)
        {
            if (s->InstructionCount >= cpu.RunEnd) return;
            s->CurPc = s->Pc;
            s->InstructionCount++;
            ulong next = s->NextPc;
            s->Pc = next;
            s->NextPc = next + 4;
            ref var d = ref insns[i];
            d.Handler(cpu, d.Word);
            int ds = s->DelaySlot;
            s->DelaySlot = ds >> 1;
            r[0] = 0;
            if (s->Pc != next || (d.Writes && !b.Live)) return; // an exception, a likely branch's skip, or the block was rewritten
        }
    }
}
