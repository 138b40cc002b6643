namespace VzFast.Machines;

/// <summary>How the board's guest runs (QEMU's -accel).</summary>
public enum Accelerator
{
    /// <summary>In VZ guest mode under the built-in hypervisor (Core/Vz), as QEMU runs a guest on KVM.</summary>
    Vz,
    /// <summary>On the CPU in root mode, every privileged operation done by the CPU itself (QEMU's TCG).</summary>
    None,
}
