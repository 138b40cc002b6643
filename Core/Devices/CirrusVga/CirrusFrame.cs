namespace VzFast.Devices.CirrusVga;

/// <summary>What the CRT controller and the sequencer say the screen is (QEMU's cirrus_get_resolution, _offsets, _bpp).</summary>
public readonly record struct CirrusMode(int Width, int Height, int Bits, int Pitch, int Start, bool Graphics);

// The displayed picture: the mode decoded from the registers, and video memory converted into
// an RGBA frame (R in the low byte, as a canvas's ImageData wants it) on demand. Writes mark
// 4 KiB pages of video memory dirty; a render converts only the rows that touch dirty pages
// (all of them after a mode or palette change) and says which rows changed. The frame is
// allocated again only when the mode's size changes.
public sealed partial class CirrusVga
{
    public const int MaxWidth = 1600, MaxHeight = 1200;
    private readonly ulong[] _dirty = new ulong[VramSize / 4096 / 64];
    private readonly ulong[] _dirtySnapshot = new ulong[VramSize / 4096 / 64];
    private readonly uint[] _palette = new uint[256];
    private int _fullRedraw = 1;
    private uint[] _frame = new uint[640 * 480];

    /// <summary>The frame's size (the mode's, or 640x480 before the guest sets one).</summary>
    public int FrameWidth { get; private set; } = 640;
    public int FrameHeight { get; private set; } = 480;

    /// <summary>The frame as last rendered: FrameWidth x FrameHeight RGBA pixels, row by row.</summary>
    public ReadOnlySpan<uint> Frame => _frame.AsSpan(0, FrameWidth * FrameHeight);

    /// <summary>Frames rendered (the status line and tests read it).</summary>
    public long Renders;

    private void MarkDirty(int offset, int length)
    {
        if (length <= 0) return;
        int first = (offset & (VramSize - 1)) >> 12, last = ((offset + length - 1) & (VramSize - 1)) >> 12;
        if (last < first) last += VramSize >> 12; // wrapped
        for (int p = first; p <= last; p++)
        {
            int page = p & ((VramSize >> 12) - 1);
            Interlocked.Or(ref _dirty[page >> 6], 1UL << (page & 63));
        }
    }

    private void Invalidate() => Volatile.Write(ref _fullRedraw, 1);

    public CirrusMode Mode
    {
        get
        {
            int width = (_cr[0x01] + 1) * 8;
            int height = (_cr[0x12] | (_cr[0x07] & 0x02) << 7 | (_cr[0x07] & 0x40) << 3) + 1;
            int pitch = (_cr[0x13] | (_cr[0x1B] & 0x10) << 4) << 3;
            int start = ((_cr[0x0C] << 8 | _cr[0x0D] | (_cr[0x1B] & 0x01) << 16 | (_cr[0x1B] & 0x0C) << 15 | (_cr[0x1D] & 0x80) << 12) << 2) & (VramSize - 1);
            bool graphics = (_sr[0x07] & 0x01) != 0;
            int bits = (_sr[0x07] & 0x0E) switch
            {
                0x02 or 0x06 => (_hdr & 0x0F) == 0 ? 15 : 16,
                0x04 => 24,
                0x08 => 32,
                _ => 8,
            };
            return new CirrusMode(Math.Clamp(width, 8, MaxWidth), Math.Clamp(height, 1, MaxHeight), bits, pitch, start, graphics);
        }
    }

    /// <summary>
    /// Brings the frame up to date with video memory; returns the first and one past the last row
    /// that changed (equal when nothing did). Safe to call from another thread than the CPU's: a
    /// write that races with it is drawn by the next call.
    /// </summary>
    public (int Top, int Bottom) Render()
    {
        lock (_dirtySnapshot) return RenderLocked();
    }

    private (int Top, int Bottom) RenderLocked()
    {
        Renders++;
        var mode = Mode;
        int width = mode.Graphics ? mode.Width : 640, height = mode.Graphics ? mode.Height : 480;
        bool full = Interlocked.Exchange(ref _fullRedraw, 0) != 0;
        if (width != FrameWidth || height != FrameHeight)
        {
            if (_frame.Length < width * height) _frame = new uint[width * height];
            FrameWidth = width;
            FrameHeight = height;
            full = true;
        }
        for (int i = 0; i < _dirty.Length; i++) _dirtySnapshot[i] = Interlocked.Exchange(ref _dirty[i], 0);
        if (!mode.Graphics)
        {
            // the planar VGA and text modes are not drawn: black until the guest sets a Cirrus mode
            if (full) _frame.AsSpan(0, width * height).Fill(0xFF00_0000);
            return full ? (0, height) : (0, 0);
        }
        if (full) BuildPalette();
        int bytesPerPixel = (mode.Bits + 7) >> 3, rowBytes = width * bytesPerPixel;
        int top = height, bottom = 0;
        for (int y = 0; y < height; y++)
        {
            int offset = mode.Start + y * mode.Pitch;
            if (!full && !RowDirty(offset, rowBytes)) continue;
            ConvertRow(mode, offset, _frame.AsSpan(y * width, width));
            if (y < top) top = y;
            bottom = y + 1;
        }
        return top < bottom ? (top, bottom) : (0, 0);
    }

    private bool RowDirty(int offset, int length)
    {
        int first = (offset & (VramSize - 1)) >> 12, last = ((offset + length - 1) & (VramSize - 1)) >> 12;
        if (last < first) return true;
        for (int p = first; p <= last; p++)
            if ((_dirtySnapshot[p >> 6] & (1UL << (p & 63))) != 0) return true;
        return false;
    }

    private void BuildPalette()
    {
        for (int i = 0; i < 256; i++)
        {
            int c = i & _pelMask;
            uint r = Expand6(_dac[c * 3]), g = Expand6(_dac[c * 3 + 1]), b = Expand6(_dac[c * 3 + 2]);
            _palette[i] = 0xFF00_0000 | b << 16 | g << 8 | r;
        }
    }

    private static uint Expand6(byte v) => (uint)(v << 2 | v >> 4);

    private static uint Rgba(uint r, uint g, uint b) => 0xFF00_0000 | b << 16 | g << 8 | r;

    private void ConvertRow(CirrusMode mode, int offset, Span<uint> row)
    {
        const int mask = VramSize - 1;
        var v = _vram;
        switch (mode.Bits)
        {
            case 8:
                for (int x = 0; x < row.Length; x++) row[x] = _palette[v[(offset + x) & mask]];
                break;
            case 15:
            case 16:
                for (int x = 0; x < row.Length; x++)
                {
                    int p = v[(offset + 2 * x) & mask] | v[(offset + 2 * x + 1) & mask] << 8;
                    row[x] = mode.Bits == 16
                        ? Rgba((uint)((p >> 11) & 31) * 255 / 31, (uint)((p >> 5) & 63) * 255 / 63, (uint)(p & 31) * 255 / 31)
                        : Rgba((uint)((p >> 10) & 31) * 255 / 31, (uint)((p >> 5) & 31) * 255 / 31, (uint)(p & 31) * 255 / 31);
                }
                break;
            case 24:
                for (int x = 0; x < row.Length; x++)
                    row[x] = Rgba(v[(offset + 3 * x + 2) & mask], v[(offset + 3 * x + 1) & mask], v[(offset + 3 * x) & mask]);
                break;
            default:
                for (int x = 0; x < row.Length; x++)
                    row[x] = Rgba(v[(offset + 4 * x + 2) & mask], v[(offset + 4 * x + 1) & mask], v[(offset + 4 * x) & mask]);
                break;
        }
    }
}
