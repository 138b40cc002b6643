using VzFast.Cp0;
using VzFast.Scheduling;

namespace VzFast.Vz;

// The guest's CP0 timer, as arch/mips/kvm/emulate.c keeps it and kvm_vz switches it: a software
// Count (bias + time x COUNT_HZ, frozen by COUNT_CTL.DC or guest Cause.DC) with a scheduler event
// standing in for the hrtimer (kvm_mips_comparecount_wakeup); while the guest runs and COUNT_HZ
// matches the hardware, the VZ guest timer itself (GuestCtl0.GT, GTOffset) counts.
public sealed unsafe partial class Vcpu
{
    public const ulong KvmCountCtlDc = 1;

    private readonly TimedEvent _timerWakeup;
    /// <summary>COUNT_HZ: the guest Count rate (default: the hardware's, Scheduler.Frequency / 2).</summary>
    private ulong _countHz;
    private ulong _countCtl;
    /// <summary>COUNT_RESUME: virtual nanoseconds of the last master disable.</summary>
    private long _countResumeNs;
    /// <summary>Count = _countBias + ticks(now) while running.</summary>
    private uint _countBias;
    /// <summary>Count while disabled.</summary>
    private uint _countFrozen;

    private ulong* GC => Cpu.GC;

    private const ulong HardwareCountHz = Scheduler.Frequency / 2;

    private void ResetTimer()
    {
        _countHz = HardwareCountHz;
        _countCtl = 0;
        _countResumeNs = 0;
        _countBias = 0;
        _countFrozen = 0;
        GC[Cp0Table.Compare] = 0;
        Vm.Scheduler.Cancel(_timerWakeup);
    }

    private long NowNs => Scheduler.CyclesToNanoseconds(Cpu.VirtualTime);

    private uint TicksAt(long ns) => (uint)((UInt128)(ulong)ns * _countHz / 1_000_000_000UL);

    /// <summary>kvm_mips_count_disabled: COUNT_CTL.DC or guest Cause.DC.</summary>
    private bool CountDisabled => (_countCtl & KvmCountCtlDc) != 0 || (GC[Cp0Table.Cause] & Cause.DCMask) != 0;

    private bool HardTimerActive => (RC[Cp0Table.GuestCtl0] & GuestCtl0.GTMask) != 0;

    /// <summary>kvm_mips_read_count: the guest's Count now.</summary>
    public uint ReadCount()
    {
        if (HardTimerActive) return (uint)Cpu.ReadGuestCp0(Cp0Table.Count);
        return CountDisabled ? _countFrozen : _countBias + TicksAt(NowNs);
    }

    /// <summary>kvm_mips_write_count.</summary>
    public void WriteCount(uint count)
    {
        LoseHardTimer();
        if (CountDisabled) _countFrozen = count;
        else _countBias = count - TicksAt(NowNs);
        ArmWakeup();
    }

    /// <summary>kvm_mips_write_compare: with <paramref name="ack"/> the pending timer interrupt is acknowledged.</summary>
    public void WriteCompare(uint compare, bool ack)
    {
        LoseHardTimer();
        GC[Cp0Table.Compare] = compare;
        if (ack)
        {
            DequeueIrq(ExcIntTimer);
            GC[Cp0Table.Cause] &= ~Cause.TIMask;
            RefreshGuestLines();
        }
        ArmWakeup();
    }

    /// <summary>Guest Cause.DC changed (through GSFC or ONE_REG): freeze or resume the count.</summary>
    private void CauseDcChanged(bool disabledBefore)
    {
        bool disabled = CountDisabled;
        if (disabled == disabledBefore) return;
        long now = NowNs;
        if (disabled) _countFrozen = _countBias + TicksAt(now);
        else _countBias = _countFrozen - TicksAt(now);
        ArmWakeup();
    }

