namespace VzFast.Devices.CirrusVga;

// The BitBLT engine (CL-GD5446 TRM, chapter 9; the register use of QEMU's cirrus_vga.c): a
// start in GR31 runs the operation GR20-GR33 describe. Video-to-video copies (forwards or
// backwards), colour expansion of a monochrome source (from video memory, from the 8x8 pattern,
// or written by the CPU through the linear window) into GR0/GR1 (with GR10-GR15 for wider
// pixels), with the 16 raster operations. Everything completes at once, except a CPU-sourced
// operation, which runs row by row as its data arrives.
public sealed partial class CirrusVga
{
    private const byte BltBackwards = 0x01, BltSourceSystem = 0x04, BltTransparent = 0x08, BltPattern = 0x40, BltColorExpand = 0x80;
    private const byte StatusBusy = 0x01, StatusStart = 0x02, StatusReset = 0x04, StatusProgress = 0x08;

    private readonly byte[] _rowData = new byte[8192];
    private int _rowBytes, _rowFill, _rowsLeft, _rowY;
    private int _bltWidth, _bltHeight, _bltDstPitch, _bltSrcPitch, _bltDst, _bltSrc, _bltPixel;
    private byte _bltMode, _bltRop;

    /// <summary>Blits run; bytes of CPU data taken; operations not modelled (logged and ignored).</summary>
    public long Blits, BlitDataBytes, BlitsIgnored;

    private bool BlitWantsData => _rowsLeft > 0;

    private void ResetBlitter()
    {
        _rowsLeft = 0;
        _gr[0x31] = 0;
    }

    private void WriteBlitStatus(byte v)
    {
        if ((v & StatusReset) != 0)
        {
            ResetBlitter();
            _gr[0x31] = (byte)(v & StatusReset);
            return;
        }
        _gr[0x31] = (byte)(v & ~(StatusStart | StatusBusy | StatusProgress) | (_gr[0x31] & (StatusBusy | StatusProgress)));
        if ((v & StatusStart) != 0 && (_gr[0x31] & StatusBusy) == 0) StartBlit();
    }

    private void StartBlit()
    {
        _bltWidth = ((_gr[0x20] | _gr[0x21] << 8) & 0x1FFF) + 1;
        _bltHeight = ((_gr[0x22] | _gr[0x23] << 8) & 0x7FF) + 1;
        _bltDstPitch = (_gr[0x24] | _gr[0x25] << 8) & 0x1FFF;
        _bltSrcPitch = (_gr[0x26] | _gr[0x27] << 8) & 0x1FFF;
        _bltDst = (_gr[0x28] | _gr[0x29] << 8 | _gr[0x2A] << 16) & (VramSize - 1);
        _bltSrc = (_gr[0x2C] | _gr[0x2D] << 8 | _gr[0x2E] << 16) & (VramSize - 1);
        _bltMode = _gr[0x30];
        _bltRop = _gr[0x32];
        _bltPixel = ((_bltMode >> 4) & 3) + 1;
        Blits++;
        if ((_bltMode & 0x02) != 0)
        {
            BlitsIgnored++; // video-to-system transfers: not used by cirrusfb
            return;
        }
        if ((_bltMode & BltSourceSystem) != 0)
        {
            // the CPU supplies the source row by row through the linear window
            _rowBytes = (_bltMode & BltColorExpand) != 0 ? (_bltWidth / _bltPixel + 7) >> 3 : _bltWidth;
            if (_rowBytes > _rowData.Length)
            {
                BlitsIgnored++;
                return;
            }
            _rowFill = 0;
            _rowY = 0;
            _rowsLeft = _bltHeight;
            _gr[0x31] |= StatusBusy | StatusProgress;
            return;
        }
        for (int y = 0; y < _bltHeight; y++) BlitRow(y, null);
    }

