using VzFast.Devices.IsaBus;

namespace VzFast.Devices.I8237;

/// <summary>
/// The PIIX4's pair of 8237A DMA controllers (8237A data sheet; PIIX4 data sheet 4.7; QEMU
/// hw/dma/i8257.c is the behavioural reference): controller 1 (8-bit channels 0-3) at ports
/// 0x00-0x0F, controller 2 (16-bit channels 4-7, channel 4 the cascade) at 0xC0-0xDF on even
/// ports, the page registers at 0x80-0x8F. Base and current address and count with the byte
/// pointer flip-flop, command, mode, request, mask (single, all, clear), status and master clear.
/// No ISA device on the board requests DMA, so no transfer ever runs; the registers behave.
/// </summary>
public sealed class I8237
{
    private sealed class Controller
    {
        public readonly ushort[] BaseAddress = new ushort[4], BaseCount = new ushort[4];
        public readonly ushort[] Address = new ushort[4], Count = new ushort[4];
        public readonly byte[] Mode = new byte[4];
        public byte Command, Status, Request, Mask, Temporary;
        public bool FlipFlop;

        public void MasterClear()
        {
            Command = Status = Request = Temporary = 0;
            Mask = 0x0F;
            FlipFlop = false;
        }
    }

    private readonly Controller[] _c = [new(), new()];
    private readonly byte[] _page = new byte[16];

    /// <summary>Page register index (port - 0x80) of each channel (PIIX4 table 4-8).</summary>
    private static readonly int[] PagePort = [0x7, 0x3, 0x1, 0x2, -1, 0xB, 0x9, 0xA];

    public I8237() => Reset();

    public void Reset()
    {
        foreach (var c in _c)
        {
            c.MasterClear();
            Array.Clear(c.BaseAddress);
            Array.Clear(c.BaseCount);
            Array.Clear(c.Address);
            Array.Clear(c.Count);
            Array.Clear(c.Mode);
        }
        Array.Clear(_page);
    }

    /// <summary>Attaches controller 1, controller 2 and the page registers to the ISA I/O space.</summary>
    public void Attach(IsaIoBus io)
    {
        io.Attach(0x00, 16, new Ports(this, 0, 0));
        io.Attach(0xC0, 32, new Ports(this, 1, 1));
        io.Attach(0x80, 16, new PagePorts(this));
    }

    /// <summary>Whether channel 0-7 is masked.</summary>
    public bool Masked(int channel) => (_c[channel >> 2].Mask & (1 << (channel & 3))) != 0;

    /// <summary>The 24-bit transfer address a channel would use next (page and current address; 16-bit channels count words).</summary>
    public uint TransferAddress(int channel)
    {
        var c = _c[channel >> 2];
        int ch = channel & 3;
        uint page = PagePort[channel] < 0 ? 0u : _page[PagePort[channel]];
        return channel < 4 ? page << 16 | c.Address[ch] : (page & 0xFE) << 16 | (uint)c.Address[ch] << 1;
    }

    /// <summary>Register <paramref name="reg"/> (0-15) of controller <paramref name="n"/>.</summary>
    public byte Read(int n, int reg)
    {
        var c = _c[n];
        if (reg < 8)
        {
            int ch = reg >> 1;
            ushort v = (reg & 1) == 0 ? c.Address[ch] : c.Count[ch];
            byte b = c.FlipFlop ? (byte)(v >> 8) : (byte)v;
            c.FlipFlop = !c.FlipFlop;
            return b;
        }
        switch (reg)
        {
            case 0x8: // status: terminal counts clear on read
            {
                byte v = (byte)(c.Status | c.Request << 4);
                c.Status &= 0xF0;
                return v;
            }
            case 0xD: return c.Temporary;
            case 0xF: return (byte)(0xF0 | c.Mask);
            default: return 0xFF;
        }
    }

    public void Write(int n, int reg, byte value)
    {
        var c = _c[n];
        if (reg < 8)
        {
            int ch = reg >> 1;
            ushort[] basis = (reg & 1) == 0 ? c.BaseAddress : c.BaseCount, current = (reg & 1) == 0 ? c.Address : c.Count;
            basis[ch] = c.FlipFlop ? (ushort)(basis[ch] & 0x00FF | value << 8) : (ushort)(basis[ch] & 0xFF00 | value);
            current[ch] = basis[ch]; // writing the base writes the current register too
            c.FlipFlop = !c.FlipFlop;
            return;
        }
        switch (reg)
        {
            case 0x8: c.Command = value; break;
            case 0x9:
                if ((value & 4) != 0) c.Request |= (byte)(1 << (value & 3));
                else c.Request &= (byte)~(1 << (value & 3));
                break;
            case 0xA:
                if ((value & 4) != 0) c.Mask |= (byte)(1 << (value & 3));
                else c.Mask &= (byte)~(1 << (value & 3));
                break;
            case 0xB: c.Mode[value & 3] = (byte)(value & 0xFC); break;
            case 0xC: c.FlipFlop = false; break;
            case 0xD: c.MasterClear(); break;
            case 0xE: c.Mask = 0; break;
            case 0xF: c.Mask = (byte)(value & 0x0F); break;
        }
    }

    /// <summary>The mode register of channel 0-7 (bits 7:2: mode, direction, auto-init, transfer type).</summary>
    public byte ModeOf(int channel) => _c[channel >> 2].Mode[channel & 3];

    private sealed class Ports(I8237 owner, int n, int shift) : IIoPortDevice
    {
        public int AccessWidth => 1;

        public ulong ReadPort(int offset, int size) =>
            (offset & ((1 << shift) - 1)) != 0 ? 0xFFUL : owner.Read(n, offset >> shift);

        public void WritePort(int offset, int size, ulong value)
        {
            if ((offset & ((1 << shift) - 1)) == 0) owner.Write(n, offset >> shift, (byte)value);
        }
    }

    private sealed class PagePorts(I8237 owner) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => owner._page[offset];
        public void WritePort(int offset, int size, ulong value) => owner._page[offset] = (byte)value;
    }
}
