namespace VzFast.Cpu;

// CP0 Count (Vol. III 9.16): derived from the virtual clock, one tick every two instructions.
public sealed unsafe partial class CpuCore
{
    /// <summary>Count = InstructionCount / 2 + _countBias (mod 2^32); a write to Count adjusts the bias.</summary>
    private ulong _countBias;

    internal uint ReadCount() => (uint)((ulong)(S->InstructionCount >> 1) + _countBias);

    internal void WriteCount(uint value) => _countBias = value - (ulong)(S->InstructionCount >> 1);
}
