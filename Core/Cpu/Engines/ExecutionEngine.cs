namespace VzFast.Cpu;

/// <summary>How the CPU executes guest code; every engine gives the same result instruction for instruction.</summary>
public enum ExecutionEngine
{
    /// <summary>The generated switch decoder inlined into the fetch loop (Core/Cpu/CpuCore.cs).</summary>
    Switch,
    /// <summary>Basic blocks compiled to IL that call the instruction handlers directly (Core/Cpu/Engines/Jit).</summary>
    Jit,
}
