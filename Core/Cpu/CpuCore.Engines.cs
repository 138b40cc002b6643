using System.Runtime.CompilerServices;
using VzFast.Cpu.Engines.Jit;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Engine selection, and what engines share with the switch loop: one instruction interpreted
// exactly as the loop does it, and the code-page bookkeeping for self-modifying code.
public sealed unsafe partial class CpuCore
{
    private BlockJit? _jit;

    public ExecutionEngine Engine
    {
        get => _jit == null ? ExecutionEngine.Switch : ExecutionEngine.Jit;
        set
        {
            if (value == ExecutionEngine.Jit) _jit ??= new BlockJit(this);
            else _jit = null;
        }
    }

    /// <summary>The JIT's statistics (null under the switch engine).</summary>
    public BlockJit? Jit => _jit;

    /// <summary>One iteration of the switch loop's body: fetch, advance, execute, shift the delay-slot state.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void InterpretOne()
    {
        var s = S;
        ulong pc = s->Pc;
        s->CurPc = pc;
        s->InstructionCount++;
        ref var e = ref _fetch[(pc >> 12) & SoftTlb.IndexMask];
        uint w;
        if (e.Tag == (pc & (~0xFFFUL | 3))) w = *(uint*)(e.Delta + (long)pc);
        else
        {
            long fetched = FetchSlow(pc);
            if (fetched < 0) return;
            w = (uint)fetched;
        }
        ulong next = s->NextPc;
        s->Pc = next;
        s->NextPc = next + 4;
        Execute(w);
        s->DelaySlot >>= 1;
        R[0] = 0;
    }

    /// <summary>
    /// The switch loop until a control transfer completes (a branch's delay slot ran, or an
    /// exception moved the PC) or the budget ends: how the JIT runs code it has not compiled.
    /// </summary>
    internal void InterpretToBranch(long budget)
    {
        var s = S;
        var r = R;
        long end = Math.Min(_runEnd, s->InstructionCount + budget);
        while (s->InstructionCount < end)
        {
            ulong pc = s->Pc;
            s->CurPc = pc;
            s->InstructionCount++;
            ref var e = ref _fetch[(pc >> 12) & SoftTlb.IndexMask];
            uint w;
            if (e.Tag == (pc & (~0xFFFUL | 3))) w = *(uint*)(e.Delta + (long)pc);
            else
            {
                long fetched = FetchSlow(pc);
                if (fetched < 0) return;
                w = (uint)fetched;
            }
            ulong next = s->NextPc;
            s->Pc = next;
            s->NextPc = next + 4;
            Execute(w);
            int ds = s->DelaySlot;
            s->DelaySlot = ds >> 1;
            r[0] = 0;
            if (ds == 1 || s->Pc != next) return; // after a delay slot, or an exception / likely-skip moved the PC
            end = Math.Min(end, _runEnd);
        }
    }

    internal long RunEnd
    {
        get => _runEnd;
        set => _runEnd = value;
    }

    internal SoftTlbEntry* FetchTable => _fetch;
}
