namespace VzFast.Debugging;

/// <summary>What the machine loop asks of an attached debugger (the GDB stub).</summary>
public interface IMachineDebugger
{
    /// <summary>Called once per turn of the machine loop; blocks while the debugger holds the machine stopped.</summary>
    void Service();

    /// <summary>Execution must go one instruction at a time (a single step was asked for).</summary>
    bool SingleStepping { get; }

    /// <summary>Called after each single-stepped instruction: the debugger stops the machine.</summary>
    void AfterStep();

    /// <summary>The CPU stopped in front of one of the debugger's breakpoints (CpuCore.SetBreakpoints).</summary>
    void BreakpointHit();
}
