using System.Text.Json;

namespace VzFast.Frontend.Tests;

/// <summary>Fetches the Debian guest once for the Linux boot tests (through `vzfast fetch debian`, as a user would).</summary>
public class DebianGuestFixture
{
    protected DebianGuestFixture(bool vmlinux)
    {
        var args = new List<string> { "fetch", "debian", "--cache", Cache };
        if (vmlinux) args.Add("--vmlinux");
        var r = VzfastProcess.Run("", 1_800_000, [.. args]);
        if (r.ExitCode != 0) throw new InvalidOperationException("vzfast fetch debian failed: " + r.Stderr);
    }

    public string Cache { get; } = Environment.GetEnvironmentVariable("VZFAST_CACHE") is { Length: > 0 } c
        ? Path.Combine(c, "debian")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vzfast", "debian");

    public DebianGuestFixture() : this(vmlinux: false) { }

    public string Vmlinux => Path.Combine(Cache, "vmlinux");
}

/// <summary>The guest with the plain vmlinux (the -dbg package, about 660 MB, fetched once).</summary>
public sealed class DebianVmlinuxFixture() : DebianGuestFixture(vmlinux: true);

/// <summary>
/// Debian bookworm's 5kc-malta kernel with the busybox initramfs, to the marker and power-off,
/// under both accelerators; two boots repeat exactly; the shell answers on the console.
/// In the LinuxBoot category (CI runs it; it downloads about 50 MB once).
/// </summary>
[Trait("Category", "LinuxBoot")]
public class LinuxBootTests(DebianGuestFixture guest) : IClassFixture<DebianGuestFixture>
{
    private const int BootTimeoutMs = 300_000;

    private (VzfastProcess.Result Run, JsonElement Stats) Boot(string accel)
    {
        var json = Path.Combine(Path.GetTempPath(), $"vzfast-boot-{Guid.NewGuid():N}.json");
        try
        {
            var r = VzfastProcess.Run("", BootTimeoutMs, "boot", "debian", "--cache", guest.Cache, "--poweroff", "-accel", accel, "-nographic", "--stats-json", json);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            return (r, doc.RootElement.Clone());
        }
        finally { File.Delete(json); }
    }

    [Theory]
    [InlineData("vz")]
    [InlineData("none")]
    public void BootsToTheMarkerAndPowersOff(string accel)
    {
        var (r, stats) = Boot(accel);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}\n{r.Stdout[^Math.Min(2000, r.Stdout.Length)..]}");
        Assert.Contains("Linux version 6.1", r.Stdout);
        Assert.Contains("CPU0 revision is: 00018900 (MIPS 5KE)", r.Stdout);
        Assert.Contains("serial8250.0: ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A", r.Stdout);
        Assert.Contains("rtc_cmos 70.rtc: setting system clock to 2026-01-01", r.Stdout);
        Assert.Contains("Run /init as init process", r.Stdout);
        Assert.Contains("VZFAST-BOOT-OK", r.Stdout);
        Assert.Contains("reboot: Power down", r.Stdout);
        Assert.DoesNotContain("Kernel panic", r.Stdout);
        Assert.DoesNotContain("Oops", r.Stdout);
        Assert.Equal("Shutdown", stats.GetProperty("exit").GetString());
        Assert.Equal(accel, stats.GetProperty("accel").GetString());
        if (accel == "vz") Assert.True(stats.GetProperty("vzExits").GetProperty("mmio_exits").GetInt64() > 1000);
    }

    [Fact]
    public void TwoBootsExecuteTheSameInstructionsAndPrintTheSame()
    {
        var a = Boot("vz");
        var b = Boot("vz");
        Assert.Equal(0, a.Run.ExitCode);
        Assert.Equal(a.Stats.GetProperty("instructions").GetInt64(), b.Stats.GetProperty("instructions").GetInt64());
        Assert.Equal(a.Stats.GetProperty("virtualCycles").GetInt64(), b.Stats.GetProperty("virtualCycles").GetInt64());
        Assert.Equal(a.Run.Stdout, b.Run.Stdout);
    }

    private static (VzfastProcess.Result Run, JsonElement Stats)? _jitBoot;
    private static readonly object JitBootLock = new();

    /// <summary>Every engine boots exactly as the JIT (the default) does: the same instructions and the same console output.</summary>
    [Theory]
    [InlineData("switch")]
    [InlineData("table")]
    [InlineData("blocks")]
    public void EveryEngineBootsIdenticallyToTheJit(string engine)
    {
        (VzfastProcess.Result Run, JsonElement Stats) jit;
        lock (JitBootLock) jit = _jitBoot ??= Boot("vz");
        var other = Boot("vz,engine=" + engine);
        Assert.Equal(0, other.Run.ExitCode);
        Assert.Equal(engine, other.Stats.GetProperty("engine").GetString());
        Assert.Equal("jit", jit.Stats.GetProperty("engine").GetString());
        Assert.Equal(jit.Stats.GetProperty("instructions").GetInt64(), other.Stats.GetProperty("instructions").GetInt64());
        Assert.Equal(jit.Stats.GetProperty("virtualCycles").GetInt64(), other.Stats.GetProperty("virtualCycles").GetInt64());
        Assert.Equal(jit.Run.Stdout, other.Run.Stdout);
        Assert.True(jit.Stats.GetProperty("jit").GetProperty("blockInstructions").GetInt64() > jit.Stats.GetProperty("instructions").GetInt64() / 2);
    }

    [Fact]
    public void TheShellAnswersOnTheConsole()
    {
        var r = VzfastProcess.Converse(BootTimeoutMs,
        [
            ("'poweroff -f' or Ctrl-A x ends it", "echo hello-$((6*7))\n"),
            ("hello-42", "cat /proc/cpuinfo\n"),
            ("cpu model", "poweroff -f\n"),
        ], "boot", "debian", "--cache", guest.Cache, "-nographic");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("hello-42", r.Stdout);
        Assert.Contains("MIPS 5KE", r.Stdout);
        Assert.Contains("reboot: Power down", r.Stdout);
    }

    [Fact]
    public void RebootWithNoRebootEndsTheRun()
    {
        var r = VzfastProcess.Converse(BootTimeoutMs,
            [("'poweroff -f' or Ctrl-A x ends it", "reboot -f\n")],
            "boot", "debian", "--cache", guest.Cache, "-nographic", "-no-reboot", "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("reboot: Restarting system", r.Stdout);
        Assert.Contains("guest reset with -no-reboot", r.Stderr);
    }

    [Fact]
    public void RebootRestartsTheBoard()
    {
        var r = VzfastProcess.Converse(BootTimeoutMs,
        [
            ("'poweroff -f' or Ctrl-A x ends it", "echo first-boot; reboot -f\n"),
            ("reboot: Restarting system", ""),
            ("VZFAST-BOOT-OK", ""),
            ("'poweroff -f' or Ctrl-A x ends it", "poweroff -f\n"),
        ], "boot", "debian", "--cache", guest.Cache, "-nographic", "--stats");
        Assert.Equal(0, r.ExitCode);
        int boots = r.Stdout.Split("Linux version 6.1").Length - 1;
        Assert.Equal(2, boots);
        Assert.Contains("reboot: Power down", r.Stdout);
    }
}

