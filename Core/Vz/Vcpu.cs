using VzFast.Cp0;
using VzFast.Cpu;

namespace VzFast.Vz;

/// <summary>Result of an exit handler (Linux's RESUME_GUEST / RESUME_HOST).</summary>
internal enum Resume
{
    Guest,
    Host,
}

/// <summary>
/// A virtual CPU (struct kvm_vcpu with kvm_vz's callbacks): a CPU with the VZ module whose guest
/// context runs the guest. <see cref="Run"/> enters guest mode and handles root exceptions the way
/// kvm_mips_handle_exit does, returning to the machine loop only for what the machine must serve.
/// </summary>
public sealed unsafe partial class Vcpu : IDisposable
{
    public Vm Vm { get; }
    public CpuCore Cpu { get; }
    /// <summary>The CPU the guest sees (-cpu): its PRId and Config registers.</summary>
    public CpuModel GuestModel { get; }
    public VcpuStats Stats { get; } = new();
    public VcpuExit Exit { get; } = new();
    /// <summary>When set, one line per exit as Linux's kvm_exit tracepoint prints it.</summary>
    public TextWriter? Trace { get; set; }

    /// <summary>GuestCtl0 controls root grants the guest (kvm_vz_hardware_enable: CP0, AT=guest, CG, CF).</summary>
    public ulong GuestControls { get; set; } = GuestCtl0.CP0Mask | ((ulong)GuestAt.Guest << GuestCtl0.ATShift) | GuestCtl0.CGMask | GuestCtl0.CFMask;

    /// <summary>
    /// KVM_SET_GUEST_DEBUG with software breakpoints: a guest SDBBP (which the guest cannot take
    /// itself: it has no debug mode) exits with ExitReason.Debug at its PC instead of failing.
    /// </summary>
    public bool GuestDebug { get; set; }

    /// <summary>The guest's PC while it is not in guest mode (vcpu->arch.pc).</summary>
    private ulong _pc;
    private bool _halted;
    private bool _stopRequested;

    /// <summary>Guest CP0 registers root emulates (cop0->reg): PRId, SRSCtl, SRSMap, Config7, ErrCtl.</summary>
    private readonly ulong[] _emulatedCp0 = new ulong[Cp0Table.Slots];

    private ulong* RC => Cpu.RC;

    public Vcpu(Vm vm, CpuModel guestModel)
    {
        Vm = vm;
        GuestModel = guestModel;
        Cpu = new CpuCore(vm.HostBus, guestModel, vm.Scheduler, virtualization: true);
        _timerWakeup = vm.Scheduler.CreateEvent("kvm-comparecount", ComparecountWakeup);
        vm.MappingsChanged += FlushGuestMappings;
        Reset();
    }

    /// <summary>The guest's program counter (KVM_REG_MIPS_PC).</summary>
    public ulong Pc
    {
        get => Cpu.InGuestMode ? Cpu.Pc : _pc;
        set
        {
            LeaveGuestMode();
            _pc = value;
        }
    }

    public bool Halted => _halted;

    /// <summary>kvm_arch_vcpu_runnable: not halted, or an interrupt is pending that will wake it.</summary>
    public bool Runnable => !_halted || WakeupPending();

    /// <summary>
    /// Whether the guest could take any interrupt without changing its Status (IE set, EXL/ERL
    /// clear, an IM bit set): the machine's test for a WAIT nothing can ever end, as QEMU's
    /// mips_cpu_has_work only wakes on enabled interrupts.
    /// </summary>
    public bool GuestInterruptsCanWake
    {
        get
        {
            ulong status = Cpu.ReadGuestCp0(Cp0Table.Status);
            return (status & (Status.IEMask | Status.EXLMask | Status.ERLMask)) == Status.IEMask && (status & Status.IMMask) != 0;
        }
    }

