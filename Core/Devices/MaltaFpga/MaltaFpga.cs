using VzFast.Memory;

namespace VzFast.Devices.MaltaFpga;

/// <summary>
/// The Malta board FPGA registers at 0x1f000000 (Malta user's manual; QEMU hw/mips/malta.c
/// malta_fpga_read/write): switches, status, the LED bar and 8-character ASCII display, the
/// software reset register (0x42 at 0x500 resets the board), and the I2C lines. Unknown
/// registers read 0. The CBUS UART at 0x900 is a separate device.
/// </summary>
public sealed class MaltaFpga : IMmioDevice
{
    private readonly char[] _display = new char[8];
    private byte _leds, _brk, _gpout, _i2coe, _i2cout, _i2csel;

    /// <summary>Called when software writes 0x42 to SOFTRES.</summary>
    public Action? ResetRequested { get; set; }

    public byte Leds => _leds;

    public string DisplayText => new(_display);

    public MaltaFpga() => Reset();

    public void Reset()
    {
        _leds = 0;
        _brk = 0x0A;
        _gpout = 0;
        _i2coe = 0;
        _i2cout = 3;
        _i2csel = 1;
        Array.Fill(_display, ' ');
    }

    public ulong Read(ulong offset, int size) => (offset & 0xFFFFF) switch
    {
        0x200 => 0,                 // SWITCH
        0x208 => 0x10,              // STATUS (little-endian board)
        0x210 => 0,                 // JMPRS
        0x408 => _leds,             // LEDBAR
        0x508 => _brk,              // BRKRES
        0xA00 => _gpout,            // GPOUT
        0xA08 => _i2csel != 0 ? _i2cout : 0u, // GPINP mirrors I2COUT
        0xB00 => 0x3,               // I2CINP: lines idle high, no EEPROM answers
        0xB08 => _i2coe,
        0xB10 => _i2cout,
        0xB18 => _i2csel,
        _ => 0,
    };

    public void Write(ulong offset, int size, ulong value)
    {
        ulong reg = offset & 0xFFFFF;
        switch (reg)
        {
            case 0x408: _leds = (byte)value; break;
            case 0x410:
                ((uint)value).ToString("X8").CopyTo(0, _display, 0, 8);
                break;
            case >= 0x418 and <= 0x450 when (reg & 7) == 0:
                _display[(reg - 0x418) >> 3] = (char)(byte)value;
                break;
            case 0x500:
                if (value == 0x42) ResetRequested?.Invoke();
                break;
            case 0x508: _brk = (byte)value; break;
            case 0xA00: _gpout = (byte)value; break;
            case 0xB08: _i2coe = (byte)(value & 3); break;
            case 0xB10: _i2cout = (byte)value; break;
            case 0xB18: _i2csel = (byte)(value & 1); break;
        }
    }
}
