using VzFast.Devices.IsaBus;
using VzFast.Devices.Pci;
using VzFast.Devices.Piix4;
using VzFast.Scheduling;

namespace VzFast.Tests.Devices;

public class Piix4Tests
{
    private const int Device = 10; // as on QEMU's Malta
    private static uint Cfg(int function, int reg) => (uint)(Device << 11 | function << 8 | reg);

    private static (Piix4 P, IsaIoBus Io, PciBus Pci) Board()
    {
        var io = new IsaIoBus();
        var pci = new PciBus();
        var p = new Piix4(new Scheduler(), io, pci, Device, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (p, io, pci);
    }

    [Fact]
    public void PciIdentity_IsaBridgeAndPowerManagement()
    {
        var (_, _, pci) = Board();
        Assert.Equal(0x7110_8086u, pci.Read(Cfg(0, 0), 0, 4));
        Assert.Equal(0x80u, pci.Read(Cfg(0, 0x0C), 2, 1)); // multi-function
        Assert.Equal(0x0601u, pci.Read(Cfg(0, 0x08), 2, 2)); // ISA bridge class
        Assert.Equal(0x7113_8086u, pci.Read(Cfg(3, 0), 0, 4));
        Assert.Null(pci.Read(Cfg(1, 0), 0, 4)); // IDE is not modelled: master abort
        pci.Write(Cfg(0, 0), 0, 4, 0x1234_5678); // IDs are read-only
        Assert.Equal(0x7110_8086u, pci.Read(Cfg(0, 0), 0, 4));
    }

    [Fact]
    public void PowerManagement_SoftOffThroughPmcntrl_AtPmba()
    {
        var (p, io, pci) = Board();
        bool off = false;
        p.PowerOff = () => off = true;
        pci.Write(Cfg(3, 0x40), 0, 4, 0x1001);  // PMBA = 0x1000
        Assert.Equal(0xFFUL, io.Read(0x1004, 1)); // not decoded until PMIOSE
        pci.Write(Cfg(3, 0x80), 0, 1, 1);       // PMREGMISC.PMIOSE
        io.Write(0x1004, 2, 0x1400);            // SUS_TYP 5 without SUS_EN: nothing
        Assert.False(off);
        io.Write(0x1004, 2, 0x2000);            // SUS_EN, SUS_TYP 0: soft off (Linux's piix4_poweroff)
        Assert.True(off);
    }

    [Fact]
    public void PmTimer_CountsAt3_58MHz()
    {
        var io = new IsaIoBus();
        var pci = new PciBus();
        var s = new Scheduler();
        _ = new Piix4(s, io, pci, Device, DateTimeOffset.UnixEpoch);
        pci.Write(Cfg(3, 0x40), 0, 4, 0x1001);
        pci.Write(Cfg(3, 0x80), 0, 1, 1);
        uint t0 = (uint)io.Read(0x1008, 4);
        s.AdvanceTo(Scheduler.Frequency / 10);
        uint t1 = (uint)io.Read(0x1008, 4);
        Assert.InRange((int)(t1 - t0), 357_900, 358_000);
    }

    [Fact]
    public void PicPair_CascadesIrq8ThroughIr2_AndAcknowledgeGivesSlaveVector()
    {
        var (p, io, _) = Board();
        var intr = new List<bool>();
        p.Intr = intr.Add;
        foreach (var (port, v) in new (int, byte)[] { (0x20, 0x11), (0x21, 0x00), (0x21, 0x04), (0x21, 0x01), (0x21, 0x00),
                                                      (0xA0, 0x11), (0xA1, 0x08), (0xA1, 0x02), (0xA1, 0x01), (0xA1, 0x00) })
            io.Write((ulong)port, 1, v);
        p.SetIrq(8, true);
        Assert.Equal([true], intr);
        Assert.Equal(0x08, p.Acknowledge());
    }

    [Fact]
    public void Elcr_ReadsBackWithinItsMask()
    {
        var (_, io, _) = Board();
        io.Write(0x4D0, 1, 0xFF);
        io.Write(0x4D1, 1, 0xFF);
        Assert.Equal(0xF8UL, io.Read(0x4D0, 1)); // IRQ 0-2 are edge only
        Assert.Equal(0xDEUL, io.Read(0x4D1, 1)); // IRQ 8 and 13 too
    }

    [Fact]
    public void DmaControllers_AreAtTheirPorts()
    {
        var (p, io, _) = Board();
        io.Write(0x0E, 1, 0);
        Assert.False(p.Dma.Masked(3));
        io.Write(0x87, 1, 0x42);
        Assert.Equal(0x42UL, io.Read(0x87, 1));
    }
}
