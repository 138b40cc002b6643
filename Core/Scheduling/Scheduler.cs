namespace VzFast.Scheduling;

/// <summary>
/// The fixed-step scheduler's clock and event queue. Virtual time is counted in CPU cycles
/// (one per issued instruction, plus cycles skipped while halted), so a run is reproducible.
/// The machine loop runs the CPU up to the next due event, advances the clock, fires what is due.
/// </summary>
public sealed class Scheduler
{
    /// <summary>Cycles per second of the virtual clock (the emulated CPU clock).</summary>
    public const long Frequency = 200_000_000;

    private TimedEvent[] _heap = new TimedEvent[16];
    private int _count;

    /// <summary>The clock as of the last AdvanceTo (the end of the last CPU run).</summary>
    public long Now { get; private set; }

    /// <summary>Reads the exact current time mid-run (the CPU installs itself here).</summary>
    public Func<long>? CurrentTime { get; set; }

    /// <summary>The exact current time: what devices use when they schedule from inside an instruction.</summary>
    public long Current => CurrentTime?.Invoke() ?? Now;

    /// <summary>Called when an event is scheduled before the current earliest deadline (the CPU shortens its run).</summary>
    public Action<long>? DeadlineMovedEarlier { get; set; }

    public long NextDue => _count == 0 ? long.MaxValue : _heap[0].Due;

    public static long NanosecondsToCycles(long ns) => ns / (1_000_000_000 / Frequency);

    public static long CyclesToNanoseconds(long cycles) => cycles * (1_000_000_000 / Frequency);

    public TimedEvent CreateEvent(string name, Action callback) => new(name, callback);

    public void Schedule(TimedEvent e, long due)
    {
        if (e.Pending) Remove(e);
        e.Due = due;
        if (_count == _heap.Length) Array.Resize(ref _heap, _count * 2);
        _heap[_count] = e;
        e.HeapIndex = _count++;
        SiftUp(e.HeapIndex);
        if (_heap[0] == e) DeadlineMovedEarlier?.Invoke(due);
    }

    public void Cancel(TimedEvent e)
    {
        if (e.Pending) Remove(e);
    }

    /// <summary>Moves the clock forward (never back).</summary>
    public void AdvanceTo(long now)
    {
        if (now > Now) Now = now;
    }

    /// <summary>Fires every event due at or before Now, earliest first; returns how many fired.</summary>
    public int FireDue()
    {
        int fired = 0;
        while (_count > 0 && _heap[0].Due <= Now)
        {
            var e = _heap[0];
            Remove(e);
            e.Callback();
            fired++;
        }
        return fired;
    }

    public void Clear()
    {
        for (int i = 0; i < _count; i++) _heap[i].HeapIndex = -1;
        Array.Clear(_heap, 0, _count);
        _count = 0;
    }

    public void ResetClock()
    {
        Clear();
        Now = 0;
    }

    private void Remove(TimedEvent e)
    {
        int i = e.HeapIndex;
        e.HeapIndex = -1;
        _count--;
        if (i == _count)
        {
            _heap[_count] = null!;
            return;
        }
        var last = _heap[_count];
        _heap[_count] = null!;
        _heap[i] = last;
        last.HeapIndex = i;
        SiftUp(i);
        SiftDown(last.HeapIndex);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int p = (i - 1) >> 1;
            if (_heap[p].Due <= _heap[i].Due) break;
            Swap(i, p);
            i = p;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < _count && _heap[l].Due < _heap[m].Due) m = l;
            if (r < _count && _heap[r].Due < _heap[m].Due) m = r;
            if (m == i) return;
            Swap(i, m);
            i = m;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _heap[a].HeapIndex = a;
        _heap[b].HeapIndex = b;
    }
}
