using VzFast.Cp0;

namespace VzFast.Vz;

// Root Coprocessor Unusable from guest mode (kvm_trap_vz_handle_cop_unusable): the guest FPU would
// be handed over here; these CPUs have none for the guest, so like Linux it is an internal error.
public sealed unsafe partial class Vcpu
{
    private bool HandleCopUnusable()
    {
        int ce = (int)((RC[Cp0Table.Cause] & Cause.CEMask) >> Cause.CEShift);
        return Fail($"guest used coprocessor {ce}, which root cannot give it, at PC 0x{_pc:x}");
    }
}
