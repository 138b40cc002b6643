using VzFast.Cpu;
using VzFast.Devices.CirrusVga;
using VzFast.Devices.Gt64120;
using VzFast.Devices.I8042;
using VzFast.Devices.Piix4;
using VzFast.Devices.IsaBus;
using VzFast.Devices.MaltaFpga;
using VzFast.Devices.Uart16550;
using VzFast.Loading;
using VzFast.Memory;

namespace VzFast.Machines.Malta;

/// <summary>
/// The MIPS Malta board as QEMU models it (hw/mips/malta.c), bare-metal subset: RAM at 0 (the
/// first 256 MiB) and at 0x80000000 (all of it), the boot ROM at 0x1fc00000 with a flash alias
/// at 0x1e000000, the GT-64120 registers, the PCI I/O window with the Super I/O 16550s at
/// 0x3f8/0x2f8, the FPGA registers with the CBUS UART. A kernel ELF is loaded as QEMU loads it
/// and entered through the boot stub with the YAMON argument table.
/// </summary>
public sealed class Malta : Machine
{
    private readonly MaltaOptions _options;
    private readonly PhysicalMemory _ram;
    private readonly PhysicalMemory _rom;
    private readonly CpuCore _cpu;
    private MemoryRegion _gtRegion;
    private MemoryRegion? _isaRegion;

    public override CpuCore Cpu => _cpu;
    public ulong RamLowSize { get; }
    public Uart16550 Com1 { get; }
    public Uart16550 Com2 { get; }
    public Uart16550 CbusUart { get; }
    public MaltaFpga Fpga { get; } = new();
    public Gt64120 Gt { get; } = new();
    public IsaIoBus Isa { get; } = new();
    public Piix4 SouthBridge { get; }
    public I8042 Keyboard { get; } = new();
    /// <summary>The Cirrus VGA, unless the board was built without one.</summary>
    public CirrusVga? Vga { get; }
    private MemoryRegion? _vgaLinear, _vgaMmio;
    public LoadedImage Kernel { get; private set; } = null!;

