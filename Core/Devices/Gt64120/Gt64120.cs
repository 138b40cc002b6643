using VzFast.Memory;

namespace VzFast.Devices.Gt64120;

/// <summary>
/// The Galileo GT-64120 system controller's register file (GT-64120 data sheet; QEMU
/// hw/pci-host/gt64120.c). Its internal registers start at ISD &lt;&lt; 21 (0x14000000 after reset,
/// moved to 0x1be00000 by the boot stub); PCI0IOLD/HD place the PCI I/O window. Decode
/// registers hold address bits 35:21. Moving a window is left to the board via callbacks.
/// </summary>
public sealed class Gt64120 : IMmioDevice
{
    public const int Isd = 0x068, Pci0IoLd = 0x048, Pci0IoHd = 0x050, Pci0M0Ld = 0x058, Pci0M0Hd = 0x060;
    public const int Pci0M1Ld = 0x080, Pci0M1Hd = 0x088, Pci0IntAck = 0xC34;

    private readonly uint[] _regs = new uint[0x1000 / 4];

    /// <summary>Base of the internal registers moved (new physical base).</summary>
    public Action<ulong>? RegistersMoved { get; set; }

    /// <summary>The PCI I/O window moved (base, length; length 0 = disabled).</summary>
    public Action<ulong, ulong>? PciIoWindowMoved { get; set; }

    /// <summary>Answers a PCI interrupt acknowledge cycle (the i8259's vector).</summary>
    public Func<uint>? InterruptAcknowledge { get; set; }

    public Gt64120() => Reset();

    public ulong RegistersBase => (ulong)(_regs[Isd / 4] & 0x7FFF) << 21;

    public void Reset()
    {
        Array.Clear(_regs);
        _regs[0x000 / 4] = 0x0000_1000;           // CPU interface configuration, as QEMU reads it back
        _regs[Isd / 4] = 0x1400_0000 >> 21;
        _regs[Pci0IoLd / 4] = 0x1000_0000 >> 21;
        _regs[Pci0IoHd / 4] = 0x0F;
        _regs[Pci0M0Ld / 4] = 0x1200_0000 >> 21;
        _regs[Pci0M0Hd / 4] = 0x1F;
        _regs[Pci0M1Ld / 4] = 0x1400_0000 >> 21;
        _regs[Pci0M1Hd / 4] = 0x1F;
    }

    public (ulong Base, ulong Length) PciIoWindow
    {
        get
        {
            uint ld = _regs[Pci0IoLd / 4], hd = _regs[Pci0IoHd / 4] & 0x7F;
            if ((ld & 0x7F) > hd) return (0, 0);
            return ((ulong)ld << 21, (ulong)(hd + 1 - (ld & 0x7F)) << 21);
        }
    }

    public ulong Read(ulong offset, int size)
    {
        int reg = (int)(offset & 0xFFC);
        if (reg == Pci0IntAck) return InterruptAcknowledge?.Invoke() ?? 0;
        uint v = _regs[reg / 4];
        return (v >> (int)((offset & 3) * 8)) & (size >= 4 ? 0xFFFF_FFFFu : (1u << (size * 8)) - 1);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        int reg = (int)(offset & 0xFFC);
        uint shift = (uint)((offset & 3) * 8);
        uint mask = size >= 4 ? 0xFFFF_FFFFu : ((1u << (size * 8)) - 1) << (int)shift;
        _regs[reg / 4] = (_regs[reg / 4] & ~mask) | (((uint)value << (int)shift) & mask);
        switch (reg)
        {
            case Isd:
                RegistersMoved?.Invoke(RegistersBase);
                break;
            case Pci0IoLd:
            case Pci0IoHd:
                var (b, l) = PciIoWindow;
                PciIoWindowMoved?.Invoke(b, l);
                break;
        }
    }
}
