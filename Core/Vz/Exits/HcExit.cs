namespace VzFast.Vz;

// GExcCode 2, Hypercall (kvm_trap_vz_handle_hc, kvm_mips_emul_hypcall): HYPCALL code 0 is the
// hypercall interface of hypcall.c (number in v0, arguments in a0-a3, result in v0).
public sealed unsafe partial class Vcpu
{
    private Resume HcExit()
    {
        Stats.vz_hc_exits++;
        uint word = BadInstr;
        uint code = (word >> 11) & 0x3FF;
        ulong curr = _pc;
        if (!AdvancePc()) return Resume.Host;
        if (code != 0)
        {
            _pc = curr;
            return Done(Fail($"[0x{curr:x}] HYPCALL 0x{code:x3} not supported"));
        }
        return HandleHypercall();
    }
}
