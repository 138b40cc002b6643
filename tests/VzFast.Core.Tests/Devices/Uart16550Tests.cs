using VzFast.Devices.Uart16550;
using VzFast.Scheduling;

namespace VzFast.Tests.Devices;

public class Uart16550Tests
{
    private const int Rbr = 0, Ier = 1, Iir = 2, Fcr = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;

    [Fact]
    public void ResetState_MatchesQemu()
    {
        var u = new Uart16550("t");
        Assert.Equal(0x01, u.Read(Iir));
        Assert.Equal(0x60, u.Read(Lsr));
        Assert.Equal(0x08, u.Read(Mcr));
        Assert.Equal(0xB0, u.Read(Msr));
    }

    [Fact]
    public void Transmit_GoesOutAtOnce_AndRaisesThri()
    {
        var u = new Uart16550("t");
        var sent = new List<byte>();
        bool irq = false;
        u.Output = sent.Add;
        u.Irq = l => irq = l;
        u.Write(Ier, 0x02);
        Assert.True(irq);                // THR empty and THRI enabled
        Assert.Equal(0x02, u.Read(Iir)); // reading IIR acknowledges THRI
        Assert.False(irq);
        u.Write(Rbr, (byte)'A');
        Assert.Equal("A"u8.ToArray(), sent);
        Assert.True(irq);
    }

    [Fact]
    public void Receive_FillsTheFifo_AndRdiRespectsTheTrigger()
    {
        var sched = new Scheduler();
        var u = new Uart16550("t", sched);
        bool irq = false;
        u.Irq = l => irq = l;
        u.Write(Fcr, 0x41); // FIFO on, trigger 4
        u.Write(Ier, 0x01);
        u.Receive(1); u.Receive(2); u.Receive(3);
        Assert.False(irq);
        Assert.Equal(1, u.Read(Lsr) & 1);
        u.Receive(4);
        Assert.True(irq);
        Assert.Equal(0xC4, u.Read(Iir));
        Assert.Equal(1, u.Read(Rbr));
        Assert.Equal(2, u.Read(Rbr));
        Assert.False(irq); // below the trigger again: waits for the character timeout
        sched.AdvanceTo(long.MaxValue / 2);
        sched.FireDue();
        Assert.True(irq);
        Assert.Equal(0xCC, u.Read(Iir));
        Assert.Equal(3, u.Read(Rbr));
        Assert.Equal(4, u.Read(Rbr));
        Assert.Equal(0, u.Read(Lsr) & 1);
        Assert.False(irq);
    }

    [Fact]
    public void Overrun_SetsOe_UntilLsrIsRead()
    {
        var u = new Uart16550("t");
        u.Receive(1);
        u.Receive(2); // no FIFO: one holding register
        Assert.Equal(0x02, u.Read(Lsr) & 0x02);
        Assert.Equal(0, u.Read(Lsr) & 0x02);
        Assert.False(u.CanReceive);
    }

    [Fact]
    public void Loopback_ReturnsTransmittedBytes_AndMirrorsModemLines()
    {
        var u = new Uart16550("t");
        var sent = new List<byte>();
        u.Output = sent.Add;
        u.Write(Mcr, 0x1F);
        Assert.Equal(0xF0, u.Read(Msr));
        u.Write(Rbr, 0x5A);
        Assert.Empty(sent);
        Assert.Equal(0x5A, u.Read(Rbr));
    }

    [Fact]
    public void DivisorLatch_IsBehindDlab()
    {
        var u = new Uart16550("t");
        u.Write(Lcr, 0x83);
        u.Write(0, 0x01);
        u.Write(1, 0x00);
        Assert.Equal(0x01, u.Read(0));
        u.Write(Lcr, 0x03);
        u.Write(Scr, 0x77);
        Assert.Equal(0x77, u.Read(Scr));
        Assert.Equal(0x00, u.Read(Ier));
    }
}
