using VzFast.Devices.I8237;
using VzFast.Devices.I8254;
using VzFast.Devices.I8259;
using VzFast.Devices.IsaBus;
using VzFast.Devices.Mc146818;
using VzFast.Devices.Pci;
using VzFast.Scheduling;

namespace VzFast.Devices.Piix4;

/// <summary>
/// The Intel 82371AB (PIIX4) south bridge as QEMU's Malta wires it (PIIX4 data sheet; QEMU
/// hw/isa/piix4.c, hw/acpi/piix4.c): PCI function 0 (the ISA bridge) with the cascaded 8259 pair
/// and its ELCR, the 8237 DMA pair, the 8254 timer with port 0x61, the MC146818 RTC; function 3 with the power
/// management I/O block at PMBA, whose PMCNTRL write with SUS_EN and the soft-off type powers the
/// board off. The IDE and USB functions are not modelled (the kernel boots without them).
/// </summary>
public sealed class Piix4
{
    public I8259.I8259 Master { get; } = new("i8259-master") { ElcrMask = 0xF8 }; // IRQ 0, 1, 2 are always edge-triggered
    public I8259.I8259 Slave { get; } = new("i8259-slave") { ElcrMask = 0xDE };   // IRQ 8, 13 too
    public I8254.I8254 Pit { get; }
    public I8237.I8237 Dma { get; } = new();
    public Mc146818.Mc146818 Rtc { get; }
    public PciFunction IsaBridge { get; } = new IsaBridgeFunction();
    public PowerManagementFunction Pm { get; }

    /// <summary>The 8259 pair's INT output (CPU interrupt line 2 on Malta).</summary>
    public Action<bool>? Intr { get; set; }

    /// <summary>Software asked for soft-off through PMCNTRL.</summary>
    public Action? PowerOff { get; set; }

    private readonly IsaIoBus _io;
    private readonly Scheduler _scheduler;
    private bool _speakerData, _refreshToggle;

    public Piix4(Scheduler scheduler, IsaIoBus io, PciBus pci, int device, DateTimeOffset rtcStart)
    {
        _scheduler = scheduler;
        _io = io;
        Pit = new I8254.I8254(scheduler) { Irq0 = level => SetIrq(0, level) };
        Rtc = new Mc146818.Mc146818(scheduler, rtcStart) { Irq = level => SetIrq(8, level) };
        Master.Output = level => Intr?.Invoke(level);
        Slave.Output = level => Master.SetLevel(2, level);
        Master.CascadeAcknowledge = _ => Slave.Acknowledge();
        Pm = new PowerManagementFunction(this);

        pci.Attach(device, 0, IsaBridge);
        pci.Attach(device, 3, Pm);
        io.Attach(0x20, 2, new PicPorts(Master));
        io.Attach(0xA0, 2, new PicPorts(Slave));
        io.Attach(0x4D0, 2, new ElcrPorts(this));
        Dma.Attach(io);
        io.Attach(0x40, 4, new PitPorts(Pit));
        io.Attach(0x61, 1, new PortB(this));
        io.Attach(0x70, 4, new RtcPorts(Rtc));
    }

    public void Reset()
    {
        Master.Reset();
        Slave.Reset();
        Pit.Reset();
        Dma.Reset();
        Rtc.Reset();
        Pm.Reset();
        _speakerData = _refreshToggle = false;
    }

    /// <summary>Drives ISA interrupt line 0..15.</summary>
    public void SetIrq(int irq, bool level)
    {
        if (irq < 8) Master.SetLevel(irq, level);
        else Slave.SetLevel(irq - 8, level);
    }

    /// <summary>A PCI interrupt acknowledge cycle (what the GT-64120's IACK register performs): the 8259 vector.</summary>
    public byte Acknowledge() => Master.Acknowledge();

    private sealed class IsaBridgeFunction : PciFunction
    {
        public IsaBridgeFunction() : base("piix4-isa", 0x8086, 0x7110, 0x0601_0001)
        {
            Config[0x0E] = 0x80;     // multi-function device
            Set32(0x60, 0x8080_8080); // PIRQ routing: all disabled
            Config[0x69] = 0x02;     // top of memory
            Writable(0x40, 0xC0);     // device-specific registers
        }
    }

    /// <summary>Function 3: power management (PMBA at 0x40, PMREGMISC at 0x80) and its I/O registers.</summary>
    public sealed class PowerManagementFunction : PciFunction, IIoPortDevice
    {
        private readonly Piix4 _owner;
        private int _attachedBase = -1;
        private ushort _pmsts, _pmen, _pmcntrl;

