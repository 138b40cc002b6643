using System.Runtime.CompilerServices;
using VzFast.Mmu;

namespace VzFast.Cpu;

// The switch engine (the reference): fetch through the software TLB, then the generated switch
// decoder inlined into the loop. Its loop body is also how the block engines run what they have
// no block for.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // jitted, not precompiled: the hot loop (see the vzfast script)
    private long RunSwitch(long budget)
    {
        var s = S;
        var r = R;
        long start = s->InstructionCount;
        _runEnd = start + budget;
        while (s->InstructionCount < _runEnd)
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
                if (fetched < 0) continue; // the fetch raised an exception
                w = (uint)fetched;
            }
            ulong next = s->NextPc;
            s->Pc = next;
            s->NextPc = next + 4;
            Execute(w);
            s->DelaySlot >>= 1;
            r[0] = 0;
        }
        return s->InstructionCount - start;
    }

    /// <summary>One iteration of the switch loop's body: fetch, advance, execute, shift the delay-slot state.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
}
