namespace VzFast.Machines;

public enum StopReason
{
    /// <summary>The guest powered the machine off, or reset it with -no-reboot.</summary>
    Shutdown,
    /// <summary>The run's instruction limit was reached.</summary>
    InstructionLimit,
    /// <summary>WAIT with no interrupt that could ever arrive: nothing is scheduled and interrupts are off.</summary>
    Halted,
    /// <summary>The user asked to quit (Ctrl-A x).</summary>
    UserQuit,
    /// <summary>Something the emulator cannot continue from; the message says what.</summary>
    Error,
}

/// <summary>Why a machine stopped, the process exit status that stands for it, and a message for the user.</summary>
public sealed record MachineExit(StopReason Reason, int ExitCode, string Message);