    /// <summary>Ends the current Run at the next instruction boundary (KVM's immediate exit / vCPU kick).</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        Cpu.RequestStop();
    }

    /// <summary>Power-on state: guest CP0 as the -cpu model resets, PC at the guest's reset vector.</summary>
    public void Reset()
    {
        Cpu.Reset();
        FpuOwned = MsaOwned = false; // root CU1 and Config5.MSAEn are reset with the rest of root CP0
        SetupGuest();
        _pc = CpuCore.ResetVector;
        _halted = false;
        _mmioPending = _hypercallPending = false;
        _pendingExceptions = _pendingExceptionsClear = 0;
        ResetTimer();
    }

    /// <summary>
    /// KVM_RUN: runs the guest for up to <paramref name="budget"/> instructions. Exits the hypervisor
    /// can handle (GPSI, GSFC, root TLB faults on RAM, ...) are handled here; the rest return.
    /// </summary>
    private const int MaxStalledExits = 10_000;

    public VcpuExit Run(long budget)
    {
        _stopRequested = false;
        if (_mmioPending && !CompleteMmio()) return Exit;
        if (_hypercallPending) CompleteVmmHypercall();
        long end = Cpu.InstructionCount + budget;
        long lastCount = -1;
        ulong lastPc = 0;
        int stalledExits = 0;
        while (true)
        {
            if (_halted)
            {
                if (!WakeupPending()) return ExitWith(ExitReason.Halt);
                _halted = false;
                Stats.halt_wakeup++;
            }
            if (!Cpu.InGuestMode)
            {
                DeliverInterrupts();
                AcquireHardTimer();
                Cpu.EnterGuest(_pc);
            }
            else DeliverInterrupts();
            Cpu.TryDeliverInterrupt(); // may itself exit (GHFC when the guest's EXL changes)
            if (!Cpu.GuestExitPending)
            {
                long left = Math.Min(end - Cpu.InstructionCount, Vm.Scheduler.NextDue - Cpu.VirtualTime);
                if (left <= 0 || _stopRequested) return ExitWith(ExitReason.QuantumEnd);
                Cpu.Run(left);
            }
            if (Cpu.GuestExitPending)
            {
                Cpu.GuestExitPending = false;
                _pc = RC[Cp0Table.EPC];
                if (HandleExit() == Resume.Host) return Exit;
                // an exit that resumes the guest must let it move on (a hypervisor bug must not hang the host)
                stalledExits = Cpu.InstructionCount == lastCount && _pc == lastPc ? stalledExits + 1 : 0;
                lastCount = Cpu.InstructionCount;
                lastPc = _pc;
                if (stalledExits > MaxStalledExits)
                {
                    Fail($"no guest progress after {stalledExits} exits in a row at PC 0x{_pc:x} (last root Cause 0x{RC[Cp0Table.Cause]:x8})");
                    return Exit;
                }
                if (_stopRequested || Cpu.InstructionCount >= end) return ExitWith(ExitReason.QuantumEnd);
            }
            else if (Cpu.BreakpointHit) return ExitWith(ExitReason.Debug); // KVM_EXIT_DEBUG: a debugger's breakpoint
            else if (_stopRequested || Cpu.InstructionCount >= end) return ExitWith(ExitReason.QuantumEnd);
        }
    }

    private VcpuExit ExitWith(ExitReason reason)
    {
        Exit.Reason = reason;
        return Exit;
    }

    /// <summary>
    /// Takes the CPU out of guest mode (as a root exception would) so root state can be changed.
    /// Between a branch and its delay slot the guest resumes at the branch, as after an exception.
    /// </summary>
    private void LeaveGuestMode()
    {
        if (!Cpu.InGuestMode) return;
        _pc = (Cpu.State.DelaySlot & 1) != 0 ? Cpu.State.CurPc : Cpu.Pc;
        Cpu.WriteRootCp0(Cp0Table.GuestCtl0, RC[Cp0Table.GuestCtl0] & ~GuestCtl0.GMMask);
    }

    public void Dispose()
    {
        Vm.MappingsChanged -= FlushGuestMappings;
        Vm.Scheduler.Cancel(_timerWakeup);
        Cpu.Dispose();
    }
}
