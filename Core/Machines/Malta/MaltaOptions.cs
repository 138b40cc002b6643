using VzFast.Cpu;

namespace VzFast.Machines.Malta;

/// <summary>How to build a Malta board (the QEMU options it mirrors in brackets).</summary>
public sealed class MaltaOptions
{
    /// <summary>RAM in bytes [-m]; QEMU's Malta allows up to 2 GiB, the first 256 MiB below the I/O hole.</summary>
    public ulong RamBytes { get; init; } = 128UL << 20;
    public CpuModel Cpu { get; init; } = CpuModel.Default;
    /// <summary>VZ guest under the hypervisor, or the CPU in root mode [-accel vz|none].</summary>
    public Accelerator Accel { get; init; } = Accelerator.Vz;
    /// <summary>How the CPU executes guest code [-accel ...,engine=jit|switch]; all engines give identical results.</summary>
    public ExecutionEngine Engine { get; init; } = ExecutionEngine.Jit;
    /// <summary>ELF kernel [-kernel].</summary>
    public required string KernelPath { get; init; }
    /// <summary>The kernel's bytes when it does not come from a file (the bundled demo); KernelPath then only names it.</summary>
    public byte[]? KernelImage { get; init; }
    /// <summary>What the guest sees as argv[0] (QEMU passes the -kernel argument as given).</summary>
    public string? KernelName { get; init; }
    public string? InitrdPath { get; init; }
    public string CommandLine { get; init; } = "";
    /// <summary>The RTC's time at power-on [-rtc base=]; fixed by default so runs repeat.</summary>
    public DateTimeOffset RtcStart { get; init; } = MaltaLayout.DefaultRtcStart;
    /// <summary>The 32-byte seed passed as 'rngseed'; QEMU draws it at random, VzFast fixes it so runs repeat.</summary>
    public string RngSeedHex { get; init; } = new('0', 64);
    /// <summary>The Cirrus CL-GD5446 PCI VGA in the first PCI slot [-vga cirrus|none]; present by default, as on QEMU's Malta.</summary>
    public bool Vga { get; init; } = true;
}
