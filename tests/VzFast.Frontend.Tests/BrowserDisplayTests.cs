using System.Diagnostics;

namespace VzFast.Frontend.Tests;

/// <summary>
/// The -display web page in Debian's chromium, headless, driven by playwright-core from npm
/// (tests/browser/display.mjs): the canvas equals the emulator's frame, a key pressed on it
/// reaches the guest (the bundled graphical demo), which draws and answers on the serial port,
/// and quits. Needs chromium and `npm ci` in tests/browser (.ci/run does both).
/// </summary>
public class BrowserDisplayTests
{
    private static string BrowserDir => Path.GetFullPath(Path.Combine(VzfastProcess.GuestsDir, "..", "browser"));

    [Fact]
    public async Task ThePageShowsTheFrameAndItsKeysReachTheGuest()
    {
        if (!File.Exists("/usr/bin/chromium"))
            throw new InvalidOperationException("Debian's chromium is not installed (apt-get install chromium; .ci/run installs it)");
        if (!Directory.Exists(Path.Combine(BrowserDir, "node_modules", "playwright-core")))
            throw new InvalidOperationException($"playwright-core is not installed (npm ci in {BrowserDir}; .ci/run does it)");
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = BrowserDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("display.mjs");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vzfast.dll"));
        using var node = Process.Start(psi)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(true);
            throw new TimeoutException("the browser test did not finish: " + await output + await errors);
        }
        string stdout = await output, stderr = await errors;
        Assert.True(node.ExitCode == 0, $"exit {node.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("canvas equals the frame (640x480)", stdout);
        Assert.Contains("the guest reacted to ArrowRight", stdout);
        Assert.Contains("vzfast exited 0", stdout);
    }
}
