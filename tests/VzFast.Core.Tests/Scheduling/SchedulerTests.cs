using VzFast.Scheduling;

namespace VzFast.Tests.Scheduling;

public class SchedulerTests
{
    [Fact]
    public void EventsFireInDueOrder_AndOnlyWhenDue()
    {
        var s = new Scheduler();
        var log = new List<string>();
        var a = s.CreateEvent("a", () => log.Add("a"));
        var b = s.CreateEvent("b", () => log.Add("b"));
        var c = s.CreateEvent("c", () => log.Add("c"));
        s.Schedule(a, 300);
        s.Schedule(b, 100);
        s.Schedule(c, 200);
        Assert.Equal(100, s.NextDue);
        s.AdvanceTo(150);
        Assert.Equal(1, s.FireDue());
        s.AdvanceTo(1000);
        s.FireDue();
        Assert.Equal(["b", "c", "a"], log);
        Assert.Equal(long.MaxValue, s.NextDue);
    }

    [Fact]
    public void Rescheduling_MovesTheEvent_AndCancelRemovesIt()
    {
        var s = new Scheduler();
        int fired = 0;
        var e = s.CreateEvent("e", () => fired++);
        s.Schedule(e, 100);
        s.Schedule(e, 500);
        s.AdvanceTo(200);
        s.FireDue();
        Assert.Equal(0, fired);
        s.Cancel(e);
        s.AdvanceTo(1000);
        s.FireDue();
        Assert.Equal(0, fired);
        Assert.False(e.Pending);
    }

    [Fact]
    public void AnEarlierDeadline_IsReported()
    {
        var s = new Scheduler();
        long reported = -1;
        s.DeadlineMovedEarlier = d => reported = d;
        s.Schedule(s.CreateEvent("x", () => { }), 500);
        Assert.Equal(500, reported);
        s.Schedule(s.CreateEvent("y", () => { }), 900);
        Assert.Equal(500, reported);
        s.Schedule(s.CreateEvent("z", () => { }), 100);
        Assert.Equal(100, reported);
    }

    [Fact]
    public void ManyEvents_KeepHeapOrder()
    {
        var s = new Scheduler();
        var rng = new Random(7);
        var fired = new List<long>();
        var events = Enumerable.Range(0, 200).Select(i => { TimedEvent? ev = null; ev = s.CreateEvent("e" + i, () => fired.Add(ev!.DueTime)); return ev; }).ToList();
        foreach (var e in events) s.Schedule(e, rng.Next(1, 10_000));
        foreach (var e in events.Where((_, i) => i % 3 == 0)) s.Schedule(e, rng.Next(1, 10_000));
        s.AdvanceTo(20_000);
        s.FireDue();
        Assert.Equal(200, fired.Count);
        Assert.Equal(fired.OrderBy(x => x), fired);
    }
}
