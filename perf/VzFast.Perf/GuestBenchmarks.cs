using BenchmarkDotNet.Attributes;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Perf;

/// <summary>A whole compute-bound guest (SHA-256, sort, matrix product) on the Malta board.</summary>
[MemoryDiagnoser]
public class GuestBenchmarks
{
    [Benchmark(Description = "compute.elf scale=1 on Malta")]
    public long Compute()
    {
        using var m = new Malta(new MaltaOptions { RamBytes = 64UL << 20, KernelPath = Guests.PathOf("compute.elf"), CommandLine = "scale=1" }) { NoReboot = true };
        m.Com1.Output = _ => { };
        var exit = m.Run();
        if (exit.Reason != StopReason.Shutdown) throw new InvalidOperationException(exit.Message);
        return m.Cpu.InstructionCount;
    }
}
