namespace VzFast.Frontend;

/// <summary>
/// The bundled demo guests, built ELF files embedded at build time: tests/guests/demo.c (serial)
/// and, with a display, tests/guests/display.c (drawing on the Cirrus VGA, played on the keyboard).
/// </summary>
internal static class DemoGuest
{
    public static byte[] Image(bool graphical = false)
    {
        string name = graphical ? "display.elf" : "demo.elf";
        using var s = typeof(DemoGuest).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the demo guest {name} is missing from this build");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}
