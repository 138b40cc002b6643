using VzFast.Cp0;
using VzFast.Cpu;

namespace VzFast.Vz;

// GExcCode 1, Guest Software Field Change (kvm_trap_vz_handle_gsfc): a guest MTC0 changed a field
// root controls; root completes the write with the bits Linux lets through and moves the PC on.
public sealed unsafe partial class Vcpu
{
    private Resume GsfcExit()
    {
        Stats.vz_gsfc_exits++;
        uint word = BadInstr;
        if (Decoder.Decode(word) != Opcode.Mtc0)
            return Done(Fail($"Handle GSFC, unrecognized instruction @ 0x{_pc:x}: 0x{word:x8}"));
        int rt = (int)(word >> 16) & 31, rd = (int)(word >> 11) & 31, sel = (int)word & 7;
        uint val = (uint)Cpu.GetGpr(rt);
        switch (rd * 8 + sel)
        {
            case Cp0Table.Status:
                // CU1 and FR reach the guest only with an FPU to give it (kvm_vz_gpsi_mtc0: !kvm_mips_guest_has_fpu)
                if (!Cpu.Model.HasFpu) val &= ~(uint)((1UL << 29) | Status.FRMask);
                Cpu.WriteGuestCp0(Cp0Table.Status, val);
                break;
            case Cp0Table.Cause:
            {
                uint old = (uint)GC[Cp0Table.Cause];
                uint change = old ^ val;
                bool before = CountDisabled;
                const uint rw = (uint)(Cause.DCMask | Cause.IVMask | Cause.WPMask) | 0x300u;
                change &= rw;
                change &= ~(uint)Cause.WPMask | old; // WP can only be cleared
                GC[Cp0Table.Cause] = old ^ change;
                if ((change & Cause.DCMask) != 0)
                {
                    if ((val & Cause.DCMask) != 0) LoseHardTimer();
                    CauseDcChanged(before);
                }
                RefreshGuestLines();
                break;
            }
            case Cp0Table.IntCtl:
                Cpu.WriteGuestCp0(Cp0Table.IntCtl, val);
                break;
            case Cp0Table.Config5:
                GC[Cp0Table.Config5] = GC[Cp0Table.Config5]; // no guest-writable Config5 fields on these models
                break;
            default:
                return Done(Fail($"Handle GSFC, unsupported field change @ 0x{_pc:x}: 0x{word:x8}"));
        }
        return Done(AdvancePc());
    }
}
