using SkiaSharp;
using VzFast.Frontend.Web;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Frontend.Tests;

/// <summary>
/// The graphical demo (tests/guests/display.c) on the Cirrus VGA: its picture (CPU writes, pattern
/// fills, a screen-to-screen copy, colour expansion of CPU data) equals QEMU's screendump of the same
/// guest (display.expected.png, `make display.expected.png`), and it reacts to the keyboard.
/// </summary>
public class DisplayDemoTests
{
    private static Malta Boot(string append)
    {
        var m = new Malta(new MaltaOptions { RamBytes = 256UL << 20, KernelPath = Path.Combine(VzfastProcess.GuestsDir, "display.elf"), CommandLine = append })
        {
            NoReboot = true,
        };
        return m;
    }

    [Theory]
    [InlineData(Accelerator.Vz)]
    [InlineData(Accelerator.None)]
    public void PictureEqualsQemusScreendump(Accelerator accel)
    {
        using var m = new Malta(new MaltaOptions
        {
            RamBytes = 256UL << 20, KernelPath = Path.Combine(VzfastProcess.GuestsDir, "display.elf"), CommandLine = "hold", Accel = accel,
        }) { NoReboot = true };
        var serial = new System.Text.StringBuilder();
        m.Com1.Output = b => serial.Append((char)b);
        Assert.Equal(StopReason.InstructionLimit, m.Run(30_000_000).Reason);
        Assert.Contains("display: picture drawn", serial.ToString());
        var vga = m.Vga!;
        vga.Render();
        using var expected = SKBitmap.Decode(Path.Combine(VzfastProcess.GuestsDir, "display.expected.png"));
        Assert.Equal((expected.Width, expected.Height), (vga.FrameWidth, vga.FrameHeight));
        int differing = 0;
        for (int y = 0; y < expected.Height; y++)
            for (int x = 0; x < expected.Width; x++)
            {
                var e = expected.GetPixel(x, y);
                uint p = vga.Frame[y * vga.FrameWidth + x];
                // QEMU widens the DAC's 6 bits slightly differently: a few units per channel
                if (Math.Abs(e.Red - (int)(p & 0xFF)) > 4 || Math.Abs(e.Green - (int)(p >> 8 & 0xFF)) > 4 || Math.Abs(e.Blue - (int)(p >> 16 & 0xFF)) > 4)
                    differing++;
            }
        Assert.Equal(0, differing);
        Assert.True(vga.Blits >= 13 && vga.BlitDataBytes == 64, $"{vga.Blits} blits, {vga.BlitDataBytes} bytes of CPU data");
    }

    [Fact]
    public void ArrowKeysMoveTheBrush()
    {
        using var m = Boot("");
        var serial = new System.Text.StringBuilder();
        m.Com1.Output = b => serial.Append((char)b);
        m.Run(30_000_000);
        Assert.Contains("arrows move", serial.ToString());
        var vga = m.Vga!;
        vga.Render();
        uint board = vga.Frame[300 * 640 + 340];
        m.Keyboard.KeyboardInput(Ps2Keys.Tap("ArrowRight"));
        m.Run(5_000_000);
        Assert.Contains("key e0 4d -> 328,296", serial.ToString());
        var (top, bottom) = vga.Render();
        Assert.True(top <= 296 && bottom >= 312, $"rows {top}..{bottom} changed");
        Assert.NotEqual(board, vga.Frame[300 * 640 + 340]); // the brush is drawn at its new place
        m.Keyboard.KeyboardInput(Ps2Keys.Tap("KeyQ"));
        Assert.Equal(StopReason.Shutdown, m.Run(5_000_000).Reason);
    }
}
