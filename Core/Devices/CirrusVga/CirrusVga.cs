using VzFast.Devices.IsaBus;
using VzFast.Devices.Pci;
using VzFast.Memory;

namespace VzFast.Devices.CirrusVga;

/// <summary>
/// The Cirrus Logic CL-GD5446 PCI VGA as QEMU presents it (hw/display/cirrus_vga.c; CL-GD5446
/// technical reference): 4 MiB of video memory behind BAR0 (a 32 MiB prefetchable window: the
/// memory, mirrored, then the BitBLT data port at 16 MiB), the memory-mapped BitBLT and VGA
/// registers behind BAR1 (4 KiB), and the VGA register ports 0x3c0-0x3df: sequencer (with the
/// Cirrus extensions unlocked by SR6 = 0x12), CRT controller, graphics controller (with the BitBLT
/// registers GR20-GR33), attribute controller, DAC with the hidden DAC register. What the Linux
/// cirrusfb driver programs is modelled; the planar VGA and text modes are not drawn.
/// </summary>
public sealed partial class CirrusVga : PciFunction
{
    public const int VramSize = 4 << 20;
    public const uint LinearBarSize = 32u << 20, MmioBarSize = 4096;
    /// <summary>GR27's chip ID in CR27 (CL-GD5446).</summary>
    public const byte ChipId = 0xB8;

    private readonly byte[] _vram = new byte[VramSize];
    private readonly byte[] _sr = new byte[32], _gr = new byte[64], _cr = new byte[64], _ar = new byte[32];
    private int _srIndex, _grIndex, _crIndex, _arIndex;
    private bool _arData, _retrace;
    private byte _misc, _pelMask = 0xFF, _hdr;
    private int _hdrReads;
    private readonly byte[] _dac = new byte[768];
    private int _dacWrite, _dacRead, _dacPart;

    /// <summary>The board maps BAR0/BAR1 at their new addresses (after a BAR or command write).</summary>
    public Action? MappingChanged { get; set; }

    /// <summary>BAR0's window: video memory, and the BitBLT data port.</summary>
    public IMmioDevice Linear { get; }
    /// <summary>BAR1's window: memory-mapped BitBLT and VGA registers.</summary>
    public IMmioDevice Mmio { get; }
    /// <summary>The VGA register ports, to attach at 0x3c0 (32 ports).</summary>
    public IIoPortDevice Ports { get; }

