using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Tests.Support;

namespace VzFast.Tests.Machines;

/// <summary>
/// Every bare-metal program in tests/guests prints exactly what it printed on
/// qemu-system-mips64el -M malta -cpu 5KEc (the .expected files, recorded by `make expected`),
/// both as a VZ guest under the hypervisor and on the CPU in root mode, on every execution engine.
/// </summary>
public class GuestCorpusTests
{
    public static TheoryData<string, Accelerator, ExecutionEngine> ProgramsUnderEachAccel()
    {
        var data = new TheoryData<string, Accelerator, ExecutionEngine>();
        foreach (var row in GuestFiles.Programs())
            foreach (var accel in new[] { Accelerator.Vz, Accelerator.None })
                foreach (var engine in Enum.GetValues<ExecutionEngine>())
                    if (accel == Accelerator.Vz || !GuestFiles.VzOnly.Contains((string)row[0]))
                        data.Add((string)row[0], accel, engine);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProgramsUnderEachAccel))]
    public void SerialOutputMatchesQemu(string program, Accelerator accel, ExecutionEngine engine)
    {
        string Read(string ext) => File.Exists(GuestFiles.PathOf(program + ext)) ? File.ReadAllText(GuestFiles.PathOf(program + ext)) : "";
        var input = File.Exists(GuestFiles.PathOf(program + ".input")) ? File.ReadAllBytes(GuestFiles.PathOf(program + ".input")) : null;
        var r = MaltaRun.Run(program, input, Read(".append").Trim(), accel: accel, engine: engine);
        using (r.Machine)
        {
            Assert.True(r.Exit.Reason == StopReason.Shutdown, r.Exit.Message);
            var expected = File.ReadAllBytes(GuestFiles.PathOf(program + ".expected"));
            Assert.Equal(System.Text.Encoding.Latin1.GetString(expected), System.Text.Encoding.Latin1.GetString(r.Output));
        }
    }

    /// <summary>
    /// The FPU and MSA programs with every block compiled on its first run (and regions on the
    /// second): each instruction then goes through the JIT's COP1/MSA helpers and their fallbacks
    /// (FR = 0, rounding modes, enables, NaNs, exceptions) rather than the interpreter.
    /// </summary>
    [Theory]
    [InlineData("fpu", Accelerator.Vz)]
    [InlineData("fpu", Accelerator.None)]
    [InlineData("msa", Accelerator.Vz)]
    [InlineData("msa", Accelerator.None)]
    [InlineData("msafp", Accelerator.Vz)]
    [InlineData("msafp", Accelerator.None)]
    [InlineData("lasx", Accelerator.Vz)]
    [InlineData("msabench", Accelerator.Vz)]
    [InlineData("fpbench", Accelerator.Vz)]
    public void FpuAndMsaPrograms_MatchQemu_WithEveryBlockCompiled(string program, Accelerator accel)
    {
        var r = MaltaRun.Run(program, accel: accel, engine: ExecutionEngine.Jit, configure: m =>
        {
            var jit = m.Cpu.Jit!;
            jit.HotThreshold = 1;
            jit.RegionThreshold = 2;
            jit.Background = false;
        });
        using (r.Machine)
        {
            Assert.True(r.Exit.Reason == StopReason.Shutdown, r.Exit.Message);
            Assert.True(r.Machine.Cpu.Jit!.Compiled > 50, $"{r.Machine.Cpu.Jit.Compiled} blocks compiled");
            var expected = File.ReadAllBytes(GuestFiles.PathOf(program + ".expected"));
            Assert.Equal(System.Text.Encoding.Latin1.GetString(expected), System.Text.Encoding.Latin1.GetString(r.Output));
        }
    }

    [Fact]
    public void TwoRunsExecuteTheSameInstructions()
    {
        var a = MaltaRun.Run("timer");
        var b = MaltaRun.Run("timer");
        using (a.Machine)
        using (b.Machine)
        {
            Assert.Equal(a.Instructions, b.Instructions);
            Assert.Equal(a.Output, b.Output);
        }
    }
}
