using System.Text.Json;

namespace VzFast.Frontend.Tests;

public class CommandLineTests
{
    private static void AssertCleanError(VzfastProcess.Result r, int exitCode, string fragment)
    {
        Assert.Equal(exitCode, r.ExitCode);
        Assert.Contains(fragment, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
        Assert.StartsWith("vzfast: ", r.Stderr);
    }

    [Fact]
    public void NoArguments_BootsTheBundledDemo()
    {
        var r = VzfastProcess.Run("fib 10\nquit\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("VzFast demo guest", r.Stdout);
        Assert.Contains("fib(10) = 55", r.Stdout);
        Assert.Contains("bye", r.Stdout);
    }

    [Fact]
    public void QemuStyleOptions_RunAKernel()
    {
        var r = VzfastProcess.Run("", "-M", "malta", "-cpu", "5KEc", "-m", "256", "-nographic", "-serial", "stdio", "-display", "none", "-no-reboot", "-kernel", "hello.elf");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(VzfastProcess.GuestsDir, "hello.expected")), r.Stdout);
    }

    [Fact]
    public void UnknownOption_IsOneClearLine() => AssertCleanError(VzfastProcess.Run("", "-bogus-option"), 2, "-bogus-option");

    [Fact]
    public void MissingKernel_IsAnError() => AssertCleanError(VzfastProcess.Run("", "-kernel", "no-such.elf"), 1, "cannot open 'no-such.elf'");

    [Fact]
    public void NotAnElf_IsAnError() => AssertCleanError(VzfastProcess.Run("", "-kernel", "hello.c"), 1, "is not an ELF file");

    [Fact]
    public void ElfForAnotherMachine_IsAnError()
    {
        var r = VzfastProcess.Run("", "-kernel", "/bin/true");
        AssertCleanError(r, 1, "not MIPS");
    }

