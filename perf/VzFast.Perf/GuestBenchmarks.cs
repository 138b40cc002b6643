using BenchmarkDotNet.Attributes;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Perf;

/// <summary>
/// Whole guests on the Malta board: the compute-bound one (SHA-256, sort, matrix product) under
/// both accelerators, and an exit-bound one (the demo guest polling its UART: an MMIO exit every
/// few instructions) that prices the hypervisor's exit path.
/// </summary>
[MemoryDiagnoser]
public class GuestBenchmarks
{
    [Params(Accelerator.Vz, Accelerator.None)]
    public Accelerator Accel { get; set; }

    [Benchmark(Description = "compute.elf scale=1 on Malta")]
    public long Compute()
    {
        using var m = new Malta(new MaltaOptions { RamBytes = 64UL << 20, KernelPath = Guests.PathOf("compute.elf"), CommandLine = "scale=1", Accel = Accel }) { NoReboot = true };
        m.Com1.Output = _ => { };
        var exit = m.Run();
        if (exit.Reason != StopReason.Shutdown) throw new InvalidOperationException(exit.Message);
        return m.Cpu.InstructionCount;
    }

    private Malta? _polling;

    [GlobalSetup(Target = nameof(UartPolling))]
    public void SetupPolling()
    {
        _polling = new Malta(new MaltaOptions { RamBytes = 64UL << 20, KernelPath = Guests.PathOf("demo.elf"), Accel = Accel }) { NoReboot = true };
        _polling.Com1.Output = _ => { };
        _polling.Run(2_000_000); // past the banner: polling the line status register from here on
    }

    [GlobalCleanup(Target = nameof(UartPolling))]
    public void CleanupPolling() => _polling?.Dispose();

    /// <summary>One million guest instructions of UART polling (about 100 000 MMIO exits under VZ).</summary>
    [Benchmark(Description = "demo.elf UART polling, 1M instructions")]
    public long UartPolling()
    {
        var exit = _polling!.Run(1_000_000);
        if (exit.Reason != StopReason.InstructionLimit) throw new InvalidOperationException(exit.Message);
        return _polling.Vcpu?.Stats.mmio_exits ?? 0;
    }
}
