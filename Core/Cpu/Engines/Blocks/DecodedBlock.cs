namespace VzFast.Cpu.Engines.Blocks;

/// <summary>One instruction of a decoded block: its handler stub and its word (the operands).</summary>
internal unsafe struct DecodedInstruction
{
    public delegate*<CpuCore, uint, void> Handler;
    public uint Word;
    /// <summary>The instruction may write memory: after it, the block may have been dropped.</summary>
    public bool Writes;
    /// <summary>Register arithmetic (InstructionKind.Pure) not in a delay slot: run with no bookkeeping.</summary>
    public bool Pure;
    /// <summary>It names $0 as rt or rd: $0 is cleared after it, as the loop does after every instruction.</summary>
    public bool ZeroR0;
    /// <summary>Run from the operands below in the engine's loop (none in a delay slot).</summary>
    public FastOp Fast;
    public byte A, B, C;
    public long Imm;
}

/// <summary>A basic block decoded once: handler pointers and words, run many times.</summary>
internal sealed class DecodedBlock : CachedBlock
{
    internal required DecodedInstruction[] Instructions { get; init; }
}
