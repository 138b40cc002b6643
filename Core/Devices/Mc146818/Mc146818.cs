using VzFast.Scheduling;

namespace VzFast.Devices.Mc146818;

/// <summary>
/// The MC146818 real-time clock and CMOS RAM in the PIIX4 (MC146818A data sheet; QEMU
/// hw/rtc/mc146818rtc.c is the behavioural reference), on the virtual clock: time and alarm in BCD
/// or binary, 12/24 hour, the once-a-second update with UIP high for the 244 us before it, the
/// periodic, alarm and update-ended interrupts on IRQ 8 with register C's flags, and 256 bytes of
/// CMOS RAM (ports 0x70/0x71 and the PIIX4's upper bank at 0x72/0x73).
/// </summary>
public sealed class Mc146818
{
    private const byte RegA = 10, RegB = 11, RegC = 12, RegD = 13;
    private const byte AUip = 0x80, BSet = 0x80, BPie = 0x40, BAie = 0x20, BUie = 0x10, BDm = 0x04, B24h = 0x02;
    private const byte CIrqf = 0x80, CPf = 0x40, CAf = 0x20, CUf = 0x10;
    private static readonly long Second = Scheduler.Frequency;
    private static readonly long UipWindow = Scheduler.NanosecondsToCycles(244_000);

    private readonly byte[] _cmos = new byte[256];
    private readonly Scheduler _scheduler;
    private readonly TimedEvent _irqEvent;
    private int _index, _indexHigh;
    /// <summary>Unix seconds at virtual time 0 (moved when the guest sets the clock).</summary>
    private long _baseSeconds;
    /// <summary>Register C flags as of <see cref="_flagsTime"/>.</summary>
    private byte _flags;
    private long _flagsTime;
    private bool _irq;
    private long _pollStreak, _lastPollTime = long.MinValue;
    private byte _lastPollValue;

    /// <summary>IRQ 8.</summary>
    public Action<bool>? Irq { get; set; }

    /// <summary>
    /// A tight loop polling register A for a UIP edge gets the clock moved on to that edge (the
    /// machine adds idle cycles), as if the CPU had spun until then; deterministic, and the kernel's
    /// Count-against-RTC calibration still measures one virtual second.
    /// </summary>
    public Action<long>? IdleUntil { get; set; }

    public Mc146818(Scheduler scheduler, DateTimeOffset start)
    {
        _scheduler = scheduler;
        _irqEvent = scheduler.CreateEvent("mc146818-irq", UpdateIrq);
        _baseSeconds = start.ToUnixTimeSeconds();
        Reset();
    }

    public void Reset()
    {
        _cmos[RegA] = 0x26;           // 32.768 kHz time base, 1024 Hz periodic rate
        _cmos[RegB] = B24h;           // BCD, 24-hour
        _cmos[RegC] = 0;
        _cmos[RegD] = 0x80;           // valid RAM and time
        _flags = 0;
        _flagsTime = Now;
        _index = _indexHigh = 0;
        SetIrq(false);
        Reschedule();
    }

    private long Now => _scheduler.Current;

    private bool Running => (_cmos[RegA] & 0x70) == 0x20 && (_cmos[RegB] & BSet) == 0;

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(_baseSeconds + Now / Second);

    /// <summary>Port offset 0 = 0x70, 1 = 0x71, 2 = 0x72, 3 = 0x73.</summary>
    public byte Read(int port) => port switch
    {
        0 => (byte)_index,
        1 => ReadRegister(_index),
        2 => (byte)_indexHigh,
        _ => _cmos[0x80 | _indexHigh],
    };

    public void Write(int port, byte value)
    {
        switch (port)
        {
            case 0: _index = value & 0x7F; break; // bit 7 masks NMI
            case 1: WriteRegister(_index, value); break;
            case 2: _indexHigh = value & 0x7F; break;
            default: _cmos[0x80 | _indexHigh] = value; break;
        }
    }

    private byte ReadRegister(int r)
    {
        switch (r)
        {
            case <= 9:
                if (Running) return TimeField(r);
                return _cmos[r];
            case RegA:
            {
                long now = Now;
                byte v = (byte)(_cmos[RegA] & 0x7F);
                if (Running && now % Second >= Second - UipWindow) v |= AUip;
                NotePoll(now, v);
                return v;
            }
            case RegC:
            {
                byte v = CurrentFlags();
                _flags = 0;
                _flagsTime = Now;
                SetIrq(false);
                Reschedule();
                return v;
            }
            default:
                return _cmos[r];
        }
    }

    private void NotePoll(long now, byte value)
    {
        if (value == _lastPollValue && now - _lastPollTime < 4096) _pollStreak++;
        else _pollStreak = 0;
        _lastPollValue = value;
        _lastPollTime = now;
        if (_pollStreak < 32 || IdleUntil == null || !Running) return;
        // the next UIP change: its rise at the end of this second, or its fall at the boundary
        long inSecond = now % Second;
        long next = inSecond < Second - UipWindow ? now - inSecond + Second - UipWindow : now - inSecond + Second;
        _pollStreak = 0;
        IdleUntil(next);
    }

    private void WriteRegister(int r, byte value)
    {
        switch (r)
        {
            case <= 9:
                if (!Running)
                {
                    _cmos[r] = value;
                    return;
                }
                // writing a time field while running: set it at once (QEMU does the same)
                LatchTime();
                _cmos[r] = value;
                StoreTime();
                return;
            case RegA:
                _cmos[RegA] = (byte)((value & 0x7F) | (_cmos[RegA] & AUip));
                _cmos[RegA] &= 0x7F;
                Reschedule();
                return;
            case RegB:
            {
                bool wasSet = (_cmos[RegB] & BSet) != 0;
                if (!wasSet && (value & BSet) != 0) LatchTime(); // freeze the time in the registers
                _cmos[RegB] = (value & BSet) != 0 ? (byte)(value & ~BUie) : value;
                if (wasSet && (value & BSet) == 0) StoreTime();
                UpdateIrq();
                Reschedule();
                return;
            }
            case RegC:
            case RegD:
                return; // read-only
            default:
                _cmos[r] = value;
                return;
        }
    }

