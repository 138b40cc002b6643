namespace VzFast.Cpu;

// What compiled blocks call instead of writing the switch loop's protocol out in IL for every
// instruction that may raise an exception or leave the block: one call each, so blocks stay small
// and compile fast.
public sealed unsafe partial class CpuCore
{
    /// <summary>
    /// Runs the instruction <paramref name="w"/> at <paramref name="at"/> (opcode <paramref name="op"/>)
    /// as the switch loop would, <paramref name="count"/> instructions of the block being counted
    /// with it; true when the PC simply moved on and <paramref name="remaining"/> more instructions
    /// fit in the run. With <paramref name="restoreCount"/> the block's own count is taken back
    /// (the block goes on counting itself, as after an inlined load's miss).
    /// </summary>
    internal bool JitStep(uint w, int op, ulong at, int count, int remaining, bool restoreCount)
    {
        var s = S;
        s->CurPc = at;
        s->InstructionCount += count;
        s->Pc = at + 4;
        s->NextPc = at + 8;
        OpcodeHandlers[op](this, w);
        R[0] = 0;
        if (s->Pc != at + 4 || s->InstructionCount + remaining > _runEnd) return false;
        if (restoreCount) s->InstructionCount -= count;
        return true;
    }
}