/// <summary>The plain vmlinux with symbols: it boots, and gdb-multiarch debugs the kernel through the stub.</summary>
[Trait("Category", "LinuxBoot")]
public class LinuxVmlinuxTests(DebianVmlinuxFixture guest) : IClassFixture<DebianVmlinuxFixture>
{
    [Fact]
    public void ThePlainVmlinuxBootsToTheMarker()
    {
        var r = VzfastProcess.Run("", 300_000, "boot", "debian", "--cache", guest.Cache, "--vmlinux", "--poweroff", "-nographic");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("VZFAST-BOOT-OK", r.Stdout);
        Assert.Contains("reboot: Power down", r.Stdout);
    }

    [Fact]
    public async Task GdbMultiarchDebugsTheKernel()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "vzfast.dll"), "boot", "debian", "--cache", guest.Cache, "--poweroff",
                     "-append", "nokaslr", "-nographic", "-S", "-gdb", "tcp::0" })
            psi.ArgumentList.Add(a);
        using var vz = System.Diagnostics.Process.Start(psi)!;
        vz.StandardInput.Close();
        var stdout = vz.StandardOutput.ReadToEndAsync();
        string line;
        while (!(line = vz.StandardError.ReadLine()!).Contains("gdb stub on tcp::")) { }
        int port = int.Parse(line.Split("tcp::")[1].Split(',')[0]);
        var g = new System.Diagnostics.ProcessStartInfo("/usr/bin/gdb-multiarch") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-batch", "-nx", "-ex", "set confirm off", "-ex", $"target remote :{port}", "-ex", "hbreak start_kernel",
                     "-ex", "continue", "-ex", "bt", "-ex", "next", "-ex", "delete", "-ex", "break do_one_initcall", "-ex", "continue",
                     "-ex", "bt 2", "-ex", "delete", "-ex", "continue", guest.Vmlinux })
            g.ArgumentList.Add(a);
        using var gdb = System.Diagnostics.Process.Start(g)!;
        var gdbOut = gdb.StandardOutput.ReadToEndAsync();
        Assert.True(gdb.WaitForExit(600_000), "gdb-multiarch did not finish");
        Assert.True(vz.WaitForExit(120_000), "vzfast did not finish");
        string o = await gdbOut;
        Assert.Contains("Breakpoint 1, start_kernel () at init/main.c", o);
        Assert.Contains("in kernel_entry ()", o);
        Assert.Matches(@"Breakpoint 2, do_one_initcall \(fn=0x[0-9a-f]+ <", o);
        Assert.Contains("exited normally", o);
        Assert.Contains("VZFAST-BOOT-OK", await stdout);
    }
}