    private bool Binary => (_cmos[RegB] & BDm) != 0;

    private byte Encode(int v) => Binary ? (byte)v : (byte)((v / 10 << 4) | (v % 10));

    private int Decode(byte v) => Binary ? v : (v >> 4) * 10 + (v & 15);

    private byte TimeField(int r)
    {
        var t = Time.UtcDateTime;
        return r switch
        {
            0 => Encode(t.Second),
            2 => Encode(t.Minute),
            4 => EncodeHour(t.Hour),
            6 => (byte)((int)t.DayOfWeek + 1),
            7 => Encode(t.Day),
            8 => Encode(t.Month),
            9 => Encode(t.Year % 100),
            _ => _cmos[r], // alarms
        };
    }

    private byte EncodeHour(int h)
    {
        if ((_cmos[RegB] & B24h) != 0) return Encode(h);
        int h12 = h % 12 == 0 ? 12 : h % 12;
        return (byte)(Encode(h12) | (h >= 12 ? 0x80 : 0));
    }

    private int DecodeHour(byte v)
    {
        if ((_cmos[RegB] & B24h) != 0) return Decode(v);
        int h = Decode((byte)(v & 0x7F)) % 12;
        return (v & 0x80) != 0 ? h + 12 : h;
    }

    /// <summary>Copies the running time into the time registers.</summary>
    private void LatchTime()
    {
        foreach (int r in (int[])[0, 2, 4, 6, 7, 8, 9]) _cmos[r] = TimeField(r);
    }

    /// <summary>Makes the clock run from the time registers (century 20xx, as QEMU's base year).</summary>
    private void StoreTime()
    {
        try
        {
            var t = new DateTime(2000 + Decode(_cmos[9]), Math.Clamp(Decode(_cmos[8]), 1, 12), 1, DecodeHour(_cmos[4]) % 24,
                Decode(_cmos[2]) % 60, Decode(_cmos[0]) % 60, DateTimeKind.Utc).AddDays(Math.Max(1, Decode(_cmos[7])) - 1);
            _baseSeconds = new DateTimeOffset(t).ToUnixTimeSeconds() - Now / Second;
        }
        catch (ArgumentOutOfRangeException)
        {
            // nonsense written by the guest: the clock keeps its time, as a real part keeps counting
        }
    }

    /// <summary>Periodic interrupt period in cycles for rate select RS (0 = off).</summary>
    private long PeriodicCycles
    {
        get
        {
            int rs = _cmos[RegA] & 15;
            if (rs == 0 || (_cmos[RegA] & 0x70) != 0x20) return 0;
            if (rs <= 2) rs += 7;
            return Second * (1L << (rs - 1)) / 32768;
        }
    }

    /// <summary>Register C's flags now: events since they were last read (the part counts whether or not interrupts are enabled).</summary>
    private byte CurrentFlags()
    {
        long now = Now;
        byte f = _flags;
        long p = PeriodicCycles;
        if (p > 0 && now / p != _flagsTime / p) f |= CPf;
        if (Running && now / Second != _flagsTime / Second)
        {
            f |= CUf;
            if (AlarmMatchedBetween(_flagsTime, now)) f |= CAf;
        }
        byte enabled = (byte)(_cmos[RegB] & (BPie | BAie | BUie));
        if ((f & enabled & (CPf | CAf | CUf)) != 0) f |= CIrqf;
        return f;
    }

    private bool AlarmMatchedBetween(long from, long to)
    {
        // check each second boundary crossed, at most a day's worth
        long first = from / Second + 1, last = to / Second;
        for (long s = Math.Max(first, last - 86400); s <= last; s++)
        {
            var t = DateTimeOffset.FromUnixTimeSeconds(_baseSeconds + s).UtcDateTime;
            if (AlarmField(1, t.Second) && AlarmField(3, t.Minute) && AlarmHour(t.Hour)) return true;
        }
        return false;
    }

    private bool AlarmField(int r, int v) => (_cmos[r] & 0xC0) == 0xC0 || Decode(_cmos[r]) == v;

    private bool AlarmHour(int h) => (_cmos[5] & 0xC0) == 0xC0 || DecodeHour(_cmos[5]) == h;

    private void UpdateIrq()
    {
        _flags = CurrentFlags();
        _flagsTime = Now;
        SetIrq((_flags & CIrqf) != 0);
        Reschedule();
    }

    private void SetIrq(bool level)
    {
        if (level == _irq) return;
        _irq = level;
        Irq?.Invoke(level);
    }

    /// <summary>Schedules the next moment an enabled interrupt could assert (nothing when none is enabled or one is pending).</summary>
    private void Reschedule()
    {
        if (_irq || (_cmos[RegB] & (BPie | BAie | BUie)) == 0)
        {
            _scheduler.Cancel(_irqEvent);
            return;
        }
        long now = Now, next = long.MaxValue;
        long p = PeriodicCycles;
        if ((_cmos[RegB] & BPie) != 0 && p > 0) next = (now / p + 1) * p;
        if ((_cmos[RegB] & (BUie | BAie)) != 0 && Running) next = Math.Min(next, (now / Second + 1) * Second);
        if (next == long.MaxValue) _scheduler.Cancel(_irqEvent);
        else _scheduler.Schedule(_irqEvent, next);
    }
}