    public Malta(MaltaOptions options)
    {
        _options = options;
        if (options.RamBytes < (16UL << 20) || options.RamBytes > MaltaLayout.MaxRam || (options.RamBytes & 0xFFFFF) != 0)
            throw new GuestImageException($"Malta RAM must be a whole number of MiB between 16 MiB and 2048 MiB (asked for {DescribeSize(options.RamBytes)})");
        _ram = new PhysicalMemory(options.RamBytes);
        _rom = new PhysicalMemory(MaltaLayout.BiosSize);
        RamLowSize = Math.Min(options.RamBytes, MaltaLayout.LowRamLimit);
        Bus.QuietHoleLimit = MaltaLayout.QuietHoleLimit;
        Bus.MapRam("ram-low", 0, _ram, 0, RamLowSize);
        Bus.MapRam("ram", MaltaLayout.HighRamBase, _ram, 0, options.RamBytes);
        if (options.RamBytes > 512UL << 20)
            Bus.MapRam("ram-post-io", 512UL << 20, _ram, 512UL << 20, options.RamBytes - (512UL << 20));
        Bus.MapRam("flash", MaltaLayout.FlashBase, _rom, 0, MaltaLayout.BiosSize, readOnly: true);
        Bus.MapRam("bios", MaltaLayout.ResetBase, _rom, 0, MaltaLayout.BiosSize, readOnly: true);

        _cpu = CreateCpu(options.Cpu, options.Accel);
        _cpu.Engine = options.Engine;

        Com1 = new Uart16550("com1", Scheduler);
        Com2 = new Uart16550("com2", Scheduler);
        CbusUart = new Uart16550("cbus-uart", Scheduler) { Irq = level => SetIrqLine(MaltaLayout.CbusUartIrq, level) };
        if (Vcpu != null) Vcpu.HypercallConsole = b => Com1.Output?.Invoke(b);
        Isa.Attach(MaltaLayout.Com1Port, 8, new UartIoPorts(Com1));
        Isa.Attach(MaltaLayout.Com2Port, 8, new UartIoPorts(Com2));

        SouthBridge = new Piix4(Scheduler, Isa, Gt.Pci, MaltaLayout.Piix4Device, options.RtcStart)
        {
            Intr = level => SetIrqLine(MaltaLayout.I8259Irq, level),
            PowerOff = () => RequestExit(StopReason.Shutdown, 0, "the guest powered the board off"),
        };
        SouthBridge.Rtc.IdleUntil = SkipIdleTo;
        Gt.InterruptAcknowledge = () => SouthBridge.Acknowledge();
        Com1.Irq = level => SouthBridge.SetIrq(MaltaLayout.Com1Isa, level);
        Com2.Irq = level => SouthBridge.SetIrq(MaltaLayout.Com2Isa, level);
        Keyboard.Irq1 = level => SouthBridge.SetIrq(MaltaLayout.KeyboardIsa, level);
        Keyboard.Irq12 = level => SouthBridge.SetIrq(MaltaLayout.MouseIsa, level);
        Keyboard.ResetRequested = RequestGuestReset;
        Isa.Attach(0x60, 1, new KeyboardPorts(Keyboard, 0));
        Isa.Attach(0x64, 1, new KeyboardPorts(Keyboard, 4));

        if (options.Vga)
        {
            Vga = new CirrusVga();
            Vga.MappingChanged = MapVgaBars;
            Gt.Pci.Attach(MaltaLayout.VgaDevice, 0, Vga);
            Isa.Attach(0x3C0, 32, Vga.Ports);
        }

        Bus.MapMmio("fpga", MaltaLayout.FpgaBase, MaltaLayout.FpgaUartOffset, Fpga);
        Bus.MapMmio("cbus-uart", MaltaLayout.FpgaBase + MaltaLayout.FpgaUartOffset, 8 << 3, new UartMmio(CbusUart, 3));
        Bus.MapMmio("fpga-hi", MaltaLayout.FpgaBase + 0xA00, 0x10_0000 - 0xA00, new OffsetWindow(Fpga, 0xA00));
        Fpga.ResetRequested = RequestGuestReset;

        _gtRegion = Bus.MapMmio("gt64120", MaltaLayout.GtInitialBase, 0x1000, Gt);
        Gt.RegistersMoved = MoveGtRegisters;
        Gt.PciIoWindowMoved = MovePciIoWindow;
        MovePciIoWindow(Gt.PciIoWindow.Base, Gt.PciIoWindow.Length);

        LoadBootImages();
        ResetCpu();
    }

    /// <summary>Writes the kernel, initrd, YAMON table and boot stub, as QEMU's load_kernel and write_bootloader.</summary>
    private void LoadBootImages()
    {
        Kernel = _options.KernelImage != null
            ? ElfLoader.Load(_options.KernelImage, _options.KernelPath, Bus, KsegToPhysical)
            : ElfLoader.Load(_options.KernelPath, Bus, KsegToPhysical);
        if (Kernel.HighPhysical > RamLowSize)
            throw new GuestImageException($"'{_options.KernelPath}' does not fit in the {RamLowSize >> 20} MiB of low RAM");
        string commandLine = _options.CommandLine;
        if (_options.InitrdPath != null)
        {
            if (!File.Exists(_options.InitrdPath)) throw new GuestImageException($"cannot open initrd '{_options.InitrdPath}': no such file");
            var initrd = File.ReadAllBytes(_options.InitrdPath);
            ulong offset = (RamLowSize - ((ulong)initrd.Length + (128UL << 10))) & ~0xFFFUL;
            if ((ulong)initrd.Length + (128UL << 10) > RamLowSize || Kernel.HighPhysical >= offset)
                throw new GuestImageException($"memory too small for the initial RAM disk '{_options.InitrdPath}' ({initrd.Length} bytes)");
            Bus.TryWriteRam(offset, initrd);
            commandLine = $"rd_start=0x{0xFFFF_FFFF_8000_0000UL + offset:x} rd_size={initrd.Length} {commandLine}";
        }
        var env = YamonEnvironment.Build(_options.KernelName ?? _options.KernelPath, commandLine, RamLowSize, _options.RamBytes, _options.RngSeedHex);
        Bus.TryWriteRam(MaltaLayout.EnvPhysical, env);
        var stub = MaltaBootStub.Build(Kernel.Entry, RamLowSize);
        stub.CopyTo(_rom.Slice(0, stub.Length));
        BitConverter.TryWriteBytes(_rom.Slice(0x10, 4), 0x0000_0420u); // board ID: Malta with CoreLV
    }

