using VzFast.Mmu;

namespace VzFast.Cpu;

// The table engine: the switch engine's loop with the decoder replaced by arrays of function
// pointers generated from the same decode tree (CpuCore.Tables.g.cs): one indirect call per level.
public sealed unsafe partial class CpuCore
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private long RunTable(long budget)
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
                if (fetched < 0) continue;
                w = (uint)fetched;
            }
            ulong next = s->NextPc;
            s->Pc = next;
            s->NextPc = next + 4;
            DispatchTable(w);
            s->DelaySlot >>= 1;
            r[0] = 0;
        }
        return s->InstructionCount - start;
    }
}
