using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. II-A system instructions: SYSCALL/BREAK, SYNC/SYNCI/PREF, CACHE, RDHWR.
public sealed unsafe partial class CpuCore
{
    private partial void Syscall(SysCode op) => RaiseException(ExcCode.Sys);

    private partial void Break(SysCode op) => RaiseException(ExcCode.Bp);

    // Memory is sequentially consistent here: SYNC orders nothing further.
    private partial void Sync(Sync op) { }

    // No instruction cache is modelled: SYNCI has nothing to write back (engines that cache code hook here).
    private partial void Synci(Synci op) => OnCodeModified(R[op.Base] + (ulong)op.Imm);

    private partial void Pref(Cache op) { }

    // CACHE is privileged (Coprocessor Unusable from user mode without CU0); no caches are modelled.
    // A VZ guest may run Hit operations itself with GuestCtl0.CG; every other one exits (GPSI).
    private partial void Cache(Cache op)
    {
        if (!Cp0Usable()) { RaiseException(ExcCode.CpU, 0); return; }
        if (InGuestMode && (!GuestControl(GuestCtl0.CGMask) || (op.Op >> 2) is < 4 or > 6))
        {
            GuestExit(GExcCode.Gpsi);
            return;
        }
        OnCodeModified(R[op.Base] + (ulong)op.Imm);
    }

    /// <summary>RDHWR (Vol. II-A): allowed in kernel mode, with CU0, or when HWREna enables the register.</summary>
    private partial void Rdhwr(Rdhwr op)
    {
        int reg = op.Rd;
        bool allowed = Cp0Usable() || (reg < 32 && ((C[Cp0Table.HWREna] >> reg) & 1) != 0);
        ulong value;
        switch (reg)
        {
            case 0: value = C[Cp0Table.EBase] & EBase.CpuNumMask; break;
            case 1: value = (ulong)Model.SynciStep; break;
            case 2:
                if (InGuestMode && !GuestControl(GuestCtl0.GTMask)) { GuestExit(GExcCode.Gpsi); return; }
                value = Sext32(InGuestMode ? ReadGuestCount() : ReadCount());
                break;
            case 3: value = (ulong)Model.CCRes; break;
            case 29: value = C[Cp0Table.UserLocal]; break;
            default: ReservedInstruction(op.Raw); return;
        }
        if (!allowed) { ReservedInstruction(op.Raw); return; }
        R[op.Rt] = value;
    }

    /// <summary>Kernel mode or Status.CU0: CP0 and privileged instructions are usable.</summary>
    internal bool Cp0Usable() => KernelMode || (C[Cp0Table.Status] & (1UL << Status.CUShift)) != 0;

    /// <summary>Encodings the spec does not list or does not implement; a VZ guest with GuestCtl0.RI exits (GRR).</summary>
    private void ReservedInstruction(uint word)
    {
        if (InGuestMode && GuestControl(GuestCtl0.RIMask)) GuestExit(GExcCode.Grr);
        else RaiseException(ExcCode.RI);
    }

    /// <summary>Called when guest code may have changed at <paramref name="va"/> (SYNCI, CACHE).</summary>
    partial void OnCodeModified(ulong va);
}
