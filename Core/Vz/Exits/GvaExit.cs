namespace VzFast.Vz;

// GExcCode 8, Guest Virtual Address available: as a guest exit, unhandled in Linux.
public sealed unsafe partial class Vcpu
{
    private Resume GvaExit()
    {
        Stats.vz_gva_exits++;
        return UnhandledGuestExit("GVA");
    }
}
