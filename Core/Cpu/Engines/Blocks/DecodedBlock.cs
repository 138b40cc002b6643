namespace VzFast.Cpu.Engines.Blocks;

/// <summary>One instruction of a decoded block: its handler stub and its word (the operands).</summary>
internal unsafe struct DecodedInstruction
{
    public delegate*<CpuCore, uint, void> Handler;
    public uint Word;
    /// <summary>The instruction may write memory: after it, the block may have been dropped.</summary>
    public bool Writes;
}

/// <summary>A basic block decoded once: handler pointers and words, run many times.</summary>
internal sealed class DecodedBlock : CachedBlock
{
    internal required DecodedInstruction[] Instructions { get; init; }
}
