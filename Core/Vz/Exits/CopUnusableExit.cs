using VzFast.Cp0;

namespace VzFast.Vz;

// Root Coprocessor Unusable from guest mode (kvm_trap_vz_handle_cop_unusable): the guest used the
// FPU with its own Status.CU1 set while root's is clear. The FPU is handed over lazily, as
// kvm_own_fpu does: root Status.CU1 is set (the registers already hold the guest's: this vCPU is
// the only user of the FPU) and the instruction runs again. Anything else is an internal error.
public sealed unsafe partial class Vcpu
{
    /// <summary>The guest owns the FPU (KVM_MIPS_AUX_FPU in kvm's aux_inuse).</summary>
    public bool FpuOwned { get; private set; }

    private bool HandleCopUnusable()
    {
        int ce = (int)((RC[Cp0Table.Cause] & Cause.CEMask) >> Cause.CEShift);
        if (ce != 1 || !Cpu.Model.HasFpu || FpuOwned)
            return Fail($"guest used coprocessor {ce}, which root cannot give it, at PC 0x{_pc:x}");
        OwnFpu();
        return true;
    }

    /// <summary>kvm_own_fpu: root lets the guest context use COP1.</summary>
    private void OwnFpu()
    {
        Cpu.WriteRootCp0(Cp0Table.Status, RC[Cp0Table.Status] | (1UL << 29));
        FpuOwned = true;
    }

    /// <summary>The guest owns MSA (KVM_MIPS_AUX_MSA).</summary>
    public bool MsaOwned { get; private set; }

    /// <summary>
    /// Root MSA Disabled from guest mode (kvm_trap_vz_handle_msa_disabled): with MSA enabled in the
    /// guest's Config5 (and not CU1 with FR = 0), root enables it for the guest context, and the FPU
    /// with it (kvm_own_msa), and the instruction runs again. On a LASX model the 256-bit registers
    /// go with MSA (an XVLD/XVST takes the same exit): one hand-over for all three.
    /// </summary>
    private bool HandleMsaDisabled()
    {
        ulong st = GC[Cp0Table.Status];
        if (!Cpu.Model.HasMsa || (st & ((1UL << 29) | Status.FRMask)) == 1UL << 29 || (GC[Cp0Table.Config5] & (1UL << 27)) == 0 || MsaOwned)
            return Fail($"MSA Disabled exit the guest should not have caused, at PC 0x{_pc:x}");
        Cpu.WriteRootCp0(Cp0Table.Config5, RC[Cp0Table.Config5] | (1UL << 27));
        if (Cpu.Model.HasFpu && !FpuOwned) OwnFpu();
        MsaOwned = true;
        return true;
    }

    /// <summary>kvm_lose_fpu: root takes MSA (with LASX's upper halves) and COP1 back; the next guest use traps again.</summary>
    public void LoseFpu()
    {
        if (MsaOwned) Cpu.WriteRootCp0(Cp0Table.Config5, RC[Cp0Table.Config5] & ~(1UL << 27));
        Cpu.WriteRootCp0(Cp0Table.Status, RC[Cp0Table.Status] & ~(1UL << 29));
        FpuOwned = MsaOwned = false;
    }
}
