namespace VzFast.Vz;

// GExcCode 10, Guest Physical Address available: as a guest exit, unhandled in Linux.
public sealed unsafe partial class Vcpu
{
    private Resume GpaExit()
    {
        Stats.vz_gpa_exits++;
        return UnhandledGuestExit("GPA");
    }
}
