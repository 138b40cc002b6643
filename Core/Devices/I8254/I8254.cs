using VzFast.Scheduling;

namespace VzFast.Devices.I8254;

/// <summary>
/// The Intel 8254 programmable interval timer in the PIIX4 (8254 data sheet; QEMU hw/timer/i8254.c
/// is the behavioural reference): three 16-bit counters at 1.193182 MHz on the virtual clock,
/// modes 0-5, binary counting, LSB/MSB/word access, counter latch and read-back. Counter 0's
/// output drives ISA IRQ 0 (through <see cref="Irq0"/>); counter 2's gate is port 0x61 bit 0.
/// </summary>
public sealed class I8254
{
    public const long InputHz = 1_193_182;

    private sealed class Counter
    {
        public int Mode, Rw, WriteState, ReadState;
        public bool Bcd, Gate = true, CountLatched, StatusLatched, NullCount;
        public ushort LatchedCount;
        public byte Status, WriteLatch;
        public int Reload = 0x10000;
        /// <summary>Virtual time (cycles) when the current count was loaded (or the gate last rose).</summary>
        public long LoadTime;
        public bool Armed; // a count has been written since the mode was set
    }

    private readonly Counter[] _c = [new(), new(), new()];
    private readonly Scheduler _scheduler;
    private readonly TimedEvent _irqEvent;
    private bool _out0;

    /// <summary>Counter 0's OUT (ISA IRQ 0).</summary>
    public Action<bool>? Irq0 { get; set; }

    public I8254(Scheduler scheduler)
    {
        _scheduler = scheduler;
        _irqEvent = scheduler.CreateEvent("i8254-out0", OnOut0Edge);
        Reset();
    }

    public void Reset()
    {
        for (int i = 0; i < 3; i++)
        {
            _c[i] = new Counter { Gate = i != 2, Mode = 3, Rw = 3, LoadTime = _scheduler.Current };
        }
        _scheduler.Cancel(_irqEvent);
        SetOut0(false);
    }

    private long Now => _scheduler.Current;

    /// <summary>Input clock ticks since the counter was loaded.</summary>
    private long Ticks(Counter c) => (long)((UInt128)(ulong)Math.Max(0, Now - c.LoadTime) * InputHz / Scheduler.Frequency);

    private long TimeOfTick(Counter c, long ticks) => c.LoadTime + (long)(((UInt128)(ulong)ticks * Scheduler.Frequency + InputHz - 1) / InputHz);

    /// <summary>The counting element now (QEMU pit_get_count).</summary>
    private int Count(Counter c)
    {
        if (!c.Armed) return 0;
        long d = Ticks(c);
        int n = c.Reload;
        return c.Mode switch
        {
            0 or 1 or 4 or 5 => (int)((n - d) & 0xFFFF),
            3 => (int)(n - ((2 * d) % n)),
            _ => (int)(n - (d % n)),
        };
    }

    /// <summary>OUT after <paramref name="d"/> input ticks since the load (8254 data sheet, figures for modes 0-5).</summary>
    private static bool OutAt(int mode, int n, long d) => mode switch
    {
        0 or 1 => d >= n,                                 // low until terminal count
        2 => d < n - 1 || d % n != n - 1,                 // low for one clock before each reload
        3 => d % n < ((n + 1) >> 1),                      // square wave: high for the first half
        _ => d != n,                                      // 4, 5: one low strobe at terminal count
    };

    private bool Out(Counter c) => !c.Armed ? c.Mode != 0 : OutAt(c.Mode, c.Reload, Ticks(c));

    /// <summary>Ticks after the load of the next OUT change after <paramref name="d"/>, or -1.</summary>
    private static long NextTransition(int mode, int n, long d)
    {
        switch (mode)
        {
            case 0:
            case 1:
                return d < n ? n : -1;
            case 2:
            {
                if (n == 1) return -1;
                long b = d / n * n;
                return d % n == n - 1 ? b + n : b + n - 1;
            }
            case 3:
            {
                long b = d / n * n, half = (n + 1) >> 1;
                return d - b < half ? b + half : b + n;
            }
            default:
                return d < n ? n : d == n ? n + 1 : -1;
        }
    }

