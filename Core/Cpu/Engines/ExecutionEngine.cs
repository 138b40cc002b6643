namespace VzFast.Cpu;

/// <summary>How the CPU executes guest code; every engine gives the same result instruction for instruction.</summary>
public enum ExecutionEngine
{
    /// <summary>The generated switch decoder inlined into the fetch loop (Engines/Switch): the reference.</summary>
    Switch,
    /// <summary>Dispatch through generated tables of function pointers, one per decode level (Engines/Table).</summary>
    Table,
    /// <summary>Basic blocks decoded once into handler pointers and operand words, run many times (Engines/Blocks).</summary>
    Blocks,
    /// <summary>Hot code compiled to IL regions with inline fast paths (Engines/Jit).</summary>
    Jit,
}

public static class ExecutionEngines
{
    /// <summary>The engine names the command line takes, in the enum's order.</summary>
    public static readonly string[] Names = ["switch", "table", "blocks", "jit"];

    public static string Name(this ExecutionEngine e) => Names[(int)e];

    public static ExecutionEngine? Parse(string name)
    {
        int i = Array.IndexOf(Names, name.ToLowerInvariant());
        return i < 0 ? null : (ExecutionEngine)i;
    }
}
