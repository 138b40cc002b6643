using VzFast.Memory;

namespace VzFast.Devices.Gt64120;

/// <summary>
/// The Galileo GT-64120 system controller's register file (GT-64120 data sheet; QEMU
/// hw/pci-host/gt64120.c). Its internal registers start at ISD &lt;&lt; 21 (0x14000000 after reset,
/// moved to 0x1be00000 by the boot stub); PCI0IOLD/HD place the PCI I/O window. Decode
/// registers hold address bits 35:21. Moving a window is left to the board via callbacks.
/// PCI configuration goes through PCI0 CFGADDR/CFGDATA (no byte swapping on this little-endian
/// board); a function that does not answer sets the master-abort bit in the interrupt cause.
/// </summary>
public sealed class Gt64120 : IMmioDevice
{
    public const int Isd = 0x068, Pci0IoLd = 0x048, Pci0IoHd = 0x050, Pci0M0Ld = 0x058, Pci0M0Hd = 0x060;
    public const int Pci0M1Ld = 0x080, Pci0M1Hd = 0x088, Pci0IntAck = 0xC34;
    public const int Pci0IoRemap = 0x0F0, Pci0M0Remap = 0x0F8, Pci0M1Remap = 0x100;
    public const int IntrCause = 0xC18, Pci0CfgAddr = 0xCF8, Pci0CfgData = 0xCFC;
    public const uint MasterAbort0 = 1u << 18, TargetAbort0 = 1u << 19;

    /// <summary>PCI bus 0 behind the bridge (configuration through PCI0 CFGADDR/CFGDATA); the GT itself is device 0.</summary>
    public Pci.PciBus Pci { get; } = new();

    private readonly uint[] _regs = new uint[0x1000 / 4];

    /// <summary>Base of the internal registers moved (new physical base).</summary>
    public Action<ulong>? RegistersMoved { get; set; }

    /// <summary>The PCI I/O window moved (base, length; length 0 = disabled).</summary>
    public Action<ulong, ulong>? PciIoWindowMoved { get; set; }

    /// <summary>Answers a PCI interrupt acknowledge cycle (the i8259's vector).</summary>
    public Func<uint>? InterruptAcknowledge { get; set; }

    public Gt64120()
    {
        Pci.Attach(0, 0, new VzFast.Devices.Pci.PciFunction("gt64120", 0x11AB, 0x4620, 0x0600_0010));
        Reset();
    }

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
        // the windows reach PCI at the same addresses (remap = the low decode bits), as QEMU's gt64120_reset
        _regs[Pci0IoRemap / 4] = _regs[Pci0IoLd / 4] & 0x7FF;
        _regs[Pci0M0Remap / 4] = _regs[Pci0M0Ld / 4] & 0x7FF;
        _regs[Pci0M1Remap / 4] = _regs[Pci0M1Ld / 4] & 0x7FF;
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
        if (reg == Pci0CfgData)
        {
            uint addr = _regs[Pci0CfgAddr / 4];
            uint? data = (addr & 0x8000_0000) != 0 ? Pci.Read(addr, (int)(offset & 3), size) : null;
            if (data == null) _regs[IntrCause / 4] |= MasterAbort0;
            return data ?? (size >= 4 ? 0xFFFF_FFFFu : (1u << (size * 8)) - 1);
        }
        uint v = _regs[reg / 4];
        return (v >> (int)((offset & 3) * 8)) & (size >= 4 ? 0xFFFF_FFFFu : (1u << (size * 8)) - 1);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        int reg = (int)(offset & 0xFFC);
        if (reg == Pci0CfgData)
        {
            uint addr = _regs[Pci0CfgAddr / 4];
            if ((addr & 0x8000_0000) == 0 || !Pci.Write(addr, (int)(offset & 3), Math.Min(size, 4), (uint)value))
                _regs[IntrCause / 4] |= MasterAbort0;
            return;
        }
        if (reg == IntrCause)
        {
            _regs[reg / 4] &= (uint)value; // bits are cleared by writing 0
            return;
        }
        uint shift = (uint)((offset & 3) * 8);
        uint mask = size >= 4 ? 0xFFFF_FFFFu : ((1u << (size * 8)) - 1) << (int)shift;
        _regs[reg / 4] = (_regs[reg / 4] & ~mask) | (((uint)value << (int)shift) & mask);
        switch (reg)
        {
            // a low decode write sets the window's remap register too (QEMU's gt64120_writel)
            case Pci0M0Ld: _regs[Pci0M0Remap / 4] = _regs[reg / 4] & 0x7FF; break;
            case Pci0M1Ld: _regs[Pci0M1Remap / 4] = _regs[reg / 4] & 0x7FF; break;
        }
        if (reg == Pci0IoLd) _regs[Pci0IoRemap / 4] = _regs[reg / 4] & 0x7FF;
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