    private void ScheduleOut0()
    {
        var c = _c[0];
        bool outNow = c.Gate || c.Mode is 0 or 4 ? Out(c) : true;
        SetOut0(outNow);
        if (!c.Armed || !(c.Gate || c.Mode is 0 or 4))
        {
            _scheduler.Cancel(_irqEvent);
            return;
        }
        long next = NextTransition(c.Mode, c.Reload, Ticks(c));
        if (next < 0) _scheduler.Cancel(_irqEvent);
        else _scheduler.Schedule(_irqEvent, Math.Max(Now + 1, TimeOfTick(c, next)));
    }

    private void OnOut0Edge() => ScheduleOut0();

    private void SetOut0(bool level)
    {
        if (level == _out0) return;
        _out0 = level;
        Irq0?.Invoke(level);
    }

    /// <summary>Counter 2's gate (port 0x61 bit 0).</summary>
    public bool Gate2
    {
        get => _c[2].Gate;
        set
        {
            var c = _c[2];
            if (value && !c.Gate && c.Mode is 1 or 2 or 3 or 5) c.LoadTime = Now; // rising gate retriggers
            c.Gate = value;
        }
    }

    /// <summary>Counter 2's OUT (port 0x61 bit 5).</summary>
    public bool Out2 => Out(_c[2]);

    /// <summary>Port offset 0..3 (0x40..0x43).</summary>
    public byte Read(int port)
    {
        if (port == 3) return 0xFF;
        var c = _c[port];
        if (c.StatusLatched)
        {
            c.StatusLatched = false;
            return c.Status;
        }
        if (c.CountLatched)
        {
            byte b;
            switch (c.ReadState)
            {
                case 1: b = (byte)c.LatchedCount; c.CountLatched = false; break;
                case 2: b = (byte)(c.LatchedCount >> 8); c.CountLatched = false; break;
                case 3: b = (byte)c.LatchedCount; c.ReadState = 4; return b;
                default: b = (byte)(c.LatchedCount >> 8); c.ReadState = 3; c.CountLatched = false; return b;
            }
            return b;
        }
        int count = Count(c);
        switch (c.ReadState)
        {
            case 1: return (byte)count;
            case 2: return (byte)(count >> 8);
            case 3: c.ReadState = 4; return (byte)count;
            default: c.ReadState = 3; return (byte)(count >> 8);
        }
    }

    public void Write(int port, byte value)
    {
        if (port == 3)
        {
            int channel = value >> 6;
            if (channel == 3)
            {
                // read-back: bit 5 = 0 latches counts, bit 4 = 0 latches status, bits 3..1 select
                for (int i = 0; i < 3; i++)
                {
                    if ((value & (2 << i)) == 0) continue;
                    var c = _c[i];
                    if ((value & 0x20) == 0) LatchCount(c);
                    if ((value & 0x10) == 0 && !c.StatusLatched)
                    {
                        c.Status = (byte)((Out(c) ? 0x80 : 0) | (c.NullCount ? 0x40 : 0) | (c.Rw << 4) | (c.Mode << 1) | (c.Bcd ? 1 : 0));
                        c.StatusLatched = true;
                    }
                }
                return;
            }
            var ch = _c[channel];
            int rw = (value >> 4) & 3;
            if (rw == 0)
            {
                LatchCount(ch);
                return;
            }
            ch.Rw = rw;
            ch.ReadState = ch.WriteState = rw;
            ch.Mode = (value >> 1) & 7;
            if (ch.Mode > 5) ch.Mode -= 4; // 6, 7 alias 2, 3
            ch.Bcd = (value & 1) != 0;
            ch.Armed = false;
            ch.NullCount = true;
            if (channel == 0) ScheduleOut0();
            return;
        }
        var cnt = _c[port];
        switch (cnt.WriteState)
        {
            case 1: Load(port, value); break;
            case 2: Load(port, value << 8); break;
            case 3: cnt.WriteLatch = value; cnt.WriteState = 4; break;
            default: Load(port, cnt.WriteLatch | (value << 8)); cnt.WriteState = 3; break;
        }
    }

    private static void LatchCount(Counter c, int count)
    {
        c.LatchedCount = (ushort)count;
        c.CountLatched = true;
        c.ReadState = c.Rw;
    }

    private void LatchCount(Counter c)
    {
        if (!c.CountLatched) LatchCount(c, Count(c));
    }

    private void Load(int channel, int value)
    {
        var c = _c[channel];
        c.Reload = value == 0 ? 0x10000 : value;
        c.LoadTime = Now;
        c.Armed = true;
        c.NullCount = false;
        if (channel == 0) ScheduleOut0();
    }
}