    [Fact]
    public void BigEndianElf_IsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vzfast-be-{Guid.NewGuid():N}.elf");
        var bytes = File.ReadAllBytes(Path.Combine(VzfastProcess.GuestsDir, "hello.elf"));
        bytes[5] = 2; // EI_DATA = ELFDATA2MSB
        File.WriteAllBytes(path, bytes);
        try
        {
            var r = VzfastProcess.Run("", "-kernel", path);
            Assert.Equal(1, r.ExitCode);
            Assert.DoesNotContain("   at ", r.Stderr);
            Assert.Matches("big-endian|not a valid ELF|not MIPS", r.Stderr);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SegmentOutsideRam_IsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vzfast-far-{Guid.NewGuid():N}.elf");
        var bytes = File.ReadAllBytes(Path.Combine(VzfastProcess.GuestsDir, "hello.elf"));
        long phoff = BitConverter.ToInt64(bytes, 0x20);
        BitConverter.TryWriteBytes(bytes.AsSpan((int)phoff + 24), 0xFFFF_FFFF_8F00_0000UL); // first segment's p_paddr: 240 MiB
        File.WriteAllBytes(path, bytes);
        try
        {
            AssertCleanError(VzfastProcess.Run("", "-m", "64", "-kernel", path), 1, "does not fit in RAM");
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("-m", "lots")]
    [InlineData("-M", "pc")]
    [InlineData("-cpu", "R4000")]
    [InlineData("-display", "sdl")]
    [InlineData("-display", "web:99999")]
    [InlineData("-vga", "vmware")]
    [InlineData("-accel", "hvf")]
    [InlineData("--trace", "mmio")]
    public void BadOptionValues_AreOneClearLine(string option, string value) =>
        AssertCleanError(VzfastProcess.Run("", option, value, "-kernel", "hello.elf"), 2, value);

    [Fact]
    public void ContradictoryDisplayOptions_AreOneClearLine()
    {
        AssertCleanError(VzfastProcess.Run("", "-display", "web:0", "-nographic", "-kernel", "hello.elf"), 2, "-nographic");
        AssertCleanError(VzfastProcess.Run("", "-display", "web:0", "-vga", "none", "-kernel", "hello.elf"), 2, "-vga none");
        AssertCleanError(VzfastProcess.Run("", "-screenshot", "x.png", "-vga", "none", "-kernel", "hello.elf"), 2, "-vga none");
    }

    [Fact]
    public void Screenshot_WritesThePngAtExit()
    {
        var png = Path.Combine(Path.GetTempPath(), $"vzfast-shot-{Guid.NewGuid():N}.png");
        try
        {
            var r = VzfastProcess.Run("", "-no-reboot", "-kernel", "display.elf", "-append", "once", "-screenshot", png);
            Assert.Equal(0, r.ExitCode);
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
            Assert.Equal(new SkiaSharp.SKColor(0, 0, 170), bitmap.GetPixel(5, 5)); // the first colour bar
        }
        finally { File.Delete(png); }
    }

    [Fact]
    public void ListsMachinesAndCpus()
    {
        Assert.Contains("malta", VzfastProcess.Run("", "-M", "help").Stdout);
        var cpus = VzfastProcess.Run("", "-cpu", "help").Stdout;
        Assert.Contains("5KEc", cpus);
        Assert.Contains("MIPS64R2-generic", cpus);
    }

    [Fact]
    public void Help_ListsTheOptions()
    {
        var r = VzfastProcess.Run("", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var o in new[] { "-kernel", "-initrd", "-append", "-nographic", "-serial", "-no-reboot", "-display", "-cpu", "-accel", "--trace", "--stats" })
            Assert.Contains(o, r.Stdout);
    }

    [Fact]
    public void Stats_PrintAndWriteJson()
    {
        var json = Path.Combine(Path.GetTempPath(), $"vzfast-stats-{Guid.NewGuid():N}.json");
        try
        {
            var r = VzfastProcess.Run("", "-no-reboot", "-kernel", "exceptions.elf", "--stats", "--stats-json", json);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("guest MIPS", r.Stderr);
            Assert.Contains("instructions", r.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.True(doc.RootElement.GetProperty("instructions").GetInt64() > 1000);
            Assert.True(doc.RootElement.GetProperty("exceptions").GetProperty("TLBL").GetInt64() >= 3);
            Assert.Equal("Shutdown", doc.RootElement.GetProperty("exit").GetString());
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void MaxInstructions_StopsTheRun()
    {
        var r = VzfastProcess.Run("", "--max-instructions", "1000", "-kernel", "compute.elf", "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("InstructionLimit", r.Stderr);
    }

    [Theory]
    [InlineData("vz")]
    [InlineData("none")]
    public void BothAccelerators_GiveTheSameOutput(string accel)
    {
        var r = VzfastProcess.Run("", "-accel", accel, "-m", "256", "-no-reboot", "-kernel", "exceptions.elf", "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(VzfastProcess.GuestsDir, "exceptions.expected")), r.Stdout);
        Assert.Contains($"accelerator     {accel}, engine jit", r.Stderr);
        if (accel == "vz") Assert.Contains("tlbmiss_ld_exits", r.Stderr);
        else Assert.DoesNotContain("vz exits", r.Stderr);
    }

    [Theory]
    [InlineData("switch", "-accel", "vz,engine=switch")]
    [InlineData("table", "--engine", "table")]
    [InlineData("blocks", "--engine", "blocks")]
    [InlineData("jit", "--engine", "jit")]
    public void EngineOption_PicksTheEngine(string engine, string option, string value)
    {
        var r = VzfastProcess.Run("", option, value, "-m", "256", "-no-reboot", "-kernel", "exceptions.elf", "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(VzfastProcess.GuestsDir, "exceptions.expected")), r.Stdout);
        Assert.Contains($"engine {engine}", r.Stderr);
    }

    [Theory]
    [InlineData("--engine", "turbo")]
    [InlineData("-accel", "vz,engine=turbo")]
    [InlineData("-accel", "vz,fast")]
    public void UnknownEngine_IsAClearError(string option, string value)
    {
        var r = VzfastProcess.Run("", option, value, "-kernel", "hello.elf");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("switch, table, blocks, jit", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void StatsJson_CarriesTheVzExitCounters()
    {
        var json = Path.Combine(Path.GetTempPath(), $"vzfast-vzstats-{Guid.NewGuid():N}.json");
        try
        {
            var r = VzfastProcess.Run("", "-m", "256", "-no-reboot", "-kernel", "vzexits.elf", "--stats-json", json);
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var exits = doc.RootElement.GetProperty("vzExits");
            Assert.Equal(64, exits.GetProperty("cache_exits").GetInt64());
            Assert.Equal(1, exits.GetProperty("wait_exits").GetInt64());
            Assert.Equal(4, exits.GetProperty("vz_gsfc_exits").GetInt64());
            Assert.Equal(0, exits.GetProperty("vz_grr_exits").GetInt64());
            Assert.Equal("vz", doc.RootElement.GetProperty("accel").GetString());
            Assert.True(doc.RootElement.GetProperty("vzExitsTotal").GetInt64() > 100);
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void TraceExits_WritesOneLinePerExit()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"vzfast-trace-{Guid.NewGuid():N}.txt");
        try
        {
            var r = VzfastProcess.Run("", "-m", "256", "-no-reboot", "-kernel", "vzexits.elf", "--trace", $"exits={trace}", "--stats-json", trace + ".json");
            Assert.Equal(0, r.ExitCode);
            var lines = File.ReadAllLines(trace).Where(l => l.StartsWith("kvm_exit:", StringComparison.Ordinal)).ToArray();
            using var doc = JsonDocument.Parse(File.ReadAllText(trace + ".json"));
            long total = doc.RootElement.GetProperty("vzExitsTotal").GetInt64();
            long cache = doc.RootElement.GetProperty("vzExits").GetProperty("cache_exits").GetInt64();
            long wait = doc.RootElement.GetProperty("vzExits").GetProperty("wait_exits").GetInt64();
            // one kvm_exit line per exit, plus the CACHE and WAIT detail lines GPSI prints for its sub-cases
            Assert.Equal(total + cache + wait, lines.Length);
            Assert.Contains(lines, l => l.Contains("[GSFC]PC: 0x"));
            Assert.Contains(lines, l => l.Contains("[TLB Miss (LD)]"));
        }
        finally
        {
            File.Delete(trace);
            File.Delete(trace + ".json");
        }
    }

    [Fact]
    public void TraceExits_NeedsTheHypervisor() =>
        AssertCleanError(VzfastProcess.Run("", "-accel", "none", "--trace", "exits", "-kernel", "hello.elf"), 2, "needs -accel vz");

    [Fact]
    public void GuestPowerOffByHypercall_SetsTheExitCode()
    {
        var r = VzfastProcess.Run("", "-m", "256", "-kernel", "hypercall.elf");
        Assert.Equal(7, r.ExitCode);
        Assert.Contains("hello through the console hypercall", r.Stdout);
    }

    [Fact]
    public void FetchAnUnknownGuest_IsAClearError() =>
        AssertCleanError(VzfastProcess.Run("", "fetch", "windows"), 2, "unknown guest 'windows'");

    [Fact]
    public void RtcBase_IsValidated() =>
        AssertCleanError(VzfastProcess.Run("", "-rtc", "base=yesterday", "-kernel", "hello.elf"), 2, "-rtc base=yesterday");

    [Fact]
    public void Help_ListsTheGuestCommands()
    {
        var r = VzfastProcess.Run("", "--help");
        Assert.Contains("fetch", r.Stdout);
        Assert.Contains("boot", r.Stdout);
    }
}
