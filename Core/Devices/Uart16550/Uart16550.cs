using VzFast.Scheduling;

namespace VzFast.Devices.Uart16550;

/// <summary>
/// A 16550A UART (National Semiconductor data sheet; QEMU hw/char/serial.c is the behavioural
/// reference): 16-byte receive FIFO with trigger levels and the character timeout, loopback,
/// modem status, and the interrupt priorities of IIR. Transmission is instantaneous: THR empty
/// is reported at once and bytes go to <see cref="Output"/>.
/// </summary>
public sealed class Uart16550
{
    private const byte LsrDr = 0x01, LsrOe = 0x02, LsrBi = 0x10, LsrThre = 0x20, LsrTemt = 0x40;
    private const byte IerRdi = 0x01, IerThri = 0x02, IerRlsi = 0x04, IerMsi = 0x08;
    private const byte IirNoInt = 0x01, IirMsi = 0x00, IirThri = 0x02, IirRdi = 0x04, IirRlsi = 0x06, IirCti = 0x0C;
    private const byte McrLoop = 0x10, FcrEnable = 0x01;
    private const int FifoSize = 16;

    private readonly byte[] _rx = new byte[FifoSize];
    private int _rxHead, _rxCount;
    private byte _ier, _iir = IirNoInt, _lcr, _mcr, _lsr, _msr, _scr, _fcr;
    private ushort _divisor = 12;
    private bool _thrPending, _timeoutPending;
    private readonly Scheduler? _scheduler;
    private readonly TimedEvent? _timeout;

    public string Name { get; }

    /// <summary>Receives every transmitted byte (outside loopback).</summary>
    public Action<byte>? Output { get; set; }

    /// <summary>Drives the interrupt line.</summary>
    public Action<bool>? Irq { get; set; }

    public Uart16550(string name, Scheduler? scheduler = null)
    {
        Name = name;
        _scheduler = scheduler;
        _timeout = scheduler?.CreateEvent(name + "-rx-timeout", OnRxTimeout);
        Reset();
    }

    public void Reset()
    {
        _ier = 0;
        _iir = IirNoInt;
        _lcr = 0;
        _mcr = 0x08; // OUT2, as QEMU's reset leaves it
        _lsr = LsrThre | LsrTemt;
        _msr = 0xB0; // DCD, DSR, CTS
        _scr = 0;
        _fcr = 0;
        _divisor = 12;
        _rxCount = _rxHead = 0;
        _thrPending = _timeoutPending = false;
        if (_timeout != null) _scheduler!.Cancel(_timeout);
        UpdateIrq();
    }

    /// <summary>Room for host input without overrunning the FIFO (the host side's flow control).</summary>
    public bool CanReceive => _rxCount < ((_fcr & FcrEnable) != 0 ? FifoSize : 1) && (_mcr & McrLoop) == 0;

    /// <summary>A byte arrives on the serial line.</summary>
    public void Receive(byte b)
    {
        if (_rxCount == ((_fcr & FcrEnable) != 0 ? FifoSize : 1))
        {
            _lsr |= LsrOe;
            if ((_fcr & FcrEnable) == 0) _rx[_rxHead] = b; // no FIFO: the holding register is overwritten
        }
        else
        {
            _rx[(_rxHead + _rxCount) % FifoSize] = b;
            _rxCount++;
        }
        _lsr |= LsrDr;
        RestartTimeout();
        UpdateIrq();
    }

    public byte Read(int reg)
    {
        switch (reg & 7)
        {
            case 0:
                if ((_lcr & 0x80) != 0) return (byte)_divisor;
                return ReadRbr();
            case 1:
                return (_lcr & 0x80) != 0 ? (byte)(_divisor >> 8) : _ier;
            case 2:
            {
                byte v = _iir;
                if ((v & 0x0F) == IirThri)
                {
                    _thrPending = false;
                    UpdateIrq();
                }
                return v;
            }
            case 3: return _lcr;
            case 4: return _mcr;
            case 5:
            {
                byte v = _lsr;
                if ((_lsr & (LsrBi | LsrOe)) != 0)
                {
                    _lsr &= unchecked((byte)~(LsrBi | LsrOe));
                    UpdateIrq();
                }
                return v;
            }
            case 6:
            {
                if ((_mcr & McrLoop) != 0)
                {
                    // loopback: CTS=RTS, DSR=DTR, RI=OUT1, DCD=OUT2
                    return (byte)(((_mcr & 0x0C) << 4) | ((_mcr & 0x02) << 3) | ((_mcr & 0x01) << 5));
                }
                byte v = _msr;
                if ((_msr & 0x0F) != 0)
                {
                    _msr &= 0xF0;
                    UpdateIrq();
                }
                return v;
            }
            default: return _scr;
        }
    }

