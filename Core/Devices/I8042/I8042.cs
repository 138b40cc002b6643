namespace VzFast.Devices.I8042;

/// <summary>
/// The 8042 keyboard controller in the Super I/O (IBM PC/AT technical reference; QEMU
/// hw/input/pckbd.c and ps2.c are the behavioural reference): data port 0x60, status/command
/// port 0x64, the command byte, self and interface tests, the keyboard and auxiliary ports
/// enabled and disabled, and a PS/2 keyboard answering reset, identify, LEDs, scan-code set and
/// enable/disable. Scan codes typed by the host go in through <see cref="KeyboardInput"/>.
/// IRQ 1 (keyboard) and IRQ 12 (a PS/2 mouse that answers its commands and never moves).
/// </summary>
public sealed class I8042
{
    private const byte StatusObf = 0x01, StatusSys = 0x04, StatusCmd = 0x08, StatusUnlocked = 0x10, StatusAuxObf = 0x20;
    private const byte CmdKbdInt = 0x01, CmdAuxInt = 0x02, CmdSys = 0x04, CmdKbdDisable = 0x10, CmdAuxDisable = 0x20, CmdXlate = 0x40;

    private readonly Queue<(byte Value, bool Aux)> _out = new();
    private byte _commandByte, _status, _pendingCommand, _outputPort;
    private byte _kbdPendingCommand;
    private bool _kbdScanning;
    private int _scanSet;
    private bool _irq1, _irq12;

    public Action<bool>? Irq1 { get; set; }
    public Action<bool>? Irq12 { get; set; }

    /// <summary>Software pulsed the reset line (command 0xFE): the board resets.</summary>
    public Action? ResetRequested { get; set; }

    public I8042() => Reset();

    public void Reset()
    {
        _out.Clear();
        _commandByte = CmdKbdInt | CmdSys | CmdXlate;
        _status = StatusUnlocked | StatusSys;
        _pendingCommand = 0;
        _kbdPendingCommand = _mousePendingCommand = 0;
        _outputPort = 0x03;
        _kbdScanning = true;
        _scanSet = 2;
        Update();
    }

    /// <summary>Queues keyboard bytes (scan codes) from the host, as if typed.</summary>
    public void KeyboardInput(ReadOnlySpan<byte> scanCodes)
    {
        if (!_kbdScanning) return;
        foreach (byte b in scanCodes) _out.Enqueue((b, false));
        Update();
    }

    private void Reply(byte value, bool aux = false)
    {
        _out.Enqueue((value, aux));
        Update();
    }

    private void Update()
    {
        bool kbd = false, aux = false;
        _status &= unchecked((byte)~(StatusObf | StatusAuxObf));
        if (_out.Count > 0)
        {
            var (_, isAux) = _out.Peek();
            // controller replies are delivered even with a port disabled (QEMU does the same)
            if (isAux)
            {
                _status |= StatusObf | StatusAuxObf;
                aux = (_commandByte & CmdAuxInt) != 0;
            }
            else
            {
                _status |= StatusObf;
                kbd = (_commandByte & CmdKbdInt) != 0;
            }
        }
        if (kbd != _irq1) { _irq1 = kbd; Irq1?.Invoke(kbd); }
        if (aux != _irq12) { _irq12 = aux; Irq12?.Invoke(aux); }
    }

    /// <summary>Port offset 0 = 0x60 (data), 4 = 0x64 (status).</summary>
    public byte Read(int offset)
    {
        if (offset != 0) return _status;
        if (_out.Count == 0) return 0;
        var (v, _) = _out.Dequeue();
        // the line drops with OBF and rises again for the next byte: a new edge for the 8259
        if (_irq1) { _irq1 = false; Irq1?.Invoke(false); }
        if (_irq12) { _irq12 = false; Irq12?.Invoke(false); }
        Update();
        return v;
    }

    public void Write(int offset, byte value)
    {
        if (offset == 0) WriteData(value);
        else WriteCommand(value);
    }