        public const int IoSize = 64;

        internal PowerManagementFunction(Piix4 owner) : base("piix4-pm", 0x8086, 0x7113, 0x0680_0003)
        {
            _owner = owner;
            Reset();
        }

        public void Reset()
        {
            Set32(0x40, 1);           // PMBA: I/O space indicator, base 0
            Writable(0x40, 1, 0xC0);  // base bits 15:6
            Writable(0x41, 1, 0xFF);
            Config[0x80] = 0;
            Writable(0x80, 1, 0x01);  // PMREGMISC.PMIOSE
            Set32(0x90, 1);           // SMBBA
            Writable(0x90, 1, 0xF0);
            Writable(0x91, 1, 0xFF);
            Writable(0xD2, 1, 0x0F);
            _pmsts = _pmen = _pmcntrl = 0;
            Remap();
        }

        protected override void Written(int offset, int size) => Remap();

        /// <summary>The PM block appears at PMBA while PMREGMISC.PMIOSE is set.</summary>
        private void Remap()
        {
            int base_ = (Config[0x80] & 1) != 0 ? Get16(0x40) & 0xFFC0 : -1;
            if (base_ == _attachedBase) return;
            if (_attachedBase >= 0) _owner._io.Detach(_attachedBase, IoSize);
            _attachedBase = -1;
            if (base_ > 0 && _owner._io.IsFree(base_, IoSize))
            {
                _owner._io.Attach(base_, IoSize, this);
                _attachedBase = base_;
            }
        }

        public int AccessWidth => 4;

        public ulong ReadPort(int offset, int size)
        {
            ulong v = offset switch
            {
                0x00 => _pmsts,
                0x02 => _pmen,
                0x04 => _pmcntrl,
                0x08 => PmTimer,
                _ => 0,
            };
            if (offset is 0x01 or 0x03 or 0x05) v = ReadPort(offset - 1, 2) >> 8;
            return v;
        }

        /// <summary>The 24-bit ACPI power-management timer at 3.579545 MHz.</summary>
        private uint PmTimer => (uint)((UInt128)(ulong)_owner._scheduler.Current * 3_579_545 / Scheduler.Frequency) & 0xFF_FFFF;

        public void WritePort(int offset, int size, ulong value)
        {
            switch (offset)
            {
                case 0x00: _pmsts &= (ushort)~value; break; // write 1 to clear
                case 0x02: _pmen = (ushort)value; break;
                case 0x04:
                    _pmcntrl = (ushort)(value & ~0x2000UL);
                    // SUS_EN with SUS_TYP 0 (soft off), as QEMU's acpi_pm1_cnt_write
                    if ((value & 0x2000) != 0 && ((value >> 10) & 7) == 0) _owner.PowerOff?.Invoke();
                    break;
            }
        }
    }

    private sealed class PicPorts(I8259.I8259 pic) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => pic.Read(offset);
        public void WritePort(int offset, int size, ulong value) => pic.Write(offset, (byte)value);
    }

    private sealed class ElcrPorts(Piix4 p) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => offset == 0 ? p.Master.Elcr : p.Slave.Elcr;
        public void WritePort(int offset, int size, ulong value)
        {
            if (offset == 0) p.Master.Elcr = (byte)value;
            else p.Slave.Elcr = (byte)value;
        }
    }

    private sealed class PitPorts(I8254.I8254 pit) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => pit.Read(offset);
        public void WritePort(int offset, int size, ulong value) => pit.Write(offset, (byte)value);
    }

    /// <summary>Port 0x61 (NMI status and control): timer 2 gate and speaker data, refresh toggle, timer 2 output.</summary>
    private sealed class PortB(Piix4 p) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size)
        {
            p._refreshToggle = !p._refreshToggle;
            return (ulong)((p.Pit.Gate2 ? 1 : 0) | (p._speakerData ? 2 : 0) | (p._refreshToggle ? 0x10 : 0) | (p.Pit.Out2 ? 0x20 : 0));
        }

        public void WritePort(int offset, int size, ulong value)
        {
            p.Pit.Gate2 = (value & 1) != 0;
            p._speakerData = (value & 2) != 0;
        }
    }

    private sealed class RtcPorts(Mc146818.Mc146818 rtc) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => rtc.Read(offset);
        public void WritePort(int offset, int size, ulong value) => rtc.Write(offset, (byte)value);
    }
}