    /// <summary>COUNT_CTL: only DC may change; setting it records COUNT_RESUME (kvm_mips_set_count_ctl).</summary>
    public void SetCountCtl(ulong value)
    {
        if ((value & ~KvmCountCtlDc) != 0) throw new ArgumentException("COUNT_CTL: only the DC bit is defined");
        LoseHardTimer();
        long now = NowNs;
        uint current = CountDisabled ? _countFrozen : _countBias + TicksAt(now);
        if ((value & KvmCountCtlDc) != 0 && (_countCtl & KvmCountCtlDc) == 0) _countResumeNs = now;
        _countCtl = value;
        if (CountDisabled) _countFrozen = current;
        else _countBias = current - TicksAt(now);
        ArmWakeup();
    }

    public ulong CountCtl => _countCtl;

    public long CountResume => _countResumeNs;

    /// <summary>COUNT_RESUME: may not be in the future.</summary>
    public void SetCountResume(long ns)
    {
        if (ns < 0 || ns > NowNs) throw new ArgumentException("COUNT_RESUME may not lie in the future");
        _countResumeNs = ns;
    }

    public ulong CountHz => _countHz;

    /// <summary>COUNT_HZ: a new rate, without a jump in Count (kvm_mips_set_count_hz).</summary>
    public void SetCountHz(ulong hz)
    {
        if (hz == 0 || hz > 1_000_000_000UL) throw new ArgumentException("COUNT_HZ must be between 1 Hz and 1 GHz");
        LoseHardTimer();
        uint count = ReadCount();
        _countHz = hz;
        if (!CountDisabled) _countBias = count - TicksAt(NowNs);
        ArmWakeup();
    }

    /// <summary>Schedules the stand-in for the hrtimer at the next Count == Compare.</summary>
    private void ArmWakeup()
    {
        if (CountDisabled || HardTimerActive)
        {
            Vm.Scheduler.Cancel(_timerWakeup);
            return;
        }
        long now = NowNs;
        uint delta = (uint)GC[Cp0Table.Compare] - (_countBias + TicksAt(now));
        if (delta == 0) delta = uint.MaxValue;
        long ns = (long)((UInt128)(ulong)delta * 1_000_000_000UL / _countHz) + 1;
        Vm.Scheduler.Schedule(_timerWakeup, Scheduler.NanosecondsToCycles(now + ns) + 1);
    }

    /// <summary>kvm_mips_comparecount_wakeup: queue the timer interrupt and re-arm a period later.</summary>
    private void ComparecountWakeup()
    {
        QueueIrq(ExcIntTimer);
        ArmWakeup();
    }

    /// <summary>kvm_vz_should_use_htimer: the hardware guest timer serves when the rates match and counting is on.</summary>
    private bool ShouldUseHardTimer => !CountDisabled && _countHz == HardwareCountHz;

    /// <summary>kvm_vz_acquire_htimer: hand Count/Compare to the VZ guest timer (GuestCtl0.GT, GTOffset).</summary>
    private void AcquireHardTimer()
    {
        if (HardTimerActive || !ShouldUseHardTimer) return;
        uint count = _countBias + TicksAt(NowNs);
        Vm.Scheduler.Cancel(_timerWakeup);
        Cpu.WriteRootCp0(Cp0Table.GuestCtl0, RC[Cp0Table.GuestCtl0] | GuestCtl0.GTMask);
        Cpu.WriteRootCp0(Cp0Table.GTOffset, count - (uint)Cpu.ReadRootCp0(Cp0Table.Count));
        if (TimerInterruptPending) DeliverIrq(ExcIntTimer);
    }

    /// <summary>kvm_vz_lose_htimer: back to the software count, keeping the guest's Count and a pending TI.</summary>
    private void LoseHardTimer()
    {
        if (!HardTimerActive) return;
        uint count = (uint)Cpu.ReadGuestCp0(Cp0Table.Count);
        Cpu.WriteRootCp0(Cp0Table.GuestCtl0, RC[Cp0Table.GuestCtl0] & ~GuestCtl0.GTMask);
        _countBias = count - TicksAt(NowNs);
        if ((GC[Cp0Table.Cause] & Cause.TIMask) != 0) QueueIrq(ExcIntTimer);
        ArmWakeup();
    }
}
