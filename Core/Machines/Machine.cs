using VzFast.Cpu;
using VzFast.Memory;
using VzFast.Scheduling;

namespace VzFast.Machines;

/// <summary>
/// A board: memory, devices and one CPU driven by the fixed-step loop — deliver a pending
/// interrupt, run the CPU up to the next due event (at most one quantum), advance the clock,
/// fire the events that are due. A halted CPU (WAIT) fast-forwards the clock to the next event.
/// </summary>
public abstract partial class Machine : IDisposable
{
    public const long DefaultQuantum = 100_000;

    public Scheduler Scheduler { get; } = new();
    public AddressMap Bus { get; } = new();
    public abstract CpuCore Cpu { get; }

    /// <summary>Instructions per step of the loop when no event is nearer.</summary>
    public long Quantum { get; set; } = DefaultQuantum;

    /// <summary>Runs between quanta on the machine's thread (host input, user escapes).</summary>
    public Action? BetweenQuanta { get; set; }

    /// <summary>Resets caused by the guest (0x42 to the Malta SOFTRES register, say).</summary>
    public int GuestResets { get; private set; }

    private MachineExit? _exit;
    private bool _resetPending;

    /// <summary>
    /// Idle time passes at the host's pace (an interactive console: `sleep 1` in the guest takes a
    /// second) instead of being skipped at once (the default: runs repeat exactly).
    /// </summary>
    public bool PaceIdleToHost { get; set; }

    /// <summary>Sleeps up to 10 ms of host time towards an idle stretch of <paramref name="cycles"/>; returns the cycles that passed.</summary>
    private static long PacedIdle(long cycles)
    {
        long wantNs = Scheduling.Scheduler.CyclesToNanoseconds(cycles);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromTicks(Math.Clamp(wantNs / 100, 0, 10 * TimeSpan.TicksPerMillisecond)));
        long passed = Scheduling.Scheduler.NanosecondsToCycles((long)(sw.Elapsed.TotalMilliseconds * 1_000_000));
        return Math.Clamp(passed, 1, cycles);
    }

    /// <summary>Turns a guest reset into an exit (QEMU's -no-reboot).</summary>
    public bool NoReboot { get; set; }

    public void RequestExit(StopReason reason, int exitCode, string message)
    {
        _exit ??= new MachineExit(reason, exitCode, message);
        if (Vcpu != null) Vcpu.RequestStop();
        else Cpu.RequestStop();
    }

    /// <summary>The guest asked for a board reset: with NoReboot it ends the run, else the board restarts.</summary>
    public void RequestGuestReset()
    {
        if (NoReboot) RequestExit(StopReason.Shutdown, 0, "guest reset with -no-reboot");
        else
        {
            _resetPending = true;
            if (Vcpu != null) Vcpu.RequestStop();
            else Cpu.RequestStop();
        }
    }

    /// <summary>
    /// Moves the virtual clock on to <paramref name="cycle"/> as idle time: a device saw the guest
    /// spinning on a value that cannot change before then (the RTC's UIP polling). The CPU's run
    /// ends so the events due at that time fire before the guest looks again.
    /// </summary>
    public void SkipIdleTo(long cycle)
    {
        var cpu = Cpu;
        long now = cpu.VirtualTime;
        if (cycle <= now) return;
        cpu.IdleCycles += cycle - now;
        IdleSkipped += cycle - now;
        cpu.RequestStop();
    }

    /// <summary>Cycles the clock skipped over polling loops (SkipIdleTo).</summary>
    public long IdleSkipped { get; private set; }

    /// <summary>Puts the board back to its power-on state (devices, CPU, boot images).</summary>
    public abstract void Reset();

    /// <summary>Runs until the guest stops the machine, or <paramref name="maxInstructions"/> have been issued.</summary>
    public MachineExit Run(long maxInstructions = long.MaxValue)
    {
        var cpu = Cpu;
        _exit = null;
        long limit = maxInstructions == long.MaxValue ? long.MaxValue : cpu.InstructionCount + maxInstructions;
        while (_exit == null)
        {
            if (_resetPending)
            {
                _resetPending = false;
                GuestResets++;
                Reset();
            }
            Scheduler.AdvanceTo(cpu.VirtualTime);
            Scheduler.FireDue();
            var vcpu = Vcpu;
            if (vcpu == null) cpu.TryDeliverInterrupt();
            BetweenQuanta?.Invoke();
            Debugger?.Service();
            if (_exit != null) break;
            if (cpu.InstructionCount >= limit)
            {
                RequestExit(StopReason.InstructionLimit, 0, $"instruction limit reached ({maxInstructions})");
                break;
            }
            long next = Scheduler.NextDue;
            if (vcpu != null ? !vcpu.Runnable : cpu.Halted)
            {
                if (next == long.MaxValue || !(vcpu != null ? vcpu.GuestInterruptsCanWake : cpu.InterruptsCanWake))
                {
                    RequestExit(StopReason.Halted, 1, "the guest executed WAIT with no interrupt that can ever be taken (interrupts disabled or nothing pending)");
                    break;
                }
                if (next > cpu.VirtualTime) cpu.IdleCycles += PaceIdleToHost ? PacedIdle(next - cpu.VirtualTime) : next - cpu.VirtualTime;
                continue;
            }
            long budget = Math.Min(Quantum, limit - cpu.InstructionCount);
            if (next != long.MaxValue) budget = Math.Min(budget, Math.Max(1, next - cpu.VirtualTime));
            bool stepping = Debugger?.SingleStepping == true;
            if (stepping) budget = 1;
            if (vcpu != null) RunVcpu(vcpu, budget);
            else cpu.Run(budget);
            if (cpu.BreakpointHit)
            {
                cpu.BreakpointHit = false;
                Debugger?.BreakpointHit();
            }
            else if (stepping) Debugger!.AfterStep();
        }
        return _exit!;
    }

    public virtual void Dispose()
    {
        if (Vcpu != null) Vcpu.Dispose();
        else Cpu.Dispose();
    }
}
