namespace VzFast.Frontend;

/// <summary>The bundled demo guest (tests/guests/demo.c, built ELF embedded at build time).</summary>
internal static class DemoGuest
{
    public static byte[] Image()
    {
        using var s = typeof(DemoGuest).Assembly.GetManifestResourceStream("demo.elf")
            ?? throw new InvalidOperationException("the demo guest is missing from this build");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}
