using VzFast.Devices.Mc146818;
using VzFast.Scheduling;

namespace VzFast.Tests.Devices;

public class Mc146818Tests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 23, 59, 58, TimeSpan.Zero);

    private static byte Reg(Mc146818 rtc, int r)
    {
        rtc.Write(0, (byte)r);
        return rtc.Read(1);
    }

    private static void SetReg(Mc146818 rtc, int r, byte v)
    {
        rtc.Write(0, (byte)r);
        rtc.Write(1, v);
    }

    [Fact]
    public void Time_InBcd_RunsOnTheVirtualClock_AcrossMidnight()
    {
        var s = new Scheduler();
        var rtc = new Mc146818(s, Start);
        Assert.Equal(0x58, Reg(rtc, 0));
        Assert.Equal(0x59, Reg(rtc, 2));
        Assert.Equal(0x23, Reg(rtc, 4));
        Assert.Equal(0x01, Reg(rtc, 7));
        Assert.Equal(0x26, Reg(rtc, 9));
        s.AdvanceTo(3 * Scheduler.Frequency);
        Assert.Equal(0x01, Reg(rtc, 0));
        Assert.Equal(0x00, Reg(rtc, 4));
        Assert.Equal(0x02, Reg(rtc, 7));
    }

    [Fact]
    public void BinaryAnd12HourModes()
    {
        var s = new Scheduler();
        var rtc = new Mc146818(s, Start);
        SetReg(rtc, 11, 0x04); // binary, 12-hour
        Assert.Equal(58, Reg(rtc, 0));
        Assert.Equal(0x80 | 11, Reg(rtc, 4)); // 11 PM
    }

    [Fact]
    public void SetBit_FreezesTime_AndWritingFieldsSetsTheClock()
    {
        var s = new Scheduler();
        var rtc = new Mc146818(s, Start);
        SetReg(rtc, 11, 0x82);            // SET, 24-hour BCD
        SetReg(rtc, 4, 0x12);
        SetReg(rtc, 2, 0x34);
        SetReg(rtc, 0, 0x56);
        s.AdvanceTo(5 * Scheduler.Frequency);
        Assert.Equal(0x56, Reg(rtc, 0)); // frozen while SET
        SetReg(rtc, 11, 0x02);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 34, 56, TimeSpan.Zero), rtc.Time);
    }

    [Fact]
    public void Uip_IsHighForTheLast244usOfEachSecond()
    {
        var s = new Scheduler();
        var rtc = new Mc146818(s, DateTimeOffset.UnixEpoch);
        s.AdvanceTo(Scheduler.Frequency / 2);
        Assert.Equal(0, Reg(rtc, 10) & 0x80);
        s.AdvanceTo(Scheduler.Frequency - Scheduler.NanosecondsToCycles(100_000));
        Assert.Equal(0x80, Reg(rtc, 10) & 0x80);
        s.AdvanceTo(Scheduler.Frequency + 10);
        Assert.Equal(0, Reg(rtc, 10) & 0x80);
    }

    [Fact]
    public void PeriodicInterrupt_RaisesIrq8_RegisterCClearsIt()
    {
        var s = new Scheduler();
        var rtc = new Mc146818(s, DateTimeOffset.UnixEpoch);
        var irq = new List<bool>();
        rtc.Irq = irq.Add;
        SetReg(rtc, 11, 0x42); // PIE, 24-hour
        while (s.NextDue <= Scheduler.Frequency / 100) { s.AdvanceTo(s.NextDue); s.FireDue(); }
        Assert.Contains(true, irq);
        byte c = Reg(rtc, 12);
        Assert.Equal(0xC0, c & 0xC0); // IRQF and PF
        Assert.False(irq[^1]);
    }

    [Fact]
    public void CmosRam_KeepsBytes_InBothBanks()
    {
        var rtc = new Mc146818(new Scheduler(), DateTimeOffset.UnixEpoch);
        SetReg(rtc, 0x40, 0xA5);
        Assert.Equal(0xA5, Reg(rtc, 0x40));
        rtc.Write(2, 0x10);
        rtc.Write(3, 0x5A);
        Assert.Equal(0x5A, rtc.Read(3));
        Assert.Equal(0xA5, Reg(rtc, 0x40));
    }
}
