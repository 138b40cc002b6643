namespace VzFast.Vz;

// GExcCode 9, Guest Hardware Field Change (kvm_trap_vz_handle_ghfc): with GuestCtl0.MC a guest mode
// change exits after it completed; Linux traces it and resumes.
public sealed unsafe partial class Vcpu
{
    private Resume GhfcExit()
    {
        Stats.vz_ghfc_exits++;
        Trace?.WriteLine($"kvm_guest_mode_change: PC: 0x{_pc:x16} Status: 0x{GC[Cp0.Cp0Table.Status]:x8}");
        return Resume.Guest;
    }
}
