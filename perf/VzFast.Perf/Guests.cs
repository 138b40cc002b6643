namespace VzFast.Perf;

/// <summary>Locates tests/guests from the benchmark's working directory or binary.</summary>
internal static class Guests
{
    public static string PathOf(string file)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            string? dir = start;
            while (dir != null)
            {
                var candidate = Path.Combine(dir, "tests", "guests", file);
                if (File.Exists(candidate)) return candidate;
                dir = Path.GetDirectoryName(dir);
            }
        }
        throw new FileNotFoundException("tests/guests/" + file + " not found; run from the repository");
    }
}
