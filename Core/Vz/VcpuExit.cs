namespace VzFast.Vz;

/// <summary>Why Vcpu.Run returned to the machine loop (kvm_run.exit_reason).</summary>
public enum ExitReason
{
    /// <summary>The instruction budget ran out (or the machine asked the vCPU to stop).</summary>
    QuantumEnd,
    /// <summary>A guest load or store hit guest-physical space no memslot backs (KVM_EXIT_MMIO).</summary>
    Mmio,
    /// <summary>A hypercall the machine serves (KVM_EXIT_HYPERCALL).</summary>
    Hypercall,
    /// <summary>The guest executed WAIT with no interrupt pending.</summary>
    Halt,
    /// <summary>The guest asked to power off (KVM_EXIT_SHUTDOWN).</summary>
    Shutdown,
    /// <summary>A debug event (KVM_EXIT_DEBUG).</summary>
    Debug,
    /// <summary>Something the hypervisor cannot handle, as Linux reports with KVM_EXIT_INTERNAL_ERROR.</summary>
    InternalError,
}

/// <summary>
/// The exit record (kvm_run): one per vCPU, reused on every exit so nothing is allocated.
/// For MMIO the machine fills <see cref="Data"/> of a load before the next Run completes it.
/// </summary>
public sealed class VcpuExit
{
    public ExitReason Reason { get; internal set; }
    /// <summary>MMIO: guest physical address, width in bytes, data, direction.</summary>
    public ulong Address { get; internal set; }
    public int Width { get; internal set; }
    public ulong Data { get; set; }
    public bool IsWrite { get; internal set; }
    /// <summary>Set by the machine when nothing answers the access: the guest takes a bus error.</summary>
    public bool BusError { get; set; }
    /// <summary>MMIO: the access was an instruction fetch (only reported when the machine may answer it).</summary>
    public bool IsFetch { get; internal set; }
    /// <summary>Hypercall: number (v0) and arguments (a0..a3); the machine writes the result.</summary>
    public ulong HypercallNumber { get; internal set; }
    public readonly ulong[] HypercallArgs = new ulong[4];
    public ulong HypercallResult { get; set; }
    /// <summary>InternalError: what failed, with the instruction and PC.</summary>
    public string Message { get; internal set; } = "";
}
