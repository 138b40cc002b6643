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
    private const int MaxBlockLength = BlockCache.MaxBlockLength;
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
            bool inDelaySlot = k > 0 && InstructionKinds.Of(Decoder.Decode(((uint*)host)[k - 1])) == InstructionKind.Branch;
            ulong at = pc + (ulong)k * 4;
            var fast = FastOps.Of(op, w, at);
            if (FastOps.IsBranch(fast.Op) && (k + 1 >= n || InstructionKinds.Of(Decoder.Decode(((uint*)host)[k + 1])) is InstructionKind.GeneralEnd or InstructionKind.Branch))
                fast = default; // the delay slot is not in the block, or is itself a control transfer: the handler's protocol
            if (inDelaySlot && !FastOps.IsBranch(insns[k - 1].Fast)) fast = default; // after a branch run by its handler
            insns[k] = new DecodedInstruction
            {
                Handler = CpuCore.OpcodeHandlers[(int)op],
                Word = w,
                Writes = InstructionKinds.Writes(op),
                Pure = InstructionKinds.Of(op) == InstructionKind.Pure && !inDelaySlot,
                ZeroR0 = ((w >> 16) & 31) == 0 || ((w >> 11) & 31) == 0,
                Fast = fast.Op,
                A = fast.A,
                B = fast.B,
                C = fast.C,
                Imm = fast.Imm,
            };
        }
        var b = new DecodedBlock { Pc = pc, Host = host, Length = n, Lines = CachedBlock.LinesOf(host, n), Instructions = insns };
        Cache.Track(host, n);
        Cache.Add(b, Cache.GenerationOf(host));
        Decoded++;
        return b;
    }

    /// <summary>
    /// The block's instructions. Register arithmetic runs bare (it sees no PC and raises nothing); the
    /// loop's bookkeeping (CurPc, count, Pc, NextPc, delay slot) is written before any other
    /// instruction and at the end, so every handler that can look finds what the switch loop leaves.
    /// Leaves when the PC does not simply move on. A block that does not fit in the run's budget is
    /// run instruction by instruction.
    /// </summary>
    private void Execute(DecodedBlock b)
    {
        var cpu = _cpu;
        var s = cpu.S;
        var r = cpu.R;
        var insns = b.Instructions;
        long count = s->InstructionCount;
        if (insns.Length > cpu.RunEnd - count)
        {
            ExecuteCounted(b);
            return;
        }
        ulong at = b.Pc;
        var load = cpu.LoadTable;
        var store = cpu.StoreTable;
        ulong target = 0;
        bool branched = false; // a branch run here: its delay slot is the next instruction
        for (int i = 0; i < insns.Length; i++, at += 4)
        {
            ref var d = ref insns[i];
            ulong va;
            switch (d.Fast)
            {
                case FastOp.None: break;
                // a branch: where it goes is decided now, the delay slot (the block's last instruction) runs next
                case FastOp.Beq: target = r[d.B] == r[d.C] ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Bne: target = r[d.B] != r[d.C] ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Blez: target = (long)r[d.B] <= 0 ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Bgtz: target = (long)r[d.B] > 0 ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Bltz: target = (long)r[d.B] < 0 ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Bgez: target = (long)r[d.B] >= 0 ? (ulong)d.Imm : at + 8; branched = true; continue;
                case FastOp.Jump: target = (ulong)d.Imm; branched = true; continue;
                case FastOp.JumpLink: r[31] = at + 8; target = (ulong)d.Imm; branched = true; continue;
                case FastOp.Jr: target = r[d.B]; branched = true; continue;
                case FastOp.Jalr: target = r[d.B]; r[d.A] = at + 8; branched = true; continue;
                case FastOp.Addu: r[d.A] = Sext32(r[d.B] + r[d.C]); continue;
                case FastOp.Daddu: r[d.A] = r[d.B] + r[d.C]; continue;
                case FastOp.Subu: r[d.A] = Sext32(r[d.B] - r[d.C]); continue;
                case FastOp.Dsubu: r[d.A] = r[d.B] - r[d.C]; continue;
                case FastOp.And: r[d.A] = r[d.B] & r[d.C]; continue;
                case FastOp.Or: r[d.A] = r[d.B] | r[d.C]; continue;
                case FastOp.Xor: r[d.A] = r[d.B] ^ r[d.C]; continue;
                case FastOp.Nor: r[d.A] = ~(r[d.B] | r[d.C]); continue;
                case FastOp.Slt: r[d.A] = (long)r[d.B] < (long)r[d.C] ? 1UL : 0UL; continue;
                case FastOp.Sltu: r[d.A] = r[d.B] < r[d.C] ? 1UL : 0UL; continue;
                case FastOp.Movz: if (r[d.C] == 0) r[d.A] = r[d.B]; continue;
                case FastOp.Movn: if (r[d.C] != 0) r[d.A] = r[d.B]; continue;
                case FastOp.Addiu: r[d.A] = Sext32(r[d.B] + (ulong)d.Imm); continue;
                case FastOp.Daddiu: r[d.A] = r[d.B] + (ulong)d.Imm; continue;
                case FastOp.Andi: r[d.A] = r[d.B] & (ulong)d.Imm; continue;
                case FastOp.Ori: r[d.A] = r[d.B] | (ulong)d.Imm; continue;
                case FastOp.Xori: r[d.A] = r[d.B] ^ (ulong)d.Imm; continue;
                case FastOp.Slti: r[d.A] = (long)r[d.B] < d.Imm ? 1UL : 0UL; continue;
                case FastOp.Sltiu: r[d.A] = r[d.B] < (ulong)d.Imm ? 1UL : 0UL; continue;
                case FastOp.Sll: r[d.A] = Sext32((uint)r[d.B] << (int)d.Imm); continue;
                case FastOp.Srl: r[d.A] = Sext32((uint)r[d.B] >> (int)d.Imm); continue;
                case FastOp.Sra or FastOp.Dsra: r[d.A] = (ulong)((long)r[d.B] >> (int)d.Imm); continue;
                case FastOp.Dsll: r[d.A] = r[d.B] << (int)d.Imm; continue;
                case FastOp.Dsrl: r[d.A] = r[d.B] >> (int)d.Imm; continue;
                case FastOp.Const: r[d.A] = (ulong)d.Imm; continue;
                // loads and stores: the soft-TLB hit here, a miss through the handler below (CpuCore.Load8..Store64)
                case FastOp.Lb or FastOp.Lbu:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref load[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & ~0xFFFUL)) break;
                    byte v = *(byte*)(e.Delta + (long)va);
                    r[d.A] = d.Fast == FastOp.Lb ? (ulong)(long)(sbyte)v : v;
                    continue;
                }
                case FastOp.Lh or FastOp.Lhu:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref load[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 1))) break;
                    ushort v = *(ushort*)(e.Delta + (long)va);
                    r[d.A] = d.Fast == FastOp.Lh ? (ulong)(long)(short)v : v;
                    continue;
                }
                case FastOp.Lw or FastOp.Lwu:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref load[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 3))) break;
                    uint v = *(uint*)(e.Delta + (long)va);
                    r[d.A] = d.Fast == FastOp.Lw ? Sext32(v) : v;
                    continue;
                }
                case FastOp.Ld:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref load[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 7))) break;
                    r[d.A] = *(ulong*)(e.Delta + (long)va);
                    continue;
                }
                case FastOp.Sb:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref store[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & ~0xFFFUL)) break;
                    *(byte*)(e.Delta + (long)va) = (byte)r[d.A];
                    continue;
                }
                case FastOp.Sh:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref store[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 1))) break;
                    *(ushort*)(e.Delta + (long)va) = (ushort)r[d.A];
                    continue;
                }
                case FastOp.Sw:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref store[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 3))) break;
                    *(uint*)(e.Delta + (long)va) = (uint)r[d.A];
                    continue;
                }
                case FastOp.Sd:
                {
                    va = r[d.B] + (ulong)d.Imm;
                    ref var e = ref store[(va >> 12) & SoftTlb.IndexMask];
                    if (e.Tag != (va & (~0xFFFUL | 7))) break;
                    *(ulong*)(e.Delta + (long)va) = r[d.A];
                    continue;
                }
            }
            if (d.Pure)
            {
                d.Handler(cpu, d.Word);
                if (d.ZeroR0) r[0] = 0;
                continue;
            }
            ulong next; // after a branch: the target, once its delay slot ran
            bool delaySlot;
            if (branched)
            {
                // the delay slot of a branch run here: the state the branch's handler would have left
                next = target;
                delaySlot = true;
                s->DelaySlot = 1;
            }
            else
            {
                delaySlot = s->DelaySlot != 0;
                next = delaySlot ? s->NextPc : at + 4;
            }
            s->CurPc = at;
            s->InstructionCount = count + i + 1;
            s->Pc = next;
            s->NextPc = next + 4;
            d.Handler(cpu, d.Word);
            int ds = s->DelaySlot;
            s->DelaySlot = ds >> 1;
            r[0] = 0;
            if (s->Pc != next || (d.Writes && !b.Live)) return; // an exception, a likely branch's skip, or the block was rewritten
            if (delaySlot || count + insns.Length > cpu.RunEnd) return; // the control transfer is complete, or the run was cut short
        }
        if (!insns[^1].Pure && insns[^1].Fast == FastOp.None) return; // the state is the last handler's
        // ended on register arithmetic (a delay slot, or the length limit): the state after it
        s->InstructionCount = count + insns.Length;
        s->CurPc = at - 4;
        s->Pc = branched ? target : at;
        s->NextPc = s->Pc + 4;
    }

    private static ulong Sext32(ulong v) => (ulong)(long)(int)v;

    /// <summary>The block under the switch loop's protocol instruction by instruction, stopping where the run's budget ends.</summary>
    private void ExecuteCounted(DecodedBlock b)
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
            if (s->Pc != next || (d.Writes && !b.Live)) return;
        }
    }
}
