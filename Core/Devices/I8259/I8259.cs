namespace VzFast.Devices.I8259;

/// <summary>
/// One Intel 8259A programmable interrupt controller (8259A data sheet; QEMU hw/intc/i8259.c is
/// the behavioural reference): ICW1-4 initialisation, IMR, IRR/ISR with fully nested priority and
/// rotation, specific and non-specific EOI, automatic EOI, poll mode, special mask mode, and
/// edge or level triggering per line (the PIIX4's ELCR). <see cref="Output"/> is the INT pin.
/// </summary>
public sealed class I8259
{
    private byte _irr, _isr, _imr, _lastLevels, _elcr;
    private byte _vectorBase, _priorityAdd, _icw3;
    private int _initState;
    private bool _readIsr, _poll, _specialMask, _autoEoi, _rotateOnAutoEoi, _needIcw4, _single, _specialFullyNested;
    private bool _output;

    public string Name { get; }

    /// <summary>The ELCR bits that may be set (lines that can be level-triggered).</summary>
    public byte ElcrMask { get; init; } = 0xFF;

    /// <summary>The INT output changed.</summary>
    public Action<bool>? Output { get; set; }

    /// <summary>For the master: acknowledges the slave on its cascade line and returns its vector.</summary>
    public Func<int, byte>? CascadeAcknowledge { get; set; }

    /// <summary>Which of the master's lines has a slave (ICW3 of the master; Malta: line 2).</summary>
    public byte CascadeLines => _single ? (byte)0 : _icw3;

    public bool Int => _output;

    public I8259(string name)
    {
        Name = name;
        Reset();
    }

    public void Reset()
    {
        _irr = _isr = _imr = _lastLevels = 0;
        _elcr = 0;
        _vectorBase = _priorityAdd = _icw3 = 0;
        _initState = 0;
        _readIsr = _poll = _specialMask = _autoEoi = _rotateOnAutoEoi = _needIcw4 = _single = _specialFullyNested = false;
        SetOutput(false);
    }

    public byte Elcr
    {
        get => _elcr;
        set
        {
            _elcr = (byte)(value & ElcrMask);
            Update();
        }
    }

    /// <summary>Drives input line <paramref name="line"/> (0..7).</summary>
    public void SetLevel(int line, bool level)
    {
        byte bit = (byte)(1 << line);
        if ((_elcr & bit) != 0)
        {
            // level-triggered: IRR follows the line
            if (level) { _irr |= bit; _lastLevels |= bit; }
            else { _irr &= (byte)~bit; _lastLevels &= (byte)~bit; }
        }
        else if (level)
        {
            if ((_lastLevels & bit) == 0) _irr |= bit; // rising edge
            _lastLevels |= bit;
        }
        else _lastLevels &= (byte)~bit;
        Update();
    }

    /// <summary>Highest-priority bit of <paramref name="mask"/> under the current rotation, or 8 for none.</summary>
    private int Priority(byte mask)
    {
        if (mask == 0) return 8;
        int p = 0;
        while ((mask & (1 << ((p + _priorityAdd) & 7))) == 0) p++;
        return p;
    }

    /// <summary>The line the 8259A would present now, or -1.</summary>
    private int PendingIrq()
    {
        int irrPriority = Priority((byte)(_irr & ~_imr));
        if (irrPriority == 8) return -1;
        byte inService = _isr;
        if (_specialMask) inService &= (byte)~_imr;
        // in special fully nested mode the cascade line can interrupt itself (the slave's own nesting)
        if (_specialFullyNested && CascadeLines != 0) inService &= (byte)~CascadeLines;
        int isrPriority = Priority(inService);
        return irrPriority < isrPriority ? (irrPriority + _priorityAdd) & 7 : -1;
    }

    private void Update() => SetOutput(PendingIrq() >= 0);

    private void SetOutput(bool level)
    {
        if (level == _output) return;
        _output = level;
        Output?.Invoke(level);
    }

