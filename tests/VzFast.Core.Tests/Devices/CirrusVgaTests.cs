using VzFast.Devices.CirrusVga;

namespace VzFast.Tests.Devices;

/// <summary>The Cirrus CL-GD5446: PCI identity and BARs, the registers cirrusfb reads, the BitBLT operations it uses, and the frame in each depth.</summary>
public class CirrusVgaTests
{
    private readonly CirrusVga _vga = new();

    private void Out(int port, byte v) => _vga.Ports.WritePort(port - 0x3C0, 1, v);
    private byte In(int port) => (byte)_vga.Ports.ReadPort(port - 0x3C0, 1);
    private void Seq(int i, byte v) { Out(0x3C4, (byte)i); Out(0x3C5, v); }
    private byte SeqRead(int i) { Out(0x3C4, (byte)i); return In(0x3C5); }
    private void Gfx(int i, int v) { Out(0x3CE, (byte)i); Out(0x3CF, (byte)v); }
    private byte GfxRead(int i) { Out(0x3CE, (byte)i); return In(0x3CF); }
    private void Crt(int i, int v) { Out(0x3D4, (byte)i); Out(0x3D5, (byte)v); }
    private void Poke(int offset, byte v) => _vga.Linear.Write((ulong)offset, 1, v);
    private byte Peek(int offset) => (byte)_vga.Linear.Read((ulong)offset, 1);

    /// <summary>640x480 (or the given size) in the given Cirrus depth, as cirrusfb programs it.</summary>
    private void Mode(int width, int height, byte sr7, int pitch, byte hdr = 0)
    {
        Seq(0x06, 0x12);
        Seq(0x07, sr7);
        Crt(0x01, width / 8 - 1);
        Crt(0x12, (height - 1) & 0xFF);
        Crt(0x07, ((height - 1) >> 8 & 1) << 1 | ((height - 1) >> 9 & 1) << 6);
        Crt(0x13, pitch / 8 & 0xFF);
        Crt(0x1B, 0x22 | (pitch / 8 & 0x100) >> 4);
        for (int i = 0; i < 4; i++) In(0x3C6);
        Out(0x3C6, hdr);
    }

