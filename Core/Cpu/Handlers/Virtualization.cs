using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. IV-i chapter 5: the root's instructions into the guest context (MFGC0/DMFGC0/MTGC0/DMTGC0;
// the guest TLB ones are with the TLB instructions) and HYPCALL. Without the VZ module, or from
// inside a guest, the root-only ones are Reserved Instructions.
public sealed unsafe partial class CpuCore
{
    /// <summary>Root-only VZ instructions: RI without VZ or in guest mode, CpU without CP0 access.</summary>
    private bool RootOnlyVzDenied()
    {
        if (!Virtualization || InGuestMode)
        {
            RaiseException(ExcCode.RI);
            return true;
        }
        return Cp0Denied();
    }

    private partial void Mfgc0(Cop0Move op)
    {
        if (RootOnlyVzDenied()) return;
        R[op.Rt] = Sext32(ReadGuestCp0(Cp0Index(op)));
    }

    private partial void Dmfgc0(Cop0Move op)
    {
        if (RootOnlyVzDenied()) return;
        int i = Cp0Index(op);
        ulong v = ReadGuestCp0(i);
        R[op.Rt] = Cp0Table.Widths[i] == 64 ? v : Sext32(v);
    }

    private partial void Mtgc0(Cop0Move op)
    {
        if (RootOnlyVzDenied()) return;
        WriteGuestCp0(Cp0Index(op), Sext32(R[op.Rt]));
    }

    private partial void Dmtgc0(Cop0Move op)
    {
        if (RootOnlyVzDenied()) return;
        WriteGuestCp0(Cp0Index(op), R[op.Rt]);
    }

    /// <summary>HYPCALL: from guest kernel mode a guest exit (GExcCode HC); guest user mode gets CpU; in root mode it is reserved.</summary>
    private partial void Hypcall(Hypcall op)
    {
        if (!Virtualization || !InGuestMode)
        {
            ReservedInstruction(op.Raw);
            return;
        }
        if (!Cp0Usable())
        {
            RaiseException(ExcCode.CpU, 0);
            return;
        }
        GuestExit(GExcCode.Hc);
    }
}
