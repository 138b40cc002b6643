using System.Diagnostics;

namespace VzFast.Frontend.Tests;

/// <summary>Runs the built vzfast command as a user would, with stdin, and collects what it printed.</summary>
internal static class VzfastProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string GuestsDir
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !Directory.Exists(Path.Combine(dir, "tests", "guests"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new DirectoryNotFoundException("tests/guests"), "tests", "guests");
        }
    }

    public static Result Run(string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = GuestsDir,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vzfast.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("vzfast " + string.Join(' ', args) + " did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
