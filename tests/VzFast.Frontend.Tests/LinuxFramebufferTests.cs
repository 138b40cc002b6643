using VzFast.Devices.CirrusVga;
using VzFast.Frontend.Web;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Frontend.Tests;

/// <summary>
/// The Linux guest on the Cirrus framebuffer: console=tty0 puts init's shell on the framebuffer
/// console (cirrusfb + fbcon); a command typed through the PS/2 keyboard path (the web page's
/// scan codes into the 8042) runs, and its output is drawn. The check reads the 8x16 glyph cells
/// of the frame: "echo 1234 | rev" on the prompt line, and the next line's first four cells are
/// that line's "4", "3", "2", "1" cells (the same glyphs, so the output came from the guest's
/// font through the blitter, not from us).
/// </summary>
[Trait("Category", "LinuxBoot")]
public class LinuxFramebufferTests(DebianGuestFixture guest) : IClassFixture<DebianGuestFixture>
{
    private const int CellWidth = 8, CellHeight = 16;

    [Fact]
    public void ACommandTypedOnTheKeyboardShowsItsOutputOnTheFramebufferConsole()
    {
        using var m = new Malta(new MaltaOptions
        {
            RamBytes = 256UL << 20,
            KernelPath = Path.Combine(guest.Cache, "vmlinuz"),
            InitrdPath = Path.Combine(guest.Cache, "initrd.gz"),
            CommandLine = "console=ttyS0 console=tty0",
        }) { NoReboot = true };
        var serial = new System.Text.StringBuilder();
        m.Com1.Output = b => serial.Append((char)b);
        var vga = m.Vga!;
        // to init (the kernel's messages reach the serial port too), then until the shell has drawn its prompt
        for (int i = 0; i < 200 && !serial.ToString().Contains("Run /init as init process"); i++) Assert.Equal(StopReason.InstructionLimit, m.Run(50_000_000).Reason);
        Assert.Contains("Run /init as init process", serial.ToString());
        Assert.Equal(StopReason.InstructionLimit, m.Run(400_000_000).Reason);
        Assert.Equal(640, vga.Mode.Width);
        Assert.True(vga.Mode.Graphics);

        foreach (char c in "echo 1234 | rev\n")
        {
            foreach (var code in KeyCodes(c)) m.Keyboard.KeyboardInput(code);
            Assert.Equal(StopReason.InstructionLimit, m.Run(5_000_000).Reason);
        }
        Assert.Equal(StopReason.InstructionLimit, m.Run(200_000_000).Reason);
        vga.Render();

        var cells = Cells(vga);
        int rows = cells.GetLength(0);
        int found = -1;
        for (int r = 0; r + 1 < rows; r++)
        {
            // the prompt line: "# echo 1234 | rev", the digits in columns 7..10; below it "4321"
            bool match = true;
            for (int k = 0; k < 4 && match; k++) match = cells[r, 10 - k] != 0 && cells[r + 1, k] == cells[r, 10 - k];
            if (match && cells[r + 1, 4] == 0) found = r;
        }
        Assert.True(found >= 0, "no line with '1234' followed by a line with '4321' on the framebuffer");
        var digits = new HashSet<UInt128> { cells[found, 7], cells[found, 8], cells[found, 9], cells[found, 10] };
        Assert.Equal(4, digits.Count);
        Assert.True(vga.Blits > 100, $"{vga.Blits} blits: fbcon draws through the BitBLT engine");
    }

    /// <summary>The scan codes that type <paramref name="c"/> on a US keyboard.</summary>
    private static IEnumerable<byte[]> KeyCodes(char c)
    {
        string code = c switch
        {
            >= 'a' and <= 'z' => "Key" + char.ToUpperInvariant(c),
            >= '0' and <= '9' => "Digit" + c,
            ' ' => "Space",
            '\n' => "Enter",
            '|' => "Backslash",
            _ => throw new ArgumentException(c.ToString()),
        };
        if (c == '|') yield return Ps2Keys.Bytes("ShiftLeft", true);
        yield return Ps2Keys.Tap(code);
        if (c == '|') yield return Ps2Keys.Bytes("ShiftLeft", false);
    }

    /// <summary>Each 8x16 cell of the frame as a 128-bit pattern of pixels that differ from the frame's first pixel (the background).</summary>
    private static UInt128[,] Cells(CirrusVga vga)
    {
        var frame = vga.Frame;
        int w = vga.FrameWidth, h = vga.FrameHeight;
        uint background = frame[0];
        var cells = new UInt128[h / CellHeight, w / CellWidth];
        for (int r = 0; r < h / CellHeight; r++)
        for (int c = 0; c < w / CellWidth; c++)
        {
            UInt128 bits = 0;
            for (int y = 0; y < CellHeight; y++)
            for (int x = 0; x < CellWidth; x++)
                if (frame[(r * CellHeight + y) * w + c * CellWidth + x] != background) bits |= UInt128.One << (y * CellWidth + x);
            cells[r, c] = bits;
        }
        return cells;
    }
}
