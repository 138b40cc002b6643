using BenchmarkDotNet.Attributes;
using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Perf;

/// <summary>
/// The compute-bound guest (SHA-256, quicksort, matrix product) on the Malta board under VZ, once per
/// execution engine: a whole run from power-on, so the block engines' decoding and the JIT's
/// compiling are part of the time, as they are for a user.
/// </summary>
[MemoryDiagnoser]
public class EngineGuestBenchmarks
{
    [Params(ExecutionEngine.Switch, ExecutionEngine.Table, ExecutionEngine.Blocks, ExecutionEngine.Jit)]
    public ExecutionEngine Engine { get; set; }

    [Benchmark(Description = "compute.elf scale=2 on Malta, -accel vz")]
    public long Compute()
    {
        using var m = new Malta(new MaltaOptions { RamBytes = 64UL << 20, KernelPath = Guests.PathOf("compute.elf"), CommandLine = "scale=2", Accel = Accelerator.Vz }) { NoReboot = true };
        m.Cpu.Engine = Engine;
        m.Com1.Output = _ => { };
        var exit = m.Run();
        if (exit.Reason != StopReason.Shutdown) throw new InvalidOperationException(exit.Message);
        return m.Cpu.InstructionCount;
    }
}
