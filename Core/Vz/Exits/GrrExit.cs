namespace VzFast.Vz;

// GExcCode 3, Guest Reserved Instruction Redirect (GuestCtl0.RI): Linux has no handler for it.
public sealed unsafe partial class Vcpu
{
    private Resume GrrExit()
    {
        Stats.vz_grr_exits++;
        return UnhandledGuestExit("GRR");
    }
}