    /// <summary>One byte of CPU data for a running system-sourced operation.</summary>
    private void FeedBlit(byte b)
    {
        if (_rowsLeft == 0) return;
        BlitDataBytes++;
        _rowData[_rowFill++] = b;
        if (_rowFill < _rowBytes) return;
        _rowFill = 0;
        BlitRow(_rowY++, _rowData);
        if (--_rowsLeft == 0) _gr[0x31] &= unchecked((byte)~(StatusBusy | StatusProgress));
    }

    /// <summary>Row <paramref name="y"/> of the operation; <paramref name="cpuRow"/> holds the CPU's source row when there is one.</summary>
    private void BlitRow(int y, byte[]? cpuRow)
    {
        bool backwards = (_bltMode & BltBackwards) != 0;
        int dst = backwards ? _bltDst - y * _bltDstPitch : _bltDst + y * _bltDstPitch;
        if ((_bltMode & BltColorExpand) != 0)
        {
            ExpandRow(y, dst, cpuRow);
            return;
        }
        int src = backwards ? _bltSrc - y * _bltSrcPitch : _bltSrc + y * _bltSrcPitch;
        for (int x = 0; x < _bltWidth; x++)
        {
            int d = (backwards ? dst - x : dst + x) & (VramSize - 1);
            byte s = cpuRow != null ? cpuRow[x]
                : (_bltMode & BltPattern) != 0 ? _vram[((_bltSrc & ~(8 * _bltPixel - 1)) + (y & 7) * 8 * _bltPixel + x % (8 * _bltPixel)) & (VramSize - 1)]
                : _vram[(backwards ? src - x : src + x) & (VramSize - 1)];
            _vram[d] = Rop(_bltRop, s, _vram[d]);
        }
        MarkDirty(backwards ? dst - _bltWidth + 1 : dst, _bltWidth);
    }

    /// <summary>A colour-expanded row: each source bit picks the foreground or the background colour for a pixel.</summary>
    private void ExpandRow(int y, int dst, byte[]? cpuRow)
    {
        int pixels = _bltWidth / _bltPixel;
        uint fg = (uint)(_gr[0x01] | _gr[0x11] << 8 | _gr[0x13] << 16 | _gr[0x15] << 24);
        uint bg = (uint)(_gr[0x00] | _gr[0x10] << 8 | _gr[0x12] << 16 | _gr[0x14] << 24);
        bool transparent = (_bltMode & BltTransparent) != 0;
        for (int x = 0; x < pixels; x++)
        {
            int bitIndex = x;
            byte bits = cpuRow != null ? cpuRow[x >> 3]
                : (_bltMode & BltPattern) != 0 ? _vram[((_bltSrc & ~7) + (y & 7)) & (VramSize - 1)]
                : _vram[(_bltSrc + y * _bltSrcPitch + (x >> 3)) & (VramSize - 1)];
            bool on = (bits & (0x80 >> (bitIndex & 7))) != 0;
            if (!on && transparent) continue;
            uint color = on ? fg : bg;
            for (int k = 0; k < _bltPixel; k++)
            {
                int d = (dst + x * _bltPixel + k) & (VramSize - 1);
                _vram[d] = Rop(_bltRop, (byte)(color >> (k * 8)), _vram[d]);
            }
        }
        MarkDirty(dst, _bltWidth);
    }

    /// <summary>The 5446's raster operations (GR32) on one byte.</summary>
    private static byte Rop(byte rop, byte s, byte d) => rop switch
    {
        0x0D => s,
        0x00 => 0,
        0x05 => (byte)(s & d),
        0x06 => d,
        0x09 => (byte)(s & ~d),
        0x0B => (byte)~d,
        0x0E => 0xFF,
        0x50 => (byte)(~s & d),
        0x59 => (byte)(s ^ d),
        0x6D => (byte)(s | d),
        0x90 => (byte)(~s | ~d),
        0x95 => (byte)~(s ^ d),
        0xAD => (byte)(s | ~d),
        0xD0 => (byte)~s,
        0xD6 => (byte)(~s | d),
        0xDA => (byte)(~s & ~d),
        _ => s,
    };
}
