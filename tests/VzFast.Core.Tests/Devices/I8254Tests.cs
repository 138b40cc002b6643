using VzFast.Devices.I8254;
using VzFast.Scheduling;

namespace VzFast.Tests.Devices;

public class I8254Tests
{
    /// <summary>Runs the scheduler's events up to <paramref name="until"/>.</summary>
    private static void RunTo(Scheduler s, long until)
    {
        while (s.NextDue <= until)
        {
            s.AdvanceTo(s.NextDue);
            s.FireDue();
        }
        s.AdvanceTo(until);
    }

    [Fact]
    public void Mode2_At100Hz_Gives100Irq0EdgesPerSecond()
    {
        var s = new Scheduler();
        int rises = 0;
        var pit = new I8254(s) { Irq0 = level => { if (level) rises++; } };
        pit.Write(3, 0x34);          // counter 0, LSB then MSB, mode 2, binary (Linux's setup_pit_timer)
        pit.Write(0, 11932 & 0xFF);  // LATCH for HZ=100
        pit.Write(0, 11932 >> 8);
        int before = rises;
        RunTo(s, Scheduler.Frequency);
        Assert.InRange(rises - before, 99, 101);
    }

    [Fact]
    public void Mode0_OutRisesOnceAtTerminalCount()
    {
        var s = new Scheduler();
        var levels = new List<bool>();
        var pit = new I8254(s) { Irq0 = levels.Add };
        pit.Write(3, 0x30); // counter 0, mode 0
        pit.Write(0, 0xE8); // 1000 ticks
        pit.Write(0, 0x03);
        long tick = Scheduler.Frequency / I8254.InputHz;
        RunTo(s, 990 * tick);
        Assert.DoesNotContain(true, levels);
        RunTo(s, 1010 * tick);
        Assert.True(levels[^1]);
        RunTo(s, Scheduler.Frequency);
        Assert.Single(levels, true);
    }

    [Fact]
    public void CounterLatch_FreezesTheCountUntilRead()
    {
        var s = new Scheduler();
        var pit = new I8254(s);
        pit.Write(3, 0x34);
        pit.Write(0, 0x00); // 65536
        pit.Write(0, 0x00);
        s.AdvanceTo(Scheduler.Frequency / 1000); // 1 ms: about 1193 ticks
        pit.Write(3, 0x00);  // latch counter 0
        s.AdvanceTo(Scheduler.Frequency / 100);
        int count = pit.Read(0) | pit.Read(0) << 8;
        Assert.InRange(65536 - count, 1190, 1196);
        int later = pit.Read(0) | pit.Read(0) << 8; // unlatched: 10 ms in
        Assert.InRange(65536 - later, 11925, 11940);
    }

    [Fact]
    public void ReadBack_LatchesStatusWithModeAndAccess()
    {
        var s = new Scheduler();
        var pit = new I8254(s);
        pit.Write(3, 0xB6);     // counter 2, LSB/MSB, mode 3 (the speaker)
        pit.Write(3, 0xE8);     // read-back: status only, counter 2
        byte status = pit.Read(2);
        Assert.Equal(0x36, status & 0x3F); // RW=3, mode 3, binary
        Assert.True((status & 0x40) != 0);  // null count: nothing loaded yet
    }

    [Fact]
    public void Counter2Gate_ControlsSpeakerOutput()
    {
        var s = new Scheduler();
        var pit = new I8254(s);
        pit.Write(3, 0xB0);      // counter 2, mode 0
        pit.Write(2, 100);
        pit.Write(2, 0);
        pit.Gate2 = true;
        Assert.False(pit.Out2);
        s.AdvanceTo(200 * (Scheduler.Frequency / I8254.InputHz));
        Assert.True(pit.Out2);
    }
}
