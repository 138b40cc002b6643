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

    /// <summary>Recomputes Cause.IP7..2 from the lines and Cause.TI.</summary>
    private void UpdateInterruptLines()
    {
        uint lines = _hwIrqLines;
        if ((C[Cp0Table.Cause] & Cause.TIMask) != 0) lines |= 1u << (int)new IntCtl(C[Cp0Table.IntCtl]).IPTI;
        C[Cp0Table.Cause] = (C[Cp0Table.Cause] & ~0xFC00UL) | ((ulong)(lines & 0xFC) << 8);
        InterruptStateChanged();
    }

    /// <summary>Pending and enabled by Status.IM (what wakes WAIT, with IE/EXL/ERL as QEMU checks).</summary>
    public bool InterruptDeliverable
    {
        get
        {
            ulong status = C[Cp0Table.Status];
            if ((status & (Status.IEMask | Status.EXLMask | Status.ERLMask)) != Status.IEMask || DebugMode) return false;
            return (C[Cp0Table.Cause] & status & Cause.IPMask) != 0;
        }
    }

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

    /// <summary>Takes the interrupt exception if one is deliverable (between instructions); wakes a halted CPU.</summary>
    public bool TryDeliverInterrupt()
    {
        if (!InterruptDeliverable) return false;
        var s = S;
        s->CurPc = s->Pc;
        Halted = false;
        Stats.Interrupts++;
        bool iv = (C[Cp0Table.Cause] & Cause.IVMask) != 0;
        TakeException(ExcCode.Int, iv ? 0x200UL : 0x180UL, 0);
        return true;
    }
}