    private void WriteCommand(byte cmd)
    {
        _status |= StatusCmd;
        switch (cmd)
        {
            case 0x20: Reply(_commandByte); break;                  // read command byte
            case 0x60: case 0xD1: case 0xD2: case 0xD3: case 0xD4:  // next data byte is for the controller
                _pendingCommand = cmd;
                break;
            case 0xA7: _commandByte |= CmdAuxDisable; break;
            case 0xA8: _commandByte &= unchecked((byte)~CmdAuxDisable); break;
            case 0xA9: Reply(0x00); break;                           // aux interface test: OK
            case 0xAA:                                               // self test
                _status |= StatusSys;
                Reply(0x55);
                break;
            case 0xAB: Reply(0x00); break;                           // keyboard interface test: OK
            case 0xAD: _commandByte |= CmdKbdDisable; break;
            case 0xAE: _commandByte &= unchecked((byte)~CmdKbdDisable); break;
            case 0xC0: Reply(0x00); break;                           // input port
            case 0xD0: Reply(_outputPort); break;                    // output port
            case >= 0xF0:                                            // pulse output lines: bit 0 is reset
                if ((cmd & 1) == 0) ResetRequested?.Invoke();
                break;
        }
        Update();
    }

    private void WriteData(byte value)
    {
        _status &= unchecked((byte)~StatusCmd);
        byte pending = _pendingCommand;
        _pendingCommand = 0;
        switch (pending)
        {
            case 0x60: _commandByte = value; Update(); return;
            case 0xD1:
                _outputPort = value;
                if ((value & 1) == 0) ResetRequested?.Invoke();
                return;
            case 0xD2: Reply(value); return;               // as if from the keyboard
            case 0xD3: Reply(value, aux: true); return;    // as if from the mouse
            case 0xD4: MouseCommand(value); return;
        }
        KeyboardCommand(value);
    }

    private byte _mousePendingCommand;

    /// <summary>A byte for the PS/2 mouse, which reports no movement (QEMU ps2_write_mouse).</summary>
    private void MouseCommand(byte b)
    {
        byte pending = _mousePendingCommand;
        _mousePendingCommand = 0;
        if (pending != 0)
        {
            Reply(0xFA, aux: true); // the argument of set sample rate / resolution
            return;
        }
        Reply(0xFA, aux: true);
        switch (b)
        {
            case 0xF3: case 0xE8: _mousePendingCommand = b; break;
            case 0xF2: Reply(0x00, aux: true); break;                                          // device ID: standard mouse
            case 0xE9: Reply(0x00, aux: true); Reply(0x02, aux: true); Reply(0x64, aux: true); break; // status
            case 0xEB: Reply(0x08, aux: true); Reply(0, aux: true); Reply(0, aux: true); break;     // read data: no motion
            case 0xFF: Reply(0xAA, aux: true); Reply(0x00, aux: true); break;                  // reset: BAT passed, ID 0
        }
    }

    /// <summary>A byte for the PS/2 keyboard (QEMU ps2_write_keyboard).</summary>
    private void KeyboardCommand(byte b)
    {
        byte pending = _kbdPendingCommand;
        _kbdPendingCommand = 0;
        if (pending == 0xED) { Reply(0xFA); return; }           // LED state
        if (pending == 0xF3) { Reply(0xFA); return; }           // typematic rate
        if (pending == 0xF0)
        {
            Reply(0xFA);
            if (b == 0) Reply((byte)_scanSet);
            else if (b <= 3) _scanSet = b;
            return;
        }
        switch (b)
        {
            case 0xED: case 0xF3: case 0xF0:
                _kbdPendingCommand = b;
                Reply(0xFA);
                break;
            case 0xEE: Reply(0xEE); break;                      // echo
            case 0xF2: Reply(0xFA); Reply(0xAB); Reply(0x83); break; // identify: MF2 keyboard
            case 0xF4: _kbdScanning = true; Reply(0xFA); break;
            case 0xF5: _kbdScanning = false; _scanSet = 2; Reply(0xFA); break;
            case 0xF6: _scanSet = 2; Reply(0xFA); break;
            case 0xFF: _scanSet = 2; _kbdScanning = true; Reply(0xFA); Reply(0xAA); break; // reset, BAT passed
            default: Reply(0xFE); break;                        // resend: not understood
        }
    }
}