    /// <summary>
    /// An interrupt acknowledge cycle (INTA, the GT-64120's IACK register, or poll): the vector of
    /// the highest-priority request, moved from IRR to ISR; IRQ 7 (spurious) when none is pending.
    /// </summary>
    public byte Acknowledge()
    {
        int irq = PendingIrq();
        if (irq < 0) return (byte)(_vectorBase | 7);
        byte bit = (byte)(1 << irq);
        if ((_elcr & bit) == 0) _irr &= (byte)~bit;
        if (_autoEoi)
        {
            if (_rotateOnAutoEoi) _priorityAdd = (byte)((irq + 1) & 7);
        }
        else _isr |= bit;
        byte vector;
        if ((CascadeLines & bit) != 0 && CascadeAcknowledge != null) vector = CascadeAcknowledge(irq);
        else vector = (byte)(_vectorBase | irq);
        Update();
        return vector;
    }

    /// <summary>OCW3 poll: bit 7 says whether an interrupt was pending, bits 2..0 which (acknowledged).</summary>
    private byte PollRead()
    {
        int irq = PendingIrq();
        if (irq < 0) return 0;
        byte bit = (byte)(1 << irq);
        if ((_elcr & bit) == 0) _irr &= (byte)~bit;
        _isr |= bit;
        Update();
        return (byte)(0x80 | irq);
    }

    /// <summary>Port A0 = 0 (command) or 1 (data).</summary>
    public byte Read(int a0)
    {
        if (_poll)
        {
            _poll = false;
            return PollRead();
        }
        if (a0 == 1) return _imr;
        return _readIsr ? _isr : _irr;
    }

    public void Write(int a0, byte value)
    {
        if (a0 == 0)
        {
            if ((value & 0x10) != 0) InitCommand(value);
            else if ((value & 0x08) != 0) Ocw3(value);
            else Ocw2(value);
            return;
        }
        switch (_initState)
        {
            case 0: // OCW1
                _imr = value;
                Update();
                break;
            case 1: // ICW2
                _vectorBase = (byte)(value & 0xF8);
                _initState = _single ? (_needIcw4 ? 3 : 0) : 2;
                break;
            case 2: // ICW3
                _icw3 = value;
                _initState = _needIcw4 ? 3 : 0;
                break;
            case 3: // ICW4
                _autoEoi = (value & 0x02) != 0;
                _specialFullyNested = (value & 0x10) != 0;
                _initState = 0;
                break;
        }
    }

    /// <summary>ICW1: start initialisation (IMR, ISR, IRR cleared; priority reset; edge sense reset).</summary>
    private void InitCommand(byte value)
    {
        _imr = _isr = _irr = 0;
        _lastLevels = 0;
        _priorityAdd = 0;
        _readIsr = _poll = _specialMask = _autoEoi = _rotateOnAutoEoi = _specialFullyNested = false;
        _single = (value & 0x02) != 0;
        _needIcw4 = (value & 0x01) != 0;
        _initState = 1;
        Update();
    }

    private void Ocw2(byte value)
    {
        int cmd = value >> 5;
        switch (cmd)
        {
            case 0: // rotate in automatic EOI mode (clear) / (set)
            case 4:
                _rotateOnAutoEoi = cmd == 4;
                break;
            case 1: // non-specific EOI
            case 5: // rotate on non-specific EOI
            {
                int p = Priority(_isr);
                if (p == 8) break;
                int irq = (p + _priorityAdd) & 7;
                _isr &= (byte)~(1 << irq);
                if (cmd == 5) _priorityAdd = (byte)((irq + 1) & 7);
                break;
            }
            case 3: // specific EOI
            case 7: // rotate on specific EOI
            {
                int irq = value & 7;
                _isr &= (byte)~(1 << irq);
                if (cmd == 7) _priorityAdd = (byte)((irq + 1) & 7);
                break;
            }
            case 6: // set priority: the given line becomes the lowest
                _priorityAdd = (byte)(((value & 7) + 1) & 7);
                break;
        }
        Update();
    }

    private void Ocw3(byte value)
    {
        if ((value & 0x04) != 0) _poll = true;
        if ((value & 0x02) != 0) _readIsr = (value & 0x01) != 0;
        if ((value & 0x40) != 0) _specialMask = (value & 0x20) != 0;
        Update();
    }
}
