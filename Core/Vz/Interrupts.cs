using VzFast.Cp0;

namespace VzFast.Vz;

// Interrupt injection as arch/mips/kvm/interrupt.c and kvm_vz's irq callbacks: pending and
// pending-clear bitmaps by priority; before entering the guest one is cleared and one delivered,
// the timer through guest Cause.TI, the others through GuestCtl2.VIP.
public sealed unsafe partial class Vcpu
{
    // MIPS exception priorities (interrupt.h)
    internal const int ExcIntTimer = 7, ExcIntIo = 8, ExcIntIpi1 = 10, ExcIntIpi2 = 11, ExcMax = 12;

    private uint _pendingExceptions, _pendingExceptionsClear;

    /// <summary>Cause/GuestCtl2 bit per priority (kvm_vz_priority_to_irq: C_IRQ5, C_IRQ0, C_IRQ1, C_IRQ2).</summary>
    private static uint PriorityToIrq(int priority) => priority switch
    {
        ExcIntTimer => 1u << 15,
        ExcIntIo => 1u << 10,
        ExcIntIpi1 => 1u << 11,
        ExcIntIpi2 => 1u << 12,
        _ => 0,
    };

    /// <summary>
    /// KVM_INTERRUPT: irq 2, 3 or 4 raises the guest's IP2/IP3/IP4 line (IO, IPI 1, IPI 2); the
    /// negative numbers lower it. Wakes a halted vCPU.
    /// </summary>
    public void Interrupt(int irq)
    {
        switch (irq)
        {
            case 2: QueueIrq(ExcIntIo); break;
            case 3: QueueIrq(ExcIntIpi1); break;
            case 4: QueueIrq(ExcIntIpi2); break;
            case -2: DequeueIrq(ExcIntIo); break;
            case -3: DequeueIrq(ExcIntIpi1); break;
            case -4: DequeueIrq(ExcIntIpi2); break;
            default: throw new ArgumentOutOfRangeException(nameof(irq), $"KVM_INTERRUPT supports irq 2, 3, 4 (and negatives), not {irq}");
        }
        if (Cpu.InGuestMode) Cpu.RequestStop(); // deliver at the next instruction boundary
    }

    /// <summary>The machine's view: an interrupt line (2..4) at a level.</summary>
    public void SetIrqLine(int line, bool level) => Interrupt(level ? line : -line);

    internal void QueueIrq(int priority)
    {
        _pendingExceptions |= 1u << priority;
        _pendingExceptionsClear &= ~(1u << priority);
    }

    internal void DequeueIrq(int priority)
    {
        _pendingExceptions &= ~(1u << priority);
        _pendingExceptionsClear |= 1u << priority;
    }

    public bool TimerInterruptPending => (_pendingExceptions & (1u << ExcIntTimer)) != 0;

    /// <summary>kvm_mips_deliver_interrupts: first the lowest pending clear, then the lowest pending delivery.</summary>
    private void DeliverInterrupts()
    {
        if (_pendingExceptions == 0 && _pendingExceptionsClear == 0) return;
        for (int p = 0; p < ExcMax; p++)
        {
            if ((_pendingExceptionsClear & (1u << p)) == 0) continue;
            ClearIrq(p);
            break;
        }
        for (int p = 0; p < ExcMax; p++)
        {
            if ((_pendingExceptions & (1u << p)) == 0) continue;
            DeliverIrq(p);
            break;
        }
    }

    /// <summary>kvm_vz_irq_deliver_cb.</summary>
    private void DeliverIrq(int priority)
    {
        uint irq = PriorityToIrq(priority);
        if (priority == ExcIntTimer)
            GC[Cp0Table.Cause] |= Cause.TIMask;
        else if (irq != 0)
            Cpu.WriteRootCp0(Cp0Table.GuestCtl2, RC[Cp0Table.GuestCtl2] | irq);
        RefreshGuestLines();
        _pendingExceptions &= ~(1u << priority);
    }

    /// <summary>kvm_vz_irq_clear_cb: clears GuestCtl2.VIP unless its hardware-clear bit (HC) is set.</summary>
    private void ClearIrq(int priority)
    {
        uint irq = PriorityToIrq(priority);
        if (irq != 0 && (RC[Cp0Table.GuestCtl2] & ((ulong)irq << 14)) == 0)
            Cpu.WriteRootCp0(Cp0Table.GuestCtl2, RC[Cp0Table.GuestCtl2] & ~(ulong)irq);
        _pendingExceptionsClear &= ~(1u << priority);
    }

    /// <summary>Guest Cause.IP follows TI/VIP; writing GuestCtl2 to itself recomputes it.</summary>
    private void RefreshGuestLines() => Cpu.WriteRootCp0(Cp0Table.GuestCtl2, RC[Cp0Table.GuestCtl2]);

    /// <summary>What would wake a halted vCPU (kvm_arch_vcpu_runnable: pending exceptions).</summary>
    private bool WakeupPending() => _pendingExceptions != 0;
}
