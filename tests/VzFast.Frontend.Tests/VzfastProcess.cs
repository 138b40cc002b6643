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

    public static Result Run(string stdin, params string[] args) => Run(stdin, 60_000, args);

    public static Result Run(string stdin, int timeoutMs, params string[] args)
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
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("vzfast " + string.Join(' ', args) + " did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs vzfast and answers its output: each time stdout shows a prompt's text, the matching
    /// input is typed (a person at the console, not a pipe filled in advance).
    /// </summary>
    public static Result Converse(int timeoutMs, (string WaitFor, string Type)[] script, params string[] args)
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
        var stderr = p.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        var reader = Task.Run(() =>
        {
            int step = 0, from = 0;
            var buffer = new char[4096];
            int n;
            while ((n = p.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (output) output.Append(buffer, 0, n);
                int at;
                // each prompt is looked for after the previous one
                while (step < script.Length && (at = output.ToString().IndexOf(script[step].WaitFor, from, StringComparison.Ordinal)) >= 0)
                {
                    from = at + script[step].WaitFor.Length;
                    p.StandardInput.Write(script[step].Type);
                    p.StandardInput.Flush();
                    step++;
                }
            }
        });
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"vzfast {string.Join(' ', args)} did not finish; output so far:\n{output}");
        }
        reader.Wait(10_000);
        return new Result(p.ExitCode, output.ToString(), stderr.Result);
    }
}