    [Fact]
    public void PciIdentityAndBarSizing()
    {
        Assert.Equal(0x00B8_1013u, _vga.ReadConfig(0, 4));
        Assert.Equal(0x0300_0000u, _vga.ReadConfig(8, 4) & 0xFFFF_FF00);
        _vga.WriteConfig(0x10, 4, 0xFFFF_FFFF);
        Assert.Equal(~(CirrusVga.LinearBarSize - 1) | 8, _vga.ReadConfig(0x10, 4)); // 32 MiB, prefetchable memory
        _vga.WriteConfig(0x14, 4, 0xFFFF_FFFF);
        Assert.Equal(~(CirrusVga.MmioBarSize - 1), _vga.ReadConfig(0x14, 4));
        int changes = 0;
        _vga.MappingChanged = () => changes++;
        _vga.WriteConfig(0x10, 4, 0x1000_0000);
        _vga.WriteConfig(0x04, 2, 2);
        Assert.Equal((0x1000_0000u, CirrusVga.LinearBarSize), _vga.Bar(0));
        Assert.True(_vga.MemoryEnabled);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void ExtensionsUnlockAndMemorySizeReadsAsFourMiB()
    {
        Assert.Equal(0x0F, SeqRead(0x06));
        Seq(0x06, 0x12);
        Assert.Equal(0x12, SeqRead(0x06));
        byte srf = SeqRead(0x0F);
        Assert.Equal(0x18, srf & 0x18); // cirrusfb_get_memsize: 2 MiB ...
        Assert.Equal(0x80, srf & 0x80); // ... doubled by bank switching
        Out(0x3D4, 0x27);
        Assert.Equal(CirrusVga.ChipId, In(0x3D5));
    }

    [Fact]
    public void HiddenDacIsReachedAfterFourPixelMaskReads()
    {
        Out(0x3C6, 0xFF);
        for (int i = 0; i < 4; i++) Assert.Equal(0xFF, In(0x3C6));
        Out(0x3C6, 0xC1); // the hidden DAC register: 16 bits, 5-6-5
        Assert.Equal(0xFF, In(0x3C6)); // the pixel mask is unchanged
        Seq(0x06, 0x12);
        Seq(0x07, 0x07);
        Assert.Equal(16, _vga.Mode.Bits);
    }

    [Fact]
    public void EightBitFrameUsesTheDac()
    {
        Mode(640, 480, 0x01, 640);
        Out(0x3C8, 5);
        Out(0x3C9, 63); Out(0x3C9, 0); Out(0x3C9, 32);
        Poke(640 * 2 + 3, 5);
        var (top, bottom) = _vga.Render();
        Assert.Equal((0, 480), (top, bottom)); // the first render draws everything
        Assert.Equal(0xFF82_00FFu, _vga.Frame[640 * 2 + 3]); // R 255, G 0, B 130 (6-bit 32 widened)
        Assert.Equal(0xFF00_0000u, _vga.Frame[0]);
        Poke(640 * 100, 5); // only rows touching the written page are drawn again
        (top, bottom) = _vga.Render();
        Assert.True(top <= 100 && bottom > 100 && bottom - top < 16, $"rows {top}..{bottom}");
        Assert.Equal((0, 0), _vga.Render());
    }

    [Theory]
    [InlineData(0x07, 0xC1, 16, 0xF800, 0xFF0000FFu)]          // 5-6-5 red
    [InlineData(0x07, 0xC0, 15, 0x03E0, 0xFF00FF00u)]          // 5-5-5 green
    [InlineData(0x05, 0xC5, 24, 0xFF0000, 0xFF0000FFu)]        // B, G, R bytes: red
    [InlineData(0x09, 0xC5, 32, 0x0000FF, 0xFFFF0000u)]        // blue
    public void TrueColourFrames(byte sr7, byte hdr, int bits, int pixel, uint rgba)
    {
        int bytes = (bits + 7) / 8;
        Mode(320, 200, sr7, 320 * bytes, hdr);
        Assert.Equal(bits, _vga.Mode.Bits);
        int at = (10 * 320 + 7) * bytes;
        for (int i = 0; i < bytes; i++) Poke(at + i, (byte)(pixel >> (8 * i)));
        _vga.Render();
        Assert.Equal((320, 200), (_vga.FrameWidth, _vga.FrameHeight));
        Assert.Equal(rgba, _vga.Frame[10 * 320 + 7]);
    }

    private void Blit(int widthBytes, int height, int dst, int src, int pitch, int mode, int rop = 0x0D)
    {
        Gfx(0x24, pitch & 0xFF); Gfx(0x25, pitch >> 8);
        Gfx(0x26, pitch & 0xFF); Gfx(0x27, pitch >> 8);
        Gfx(0x20, (widthBytes - 1) & 0xFF); Gfx(0x21, (widthBytes - 1) >> 8);
        Gfx(0x22, (height - 1) & 0xFF); Gfx(0x23, (height - 1) >> 8);
        Gfx(0x28, dst & 0xFF); Gfx(0x29, dst >> 8 & 0xFF); Gfx(0x2A, dst >> 16);
        Gfx(0x2C, src & 0xFF); Gfx(0x2D, src >> 8 & 0xFF); Gfx(0x2E, src >> 16);
        Gfx(0x30, mode);
        Gfx(0x32, rop);
        Gfx(0x31, 0x02);
    }

    [Fact]
    public void PatternFillAsCirrusfbRectFill()
    {
        Gfx(0x00, 0x2A); // background
        Gfx(0x01, 0x2A); // foreground: fillrect uses one colour for both
        Blit(16, 4, 100 * 64 + 8, 0, 64, 0xC0);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 32; x++)
            {
                bool inside = y < 4 && x >= 8 && x < 24;
                Assert.Equal(inside ? 0x2A : 0, Peek((100 + y) * 64 + x));
            }
        Assert.Equal(0, GfxRead(0x31) & 0x03); // done: cirrusfb_sync's wait ends
    }

    [Fact]
    public void CopiesForwardsAndBackwardsOverlapping()
    {
        for (int i = 0; i < 16; i++) Poke(i, (byte)(i + 1));
        // backwards (addresses at the last byte), source and destination overlapping, as copyarea scrolls
        Blit(16, 1, 4 + 15, 15, 64, 0x01);
        for (int i = 0; i < 16; i++) Assert.Equal(i + 1, Peek(4 + i));
        Blit(8, 1, 200, 4, 64, 0x00);
        for (int i = 0; i < 8; i++) Assert.Equal(i + 1, Peek(200 + i));
        // a raster operation: source XOR destination
        Blit(8, 1, 200, 4, 64, 0x00, rop: 0x59);
        for (int i = 0; i < 8; i++) Assert.Equal(0, Peek(200 + i));
    }