    public CirrusVga() : base("cirrus-vga", 0x1013, 0x00B8, 0x0300_0000)
    {
        DefineBar(0, LinearBarSize, prefetchable: true);
        DefineBar(1, MmioBarSize);
        Linear = new LinearWindow(this);
        Mmio = new MmioWindow(this);
        Ports = new VgaPorts(this);
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_sr);
        Array.Clear(_gr);
        Array.Clear(_cr);
        Array.Clear(_ar);
        _sr[0x06] = 0x0F;
        _sr[0x0F] = 0x98;  // 2 MiB on a 64-bit bus, bank switching: 4 MiB as cirrusfb_get_memsize reads it
        _sr[0x1F] = 0x2D;  // MCLK
        _cr[0x27] = ChipId;
        _misc = 0;
        _pelMask = 0xFF;
        _hdr = 0;
        _hdrReads = 0;
        _srIndex = _grIndex = _crIndex = _arIndex = 0;
        _arData = false;
        ResetBlitter();
        Invalidate();
    }

    protected override void Written(int offset, int size)
    {
        if (offset < 0x1C && offset + size > 0x04) MappingChanged?.Invoke();
    }

    // --- the VGA register file (ports 0x3c0-0x3df) ---

    private byte ReadPort(int port)
    {
        if (port != 0x3C6) _hdrReads = 0;
        switch (port)
        {
            case 0x3C0: return (byte)_arIndex;
            case 0x3C1: return _ar[_arIndex & 0x1F];
            case 0x3C2: return 0; // input status 0
            case 0x3C4: return (byte)_srIndex;
            case 0x3C5: return ReadSequencer(_srIndex);
            case 0x3C6:
                if (_hdrReads == 4)
                {
                    _hdrReads = 0;
                    return _hdr;
                }
                _hdrReads++;
                return _pelMask;
            case 0x3C7: return 0; // DAC state
            case 0x3C8: return (byte)_dacWrite;
            case 0x3C9:
            {
                byte v = _dac[_dacRead * 3 + _dacPart];
                if (++_dacPart == 3)
                {
                    _dacPart = 0;
                    _dacRead = (_dacRead + 1) & 0xFF;
                }
                return v;
            }
            case 0x3CC: return _misc;
            case 0x3CE: return (byte)_grIndex;
            case 0x3CF: return ReadGraphics(_grIndex);
            case 0x3D4: return (byte)_crIndex;
            case 0x3D5: return _cr[_crIndex];
            case 0x3DA:
                // input status 1: vertical retrace and display-disabled toggle so polling loops end
                _arData = false;
                _retrace = !_retrace;
                return (byte)(_retrace ? 0x09 : 0x00);
            default: return 0xFF;
        }
    }

    private void WritePort(int port, byte v)
    {
        if (port != 0x3C6) _hdrReads = 0;
        switch (port)
        {
            case 0x3C0:
                if (!_arData) _arIndex = v & 0x3F;
                else if ((_arIndex & 0x1F) < _ar.Length) _ar[_arIndex & 0x1F] = v;
                _arData = !_arData;
                break;
            case 0x3C2: _misc = v; break;
            case 0x3C4: _srIndex = v & 0x1F; break;
            case 0x3C5: WriteSequencer(_srIndex, v); break;
            case 0x3C6:
                if (_hdrReads == 4) _hdr = v;
                else _pelMask = v;
                _hdrReads = 0;
                Invalidate();
                break;
            case 0x3C7:
                _dacRead = v;
                _dacPart = 0;
                break;
            case 0x3C8:
                _dacWrite = v;
                _dacPart = 0;
                break;
            case 0x3C9:
                _dac[_dacWrite * 3 + _dacPart] = (byte)(v & 0x3F);
                if (++_dacPart == 3)
                {
                    _dacPart = 0;
                    _dacWrite = (_dacWrite + 1) & 0xFF;
                    Invalidate();
                }
                break;
            case 0x3CE: _grIndex = v & 0x3F; break;
            case 0x3CF: WriteGraphics(_grIndex, v); break;
            case 0x3D4: _crIndex = v & 0x3F; break;
            case 0x3D5:
                if (_crIndex == 0x27) break; // the chip ID is read-only
                _cr[_crIndex] = v;
                Invalidate();
                break;
        }
    }

    private byte ReadSequencer(int index) => index switch
    {
        0x06 => _sr[0x06],
        0x0F => (byte)(_sr[0x0F] | 0x18 | 0x80),
        _ => _sr[index],
    };

    private void WriteSequencer(int index, byte v)
    {
        switch (index)
        {
            case 0x06: _sr[0x06] = (byte)((v & 0x17) == 0x12 ? 0x12 : 0x0F); break; // extensions unlocked by 0x12
            default: _sr[index] = v; break;
        }
        Invalidate();
    }

    private byte ReadGraphics(int index) => _gr[index];

    private void WriteGraphics(int index, byte v)
    {
        if (index == 0x31)
        {
            WriteBlitStatus(v);
            return;
        }
        _gr[index] = v;
    }

    private sealed class VgaPorts(CirrusVga vga) : IIoPortDevice
    {
        public int AccessWidth => 1;
        public ulong ReadPort(int offset, int size) => vga.ReadPort(0x3C0 + offset);
        public void WritePort(int offset, int size, ulong value) => vga.WritePort(0x3C0 + offset, (byte)value);
    }

    /// <summary>BAR0: video memory (mirrored through the first 16 MiB), then the BitBLT data port.</summary>
    private sealed class LinearWindow(CirrusVga vga) : IMmioDevice
    {
        public ulong Read(ulong offset, int size)
        {
            if (offset >= 16u << 20) return ulong.MaxValue >> (64 - size * 8);
            ulong v = 0;
            for (int i = 0; i < size; i++) v |= (ulong)vga._vram[(int)((offset + (ulong)i) & (VramSize - 1))] << (i * 8);
            return v;
        }

        public void Write(ulong offset, int size, ulong value)
        {
            if (vga.BlitWantsData || offset >= 16u << 20)
            {
                for (int i = 0; i < size; i++) vga.FeedBlit((byte)(value >> (i * 8)));
                return;
            }
            int o = (int)(offset & (VramSize - 1));
            for (int i = 0; i < size; i++) vga._vram[(o + i) & (VramSize - 1)] = (byte)(value >> (i * 8));
            vga.MarkDirty(o, size);
        }
    }

    /// <summary>BAR1: the BitBLT registers at 0x00-0x40 (the 5446's memory-mapped layout), the VGA ports at 0x100.</summary>
    private sealed class MmioWindow(CirrusVga vga) : IMmioDevice
    {
        public ulong Read(ulong offset, int size)
        {
            ulong v = 0;
            for (int i = 0; i < size; i++) v |= (ulong)ReadByte((int)offset + i) << (i * 8);
            return v;
        }

        public void Write(ulong offset, int size, ulong value)
        {
            for (int i = 0; i < size; i++) WriteByte((int)offset + i, (byte)(value >> (i * 8)));
        }

        private byte ReadByte(int o) =>
            o >= 0x100 ? (o < 0x120 ? vga.ReadPort(0x3C0 + o - 0x100) : (byte)0xFF)
            : MmioBlitRegister(o) is int gr ? vga._gr[gr] : (byte)0;

        private void WriteByte(int o, byte v)
        {
            if (o >= 0x100)
            {
                if (o < 0x120) vga.WritePort(0x3C0 + o - 0x100, v);
                return;
            }
            if (MmioBlitRegister(o) is int gr) vga.WriteGraphics(gr, v);
        }

        /// <summary>The graphics-controller register a memory-mapped BitBLT offset stands for.</summary>
        private static int? MmioBlitRegister(int o) => o switch
        {
            0x00 => 0x00, 0x01 => 0x10, 0x02 => 0x12, 0x03 => 0x14, // background colour
            0x04 => 0x01, 0x05 => 0x11, 0x06 => 0x13, 0x07 => 0x15, // foreground colour
            >= 0x08 and <= 0x0F => 0x20 + (o - 0x08),                // width, height, pitches
            >= 0x10 and <= 0x12 => 0x28 + (o - 0x10),                // destination
            >= 0x14 and <= 0x16 => 0x2C + (o - 0x14),                // source
            0x17 => 0x2F, 0x18 => 0x30, 0x1A => 0x32, 0x1B => 0x33,
            0x1C => 0x34, 0x1D => 0x35, 0x20 => 0x38, 0x21 => 0x39,
            0x40 => 0x31,
            _ => null,
        };
    }
}