    public void Write(int reg, byte value)
    {
        switch (reg & 7)
        {
            case 0:
                if ((_lcr & 0x80) != 0) { _divisor = (ushort)((_divisor & 0xFF00) | value); return; }
                Transmit(value);
                return;
            case 1:
                if ((_lcr & 0x80) != 0) { _divisor = (ushort)((_divisor & 0x00FF) | (value << 8)); return; }
                byte changed = (byte)((_ier ^ value) & 0x0F);
                _ier = (byte)(value & 0x0F);
                // enabling THRI while THR is empty raises it even if an IIR read had cleared it
                if ((changed & IerThri) != 0) _thrPending = (_ier & IerThri) != 0 && (_lsr & LsrThre) != 0;
                UpdateIrq();
                return;
            case 2:
                WriteFcr(value);
                return;
            case 3: _lcr = value; return;
            case 4: _mcr = (byte)(value & 0x1F); return;
            case 5: return; // LSR is read-only (factory test writes are ignored)
            case 6: return;
            default: _scr = value; return;
        }
    }

    private byte ReadRbr()
    {
        if (_rxCount == 0) return 0;
        byte b = _rx[_rxHead];
        _rxHead = (_rxHead + 1) % FifoSize;
        _rxCount--;
        _timeoutPending = false;
        if (_rxCount == 0)
        {
            _lsr &= unchecked((byte)~LsrDr);
            if (_timeout != null) _scheduler!.Cancel(_timeout);
        }
        else RestartTimeout();
        UpdateIrq();
        return b;
    }

    private void Transmit(byte b)
    {
        if ((_mcr & McrLoop) != 0) Receive(b);
        else Output?.Invoke(b);
        _lsr |= LsrThre | LsrTemt;
        _thrPending = true;
        UpdateIrq();
    }

    private void WriteFcr(byte value)
    {
        if (((value ^ _fcr) & FcrEnable) != 0 || (value & 0x02) != 0)
        {
            _rxCount = _rxHead = 0;
            _lsr &= unchecked((byte)~LsrDr);
            _timeoutPending = false;
            if (_timeout != null) _scheduler!.Cancel(_timeout);
        }
        _fcr = (byte)(value & 0xC9);
        _iir = (byte)((_iir & 0x0F) | ((_fcr & FcrEnable) != 0 ? 0xC0 : 0));
        UpdateIrq();
    }

    private int TriggerLevel => (_fcr >> 6) switch { 0 => 1, 1 => 4, 2 => 8, _ => 14 };

    /// <summary>Four character times at the programmed baud rate (10-bit frames), as the 16550 waits before CTI.</summary>
    private void RestartTimeout()
    {
        if (_timeout == null || (_fcr & FcrEnable) == 0) return;
        long baud = Math.Max(1, 115200 / Math.Max(1, (int)_divisor));
        long ns = 4 * 10 * 1_000_000_000L / baud;
        _scheduler!.Schedule(_timeout, _scheduler.Current + Scheduler.NanosecondsToCycles(ns));
    }

    private void OnRxTimeout()
    {
        if (_rxCount == 0) return;
        _timeoutPending = true;
        UpdateIrq();
    }

    private void UpdateIrq()
    {
        byte id;
        if ((_ier & IerRlsi) != 0 && (_lsr & (LsrOe | LsrBi)) != 0) id = IirRlsi;
        else if ((_ier & IerRdi) != 0 && _timeoutPending) id = IirCti;
        else if ((_ier & IerRdi) != 0 && (_lsr & LsrDr) != 0 && ((_fcr & FcrEnable) == 0 || _rxCount >= TriggerLevel)) id = IirRdi;
        else if ((_ier & IerThri) != 0 && _thrPending) id = IirThri;
        else if ((_ier & IerMsi) != 0 && (_msr & 0x0F) != 0) id = IirMsi;
        else id = IirNoInt;
        _iir = (byte)((_iir & 0xF0) | id);
        Irq?.Invoke(id != IirNoInt);
    }
}
