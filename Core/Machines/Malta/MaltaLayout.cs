namespace VzFast.Machines.Malta;

/// <summary>Physical addresses of the Malta board (Malta user's manual; QEMU hw/mips/malta.c).</summary>
public static class MaltaLayout
{
    public const ulong LowRamLimit = 256UL << 20;
    public const ulong HighRamBase = 0x8000_0000;
    public const ulong MaxRam = 2UL << 30;
    public const ulong FlashBase = 0x1E00_0000;
    public const ulong ResetBase = 0x1FC0_0000;
    public const ulong BiosSize = 4UL << 20;
    public const ulong FpgaBase = 0x1F00_0000;
    public const ulong FpgaUartOffset = 0x900;
    public const ulong GtInitialBase = 0x1400_0000;
    /// <summary>Physical addresses below this that no device decodes read 0 and ignore writes (measured on QEMU); above, bus error.</summary>
    public const ulong QuietHoleLimit = 0x2000_0000;
    /// <summary>The YAMON argument/environment table.</summary>
    public const ulong EnvPhysical = 0x2000;
    public const ulong EnvVirtual = 0xFFFF_FFFF_8000_2000;
    public const int EnvEntries = 16;
    public const int EnvEntrySize = 256;
    public const int Com1Port = 0x3F8, Com2Port = 0x2F8;
    /// <summary>The CBUS UART in the FPGA interrupts the CPU directly on IP4.</summary>
    public const int CbusUartIrq = 4;
    /// <summary>The PIIX4's 8259 pair interrupts the CPU on IP2.</summary>
    public const int I8259Irq = 2;
    /// <summary>PCI device number of the PIIX4 (slot 10, as QEMU's Malta places it).</summary>
    public const int Piix4Device = 10;
    /// <summary>PCI device number of the Cirrus VGA: the board's first PCI slot (slot 18 in Linux's Malta IRQ table).</summary>
    public const int VgaDevice = 18;
    public const int Com1Isa = 4, Com2Isa = 3, KeyboardIsa = 1, MouseIsa = 12;
    /// <summary>The RTC's time at power-on unless -rtc says otherwise: fixed, so runs repeat.</summary>
    public static readonly DateTimeOffset DefaultRtcStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
