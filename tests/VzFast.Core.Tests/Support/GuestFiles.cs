namespace VzFast.Tests.Support;

/// <summary>Finds tests/guests from the test binary's directory.</summary>
public static class GuestFiles
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !System.IO.Directory.Exists(Path.Combine(dir, "tests", "guests"))) dir = Path.GetDirectoryName(dir);
        return dir == null ? throw new DirectoryNotFoundException("tests/guests not found above " + AppContext.BaseDirectory) : Path.Combine(dir, "tests", "guests");
    }

    public static string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Programs that need the hypervisor (the Makefile's VZ_ONLY): no QEMU recording, no -accel none run.</summary>
    public static readonly IReadOnlySet<string> VzOnly = new HashSet<string> { "hypercall" };

    /// <summary>Every guest program with a recorded expected output.</summary>
    public static IEnumerable<object[]> Programs() =>
        System.IO.Directory.GetFiles(Directory, "*.expected").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) }).OrderBy(p => (string)p[0]);
}
