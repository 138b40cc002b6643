using VzFast.Cp0;

namespace VzFast.Cpu;

// Interrupts (Vol. III 6.1 "Interrupts", interrupt compatibility mode): hardware lines drive
// Cause.IP7..2, the timer (Cause.TI) is ORed onto line IntCtl.IPTI, software sets IP1..0. An
// interrupt is taken between instructions when Status.IE=1, EXL=ERL=0 and IP & IM != 0.
public sealed unsafe partial class CpuCore
{
    /// <summary>Levels of the hardware interrupt lines 2..7 (bit n = line n).</summary>
    private uint _hwIrqLines;

    public bool DebugMode { get; private set; }

    /// <summary>Raises or lowers hardware interrupt line 2..7 (IP2..IP7).</summary>
    public void SetIrqLine(int line, bool level)
    {
        if (line < 2 || line > 7) throw new ArgumentOutOfRangeException(nameof(line));
        uint bit = 1u << line;
        uint lines = level ? _hwIrqLines | bit : _hwIrqLines & ~bit;
        if (lines == _hwIrqLines) return;
        _hwIrqLines = lines;
        UpdateInterruptLines();
    }

    public uint IrqLines => _hwIrqLines;

    /// <summary>Recomputes root Cause.IP7..2 from the lines and Cause.TI (and the guest's, which PIP may pass lines to).</summary>
    private void UpdateInterruptLines()
    {
        uint lines = _hwIrqLines;
        if ((RC[Cp0Table.Cause] & Cause.TIMask) != 0) lines |= 1u << (int)new IntCtl(RC[Cp0Table.IntCtl]).IPTI;
        RC[Cp0Table.Cause] = (RC[Cp0Table.Cause] & ~0xFC00UL) | ((ulong)(lines & 0xFC) << 8);
        if (Virtualization) UpdateGuestInterruptLines();
        InterruptStateChanged();
    }

    /// <summary>
    /// Guest Cause.IP7..2 (Vol. IV-i 4.9): GuestCtl2.VIP injected by root, the guest timer (guest
    /// Cause.TI on guest IntCtl.IPTI), and the root lines GuestCtl0.PIP passes through.
    /// </summary>
    private void UpdateGuestInterruptLines()
    {
        if (!Virtualization) return;
        uint lines = (uint)((RC[Cp0Table.GuestCtl2] & GuestCtl2.VIPMask) >> GuestCtl2.VIPShift) << 2;
        lines |= (uint)((RC[Cp0Table.GuestCtl0] & GuestCtl0.PIPMask) >> GuestCtl0.PIPShift) << 2 & _hwIrqLines;
        if ((GC[Cp0Table.Cause] & Cause.TIMask) != 0) lines |= 1u << (int)new IntCtl(GC[Cp0Table.IntCtl]).IPTI;
        GC[Cp0Table.Cause] = (GC[Cp0Table.Cause] & ~0xFC00UL) | ((ulong)(lines & 0xFC) << 8);
        InterruptStateChanged();
    }

    private bool Deliverable(ulong* bank, bool debug)
    {
        ulong status = bank[Cp0Table.Status];
        if ((status & (Status.IEMask | Status.EXLMask | Status.ERLMask)) != Status.IEMask || debug) return false;
        return (bank[Cp0Table.Cause] & status & Cause.IPMask) != 0;
    }

    /// <summary>An interrupt the executing context would take now (what wakes WAIT, with IE/EXL/ERL as QEMU checks).</summary>
    public bool InterruptDeliverable => Deliverable(RC, DebugMode) || (InGuestMode && Deliverable(GC, false));

    /// <summary>Whether any interrupt could be taken without software changing Status (IE set, EXL/ERL clear, some IM bit set).</summary>
    public bool InterruptsCanWake
    {
        get
        {
            ulong status = C[Cp0Table.Status];
            return (status & (Status.IEMask | Status.EXLMask | Status.ERLMask)) == Status.IEMask && !DebugMode && (status & Status.IMMask) != 0;
        }
    }

    /// <summary>Something that can enable an interrupt changed: end the current run so the machine loop delivers it.</summary>
    private void InterruptStateChanged()
    {
        if (InterruptDeliverable) RequestStop();
    }

    /// <summary>
    /// Takes the interrupt exception if one is deliverable (between instructions); wakes a halted
    /// CPU. In guest mode a root interrupt exits to root first; else the guest takes its own.
    /// </summary>
    public bool TryDeliverInterrupt()
    {
        var s = S;
        bool root = Deliverable(RC, DebugMode);
        bool guest = !root && InGuestMode && Deliverable(GC, false);
        if (!root && !guest) return false;
        s->CurPc = s->Pc;
        Halted = false;
        Stats.Interrupts++;
        ulong* bank = root ? RC : GC;
        ulong offset = (bank[Cp0Table.Cause] & Cause.IVMask) != 0 ? 0x200UL : 0x180UL;
        if (root && InGuestMode) TakeRootException(ExcCode.Int, null, null, offset);
        else TakeException(ExcCode.Int, offset, 0);
        return true;
    }
}
