using VzFast.Mmu;

namespace VzFast.Cpu;

// Debugger breakpoints on instruction addresses (the GDB stub's Z0/Z1): while any is set, the run
// loop checks each PC against a 64 Ki-bit filter and then the set, and stops before executing a
// match. The instruction a debugger resumes at is executed without stopping once.
public sealed unsafe partial class CpuCore
{
    private HashSet<ulong>? _breakpoints;
    private readonly ulong[] _breakpointFilter = new ulong[1024];
    private bool _skipBreakpointOnce;

    /// <summary>Set when a run stopped at a breakpoint (the PC is the breakpoint's address); the debugger clears it.</summary>
    public bool BreakpointHit { get; set; }

    public void SetBreakpoints(IReadOnlyCollection<ulong> addresses)
    {
        Array.Clear(_breakpointFilter);
        _breakpoints = addresses.Count == 0 ? null : [.. addresses];
        foreach (ulong a in addresses) _breakpointFilter[(a >> 8) & 1023] |= 1UL << (int)((a >> 2) & 63);
    }

    /// <summary>The next instruction runs even if a breakpoint sits on it (resuming from that breakpoint).</summary>
    public void SkipBreakpointOnce() => _skipBreakpointOnce = true;

    private bool AtBreakpoint(ulong pc)
    {
        if ((_breakpointFilter[(pc >> 8) & 1023] & (1UL << (int)((pc >> 2) & 63))) == 0 || !_breakpoints!.Contains(pc)) return false;
        return !_skipBreakpointOnce;
    }

    /// <summary>The run loop with the breakpoint check in front of every instruction.</summary>
    private long RunWithBreakpoints(long budget)
    {
        var s = S;
        var r = R;
        long start = s->InstructionCount;
        _runEnd = start + budget;
        while (s->InstructionCount < _runEnd)
        {
            ulong pc = s->Pc;
            if (AtBreakpoint(pc))
            {
                BreakpointHit = true;
                break;
            }
            _skipBreakpointOnce = false;
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
            Execute(w);
            s->DelaySlot >>= 1;
            r[0] = 0;
        }
        return s->InstructionCount - start;
    }
}