    [Fact]
    public void ColourExpansionOfCpuDataAsCirrusfbImageBlit()
    {
        Gfx(0x00, 4);  // background
        Gfx(0x01, 15); // foreground
        Gfx(0x10, 0); Gfx(0x11, 0);
        Blit(12, 2, 1000, 0, 100, 0x84); // 12 pixels wide: 2 bytes of bits per row
        Assert.NotEqual(0, GfxRead(0x31) & 0x01); // waiting for the CPU's data
        _vga.Linear.Write(0, 4, 0x0F_F0_01_80); // rows: 0x80 0x01, then 0xF0 0x0F (memcpy order)
        Assert.Equal(0, GfxRead(0x31) & 0x09);
        byte[] row0 = [15, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
        byte[] row1 = [15, 15, 15, 15, 4, 4, 4, 4, 4, 4, 4, 4];
        for (int x = 0; x < 12; x++)
        {
            Assert.Equal(row0[x], Peek(1000 + x));
            Assert.Equal(row1[x], Peek(1100 + x));
        }
        Assert.Equal(0, Peek(1000 + 12)); // nothing past the width
        _vga.Linear.Write(0, 1, 0x55); // no operation running: an ordinary write to video memory
        Assert.Equal(0x55, Peek(0));
    }

    [Fact]
    public void SixteenBitColourExpansionWritesBothBytes()
    {
        Gfx(0x00, 0x34); Gfx(0x10, 0x12); // background 0x1234
        Gfx(0x01, 0xCD); Gfx(0x11, 0xAB); // foreground 0xABCD
        Blit(4, 1, 0, 0, 64, 0x94);       // two 16-bit pixels
        _vga.Linear.Write(0, 1, 0x80);
        Assert.Equal([0xCD, 0xAB, 0x34, 0x12], new[] { Peek(0), Peek(1), Peek(2), Peek(3) });
    }

    [Fact]
    public void MemoryMappedBlitRegistersStartAnOperation()
    {
        Poke(300, 9);
        // BAR1: width 0x08, height 0x0A, pitches 0x0C/0x0E, destination 0x10, source 0x14, mode 0x18, ROP 0x1A, start 0x40
        _vga.Mmio.Write(0x08, 2, 0);
        _vga.Mmio.Write(0x0A, 2, 0);
        _vga.Mmio.Write(0x10, 4, 400);
        _vga.Mmio.Write(0x14, 4, 300);
        _vga.Mmio.Write(0x18, 1, 0);
        _vga.Mmio.Write(0x1A, 1, 0x0D);
        _vga.Mmio.Write(0x40, 1, 0x02);
        Assert.Equal(9, Peek(400));
        // the VGA ports at 0x100
        _vga.Mmio.Write(0x104, 1, 0x06);
        Assert.Equal(0x0F, (byte)_vga.Mmio.Read(0x105, 1));
    }

    [Fact]
    public void VideoMemoryIsMirroredAndTheBlitPortIsAbove16MiB()
    {
        Poke(10, 0x77);
        Assert.Equal(0x77, (byte)_vga.Linear.Read(CirrusVga.VramSize + 10, 1));
        Assert.Equal(0xFF, (byte)_vga.Linear.Read(16u << 20, 1));
    }

    [Fact]
    public void RenderingAllocatesNothingPerFrame()
    {
        Mode(640, 480, 0x01, 640);
        void Frames(int count)
        {
            for (int frame = 0; frame < count; frame++)
            {
                Poke(frame * 640 + frame, (byte)frame);
                Gfx(0x00, frame); Gfx(0x01, frame);
                Blit(32, 8, (frame % 400) * 640, 0, 640, 0xC0);
                _vga.Render();
            }
        }
        Frames(50); // warm-up: the first render sizes the frame, first calls compile
        // a window of 200 frames with nothing allocated; a one-off of the runtime on this thread can
        // fall in a window, so a few are tried (an allocation per frame shows in every one)
        var seen = new List<long>();
        for (int window = 0; window < 5; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Frames(200);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0) return;
            seen.Add(allocated);
        }
        Assert.Fail($"every window of 200 frames allocated: {string.Join(", ", seen)} bytes");
    }
}
