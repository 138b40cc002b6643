using System.Diagnostics;

namespace VzFast.Frontend.Tests;

/// <summary>
/// Debian's gdb-multiarch against the stub (`-S -gdb tcp::0`) on a bare-metal guest with symbols:
/// breakpoints on symbols, registers, memory and disassembly, single steps, continue to the end.
/// </summary>
public class GdbStubTests
{
    private static string GdbMultiarch =>
        File.Exists("/usr/bin/gdb-multiarch") ? "/usr/bin/gdb-multiarch"
        : throw new InvalidOperationException("gdb-multiarch is not installed (apt-get install gdb-multiarch; .ci/run installs it)");

    private static (string Gdb, string Guest, int ExitCode) Debug(string accel, params string[] commands)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = VzfastProcess.GuestsDir,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "vzfast.dll"), "-accel", accel, "-m", "256", "-no-reboot",
                     "-kernel", "hello.elf", "-S", "-gdb", "tcp::0" })
            psi.ArgumentList.Add(a);
        using var vz = Process.Start(psi)!;
        vz.StandardInput.Close();
        var guestOut = vz.StandardOutput.ReadToEndAsync();
        string? line;
        int port = -1;
        while ((line = vz.StandardError.ReadLine()) != null)
            if (line.Contains("gdb stub on tcp::"))
            {
                port = int.Parse(line.Split("tcp::")[1].Split(',')[0]);
                break;
            }
        Assert.True(port > 0, "vzfast did not report its gdb port");
        var errRest = vz.StandardError.ReadToEndAsync();

        var g = new ProcessStartInfo(GdbMultiarch) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = VzfastProcess.GuestsDir };
        foreach (var a in new[] { "-batch", "-nx", "-ex", "set confirm off", "-ex", $"target remote :{port}" }) g.ArgumentList.Add(a);
        foreach (var c in commands) { g.ArgumentList.Add("-ex"); g.ArgumentList.Add(c); }
        g.ArgumentList.Add("hello.elf");
        using var gdb = Process.Start(g)!;
        var gdbOut = gdb.StandardOutput.ReadToEndAsync();
        var gdbErr = gdb.StandardError.ReadToEndAsync();
        if (!gdb.WaitForExit(60_000)) { gdb.Kill(true); vz.Kill(true); throw new TimeoutException("gdb-multiarch did not finish"); }
        if (!vz.WaitForExit(60_000)) { vz.Kill(true); throw new TimeoutException("vzfast did not finish after gdb"); }
        return (gdbOut.Result + gdbErr.Result, guestOut.Result + errRest.Result, vz.ExitCode);
    }

    [Theory]
    [InlineData("vz")]
    [InlineData("none")]
    public void BreakOnMainStepAndContinue(string accel)
    {
        var (gdb, guest, code) = Debug(accel,
            "info registers pc", "break main", "continue", "info registers pc", "x/2i $pc", "stepi", "stepi", "info registers pc",
            "print/x $sp", "x/4xw $sp", "delete", "continue");
        Assert.Contains("pc: 0xffffffffbfc00000", gdb);                 // stopped at the reset vector before anything ran
        Assert.Matches(@"Breakpoint 1, 0x[0-9a-f]+ in main \(\)", gdb);
        Assert.Matches(@"=> 0x[0-9a-f]+ <main\+\d+>:", gdb);            // disassembly from guest memory
        Assert.Contains("exited normally", gdb);
        Assert.Contains("hello from a bare-metal MIPS64 guest", guest); // the program ran to its end after continue
        Assert.Equal(0, code);
        // two steps moved the pc two instructions on
        var pcs = System.Text.RegularExpressions.Regex.Matches(gdb, @"pc: +0x([0-9a-f]+)").Select(m => Convert.ToUInt64(m.Groups[1].Value, 16)).ToArray();
        Assert.Equal(3, pcs.Length);
        Assert.Equal(pcs[1] + 8, pcs[2]);
    }

    [Fact]
    public void RegistersAndMemoryCanBeWritten()
    {
        var (gdb, guest, code) = Debug("vz",
            "break main", "continue", "set $t0 = 0x1234", "print/x $t0", "set {int}$sp = 0x55aa", "x/1xw $sp", "kill");
        Assert.Contains("$1 = 0x1234", gdb);
        Assert.Contains("0x000055aa", gdb);
        Assert.DoesNotContain("hello from a bare-metal MIPS64 guest", guest); // killed before it printed
    }

    /// <summary>The protocol itself, for what gdb's batch mode cannot do: Ctrl-C while the guest runs.</summary>
    [Fact]
    public async Task CtrlCStopsARunningGuest()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = VzfastProcess.GuestsDir };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "vzfast.dll"), "-m", "256", "-kernel", "demo.elf", "-S", "-gdb", "tcp::0" })
            psi.ArgumentList.Add(a);
        using var vz = Process.Start(psi)!;
        var stdout = vz.StandardOutput.ReadToEndAsync();
        string line;
        while (!(line = vz.StandardError.ReadLine()!).Contains("gdb stub on tcp::")) { }
        int port = int.Parse(line.Split("tcp::")[1].Split(',')[0]);
        using var tcp = new System.Net.Sockets.TcpClient("127.0.0.1", port);
        var s = tcp.GetStream();
        s.ReadTimeout = 10_000;
        string Exchange(string packet)
        {
            if (packet.Length > 0)
            {
                int sum = packet.Sum(c => c) & 0xFF;
                s.Write(System.Text.Encoding.ASCII.GetBytes($"${packet}#{sum:x2}"));
            }
            var reply = new System.Text.StringBuilder();
            int b;
            while ((b = s.ReadByte()) != '$') Assert.NotEqual(-1, b);
            while ((b = s.ReadByte()) != '#') reply.Append((char)b);
            s.ReadByte(); s.ReadByte();
            return reply.ToString();
        }
        Assert.Equal("T05", Exchange("?"));
        s.Write(System.Text.Encoding.ASCII.GetBytes("$c#63"));
        Thread.Sleep(1500); // the demo polls its UART meanwhile
        s.WriteByte(0x03);
        Assert.Equal("T02", Exchange(""));
        string pc = Exchange("p25");
        Assert.Equal(16, pc.Length);
        Assert.EndsWith("ffffffff", pc); // a kseg0 address, little-endian
        s.Write("$k#6b"u8); // no reply: the machine stops
        Assert.True(vz.WaitForExit(30_000));
        Assert.Contains("VzFast demo guest", await stdout); // it really ran between c and Ctrl-C
    }
}