    private static string DescribeSize(ulong bytes) =>
        bytes % (1UL << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : $"{bytes} bytes";

    /// <summary>QEMU's cpu_mips_kseg0_to_phys for ELF segment addresses.</summary>
    private static ulong KsegToPhysical(ulong address) => address & 0x1FFF_FFFFUL;

    private void ResetCpu()
    {
        ResetProcessor();
        // With -kernel QEMU's main_cpu_reset clears Status.ERL: the stub runs with BEV only
        WriteGuestCp0(VzFast.Cp0.Cp0Table.Status, ReadGuestCp0(VzFast.Cp0.Cp0Table.Status) & ~VzFast.Cp0.Status.ERLMask);
    }

    public override void Reset()
    {
        Com1.Reset();
        Com2.Reset();
        CbusUart.Reset();
        Fpga.Reset();
        Gt.Reset();
        SouthBridge.Reset();
        Keyboard.Reset();
        if (Vga != null)
        {
            Vga.ResetConfig();
            Vga.Reset();
            MapVgaBars();
        }
        MoveGtRegisters(Gt.RegistersBase);
        MovePciIoWindow(Gt.PciIoWindow.Base, Gt.PciIoWindow.Length);
        LoadBootImages();
        ResetCpu();
    }

    private void MoveGtRegisters(ulong newBase)
    {
        if (newBase == _gtRegion.Start) return;
        Bus.Unmap(_gtRegion);
        _gtRegion = Bus.MapMmio("gt64120", newBase, 0x1000, Gt);
    }

    /// <summary>The VGA's BARs where the guest put them, while memory decoding is on (PCI bus addresses are physical on Malta).</summary>
    private void MapVgaBars()
    {
        if (_vgaLinear != null) Bus.Unmap(_vgaLinear);
        if (_vgaMmio != null) Bus.Unmap(_vgaMmio);
        _vgaLinear = _vgaMmio = null;
        if (Vga is not { MemoryEnabled: true } vga) return;
        var (linear, linearSize) = vga.Bar(0);
        var (mmio, mmioSize) = vga.Bar(1);
        if (linear != 0 && Bus.IsFree(linear, linearSize)) _vgaLinear = Bus.MapMmio("cirrus-linear", linear, linearSize, vga.Linear);
        if (mmio != 0 && Bus.IsFree(mmio, mmioSize)) _vgaMmio = Bus.MapMmio("cirrus-mmio", mmio, mmioSize, vga.Mmio);
    }

    private void MovePciIoWindow(ulong start, ulong length)
    {
        if (_isaRegion != null) Bus.Unmap(_isaRegion);
        _isaRegion = length == 0 ? null : Bus.MapMmio("pci-io", start, length, Isa);
    }

    public override void Dispose()
    {
        base.Dispose();
        _ram.Dispose();
        _rom.Dispose();
    }

    private sealed class KeyboardPorts(I8042 kbc, int offset) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int o, int size) => kbc.Read(offset);
        public void WritePort(int o, int size, ulong value) => kbc.Write(offset, (byte)value);
    }

    /// <summary>Presents part of a device at an offset (the FPGA registers above its UART).</summary>
    private sealed class OffsetWindow(IMmioDevice device, ulong offset) : IMmioDevice
    {
        public ulong Read(ulong o, int size) => device.Read(o + offset, size);
        public void Write(ulong o, int size, ulong value) => device.Write(o + offset, size, value);
    }
}
