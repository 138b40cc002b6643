using VzFast.Cp0;
using VzFast.Scheduling;

namespace VzFast.Cpu;

// CP0 Count/Compare (Vol. III 9.16, 9.18): Count advances once every two cycles of the virtual
// clock; a scheduler event stands for the moment Count reaches Compare, which raises Cause.TI
// and the interrupt line IntCtl.IPTI names. Cause.DC stops the counter.
public sealed unsafe partial class CpuCore
{
    private readonly TimedEvent _timerEvent;
    /// <summary>Count = VirtualTime / 2 + _countBias (mod 2^32) while counting.</summary>
    private ulong _countBias;

    private bool CountDisabled => (RC[Cp0Table.Cause] & Cause.DCMask) != 0;

    internal uint ReadCount() => CountDisabled ? (uint)_countBias : (uint)((ulong)(VirtualTime >> 1) + _countBias);

    internal void WriteCount(uint value)
    {
        _countBias = CountDisabled ? value : value - (ulong)(VirtualTime >> 1);
        RescheduleTimer();
    }

    private void WriteCompare(uint value)
    {
        RC[Cp0Table.Compare] = value;
        RC[Cp0Table.Cause] &= ~Cause.TIMask; // writing Compare acknowledges the timer interrupt
        UpdateInterruptLines();
        RescheduleTimer();
    }

    /// <summary>Cause.DC toggled: freeze Count at its current value, or resume from it.</summary>
    private void CountEnableChanged(ulong oldCause)
    {
        bool wasDisabled = (oldCause & Cause.DCMask) != 0;
        uint count = wasDisabled ? (uint)_countBias : (uint)((ulong)(VirtualTime >> 1) + _countBias);
        _countBias = CountDisabled ? count : count - (ulong)(VirtualTime >> 1);
        RescheduleTimer();
    }

    /// <summary>
    /// Schedules the compare event at the first cycle where Count equals Compare; when they are
    /// equal now, a write fires it at once (QEMU cpu_mips_timer_update) but a reset waits a full period.
    /// </summary>
    private void RescheduleTimer(bool atReset = false)
    {
        if (CountDisabled)
        {
            Scheduler.Cancel(_timerEvent);
            return;
        }
        uint wait = (uint)RC[Cp0Table.Compare] - ReadCount();
        if (wait == 0 && atReset) wait = uint.MaxValue;
        long due = ((VirtualTime >> 1) + wait) << 1;
        Scheduler.Schedule(_timerEvent, due);
        RescheduleGuestTimer();
    }

    private void OnCompareMatch()
    {
        RC[Cp0Table.Cause] |= Cause.TIMask;
        UpdateInterruptLines();
        if (!CountDisabled) Scheduler.Schedule(_timerEvent, _timerEvent.DueTime + (1L << 33)); // next wrap
    }

    // The guest timer of the VZ module (Vol. IV-i 4.8): guest Count = root Count + GTOffset, and a
    // guest Compare match raises guest Cause.TI. It runs while GuestCtl0.GT gives the guest the
    // hardware timer; otherwise the hypervisor emulates Count/Compare (GPSI) with its own timer.
    private readonly Scheduling.TimedEvent _guestTimerEvent;

    private bool GuestTimerInHardware => Virtualization && (RC[Cp0Table.GuestCtl0] & GuestCtl0.GTMask) != 0;

    internal uint ReadGuestCount() => ReadCount() + (uint)RC[Cp0Table.GTOffset];

    internal void WriteGuestCount(uint value)
    {
        RC[Cp0Table.GTOffset] = value - ReadCount();
        RescheduleGuestTimer();
    }

    private void WriteGuestCompare(uint value)
    {
        GC[Cp0Table.Compare] = value;
        GC[Cp0Table.Cause] &= ~Cause.TIMask;
        UpdateGuestInterruptLines();
        RescheduleGuestTimer(compareWritten: true);
    }

    /// <summary>
    /// Schedules the guest compare event. Only a Compare write that makes them equal fires at once;
    /// when GTOffset or GT change, Count must move onto Compare (the test _kvm_vz_restore_htimer makes).
    /// </summary>
    private void RescheduleGuestTimer(bool compareWritten = false)
    {
        if (!GuestTimerInHardware || CountDisabled)
        {
            Scheduler.Cancel(_guestTimerEvent);
            return;
        }
        uint wait = (uint)GC[Cp0Table.Compare] - ReadGuestCount();
        if (wait == 0 && !compareWritten) wait = uint.MaxValue;
        Scheduler.Schedule(_guestTimerEvent, ((VirtualTime >> 1) + wait) << 1);
    }

    private void OnGuestCompareMatch()
    {
        GC[Cp0Table.Cause] |= Cause.TIMask;
        UpdateGuestInterruptLines();
        Scheduler.Schedule(_guestTimerEvent, _guestTimerEvent.DueTime + (1L << 33));
    }
}
