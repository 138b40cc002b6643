using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. III privileged instructions: CP0 moves, DI/EI, ERET, WAIT, shadow-register moves, and the
// EJTAG pair SDBBP/DERET. All need CP0 access (kernel mode or Status.CU0): else Coprocessor Unusable.
public sealed unsafe partial class CpuCore
{
    /// <summary>
    /// Raises Coprocessor Unusable (CE=0) unless CP0 is usable; in VZ guest mode a guest without
    /// GuestCtl0.CP0 exits with GPSI instead. The handler must return when this returns true.
    /// </summary>
    private bool Cp0Denied()
    {
        if (Cp0Usable() || (DebugMode && !InGuestMode))
        {
            if (InGuestMode && !GuestControl(GuestCtl0.CP0Mask))
            {
                GuestExit(GExcCode.Gpsi);
                return true;
            }
            return false;
        }
        RaiseException(ExcCode.CpU, 0);
        return true;
    }

    private static int Cp0Index(Cop0Move op) => op.Rd * 8 + op.Sel;

    /// <summary>
    /// VZ: a guest CP0 move the root must see (GPSI): registers outside the guest context (PRId,
    /// SRSCtl, ...), Count/Compare while the root keeps the timer (GT=0), Config writes without CF.
    /// </summary>
    private bool GuestCp0MoveTraps(int index, bool write)
    {
        if (!InGuestMode) return false;
        bool trap = !Cp0Table.InGuest[index]
                    || ((index == Cp0Table.Count || index == Cp0Table.Compare) && !GuestControl(GuestCtl0.GTMask))
                    || (write && index >= Cp0Table.Config0 && index <= Cp0Table.Config5 && !GuestControl(GuestCtl0.CFMask));
        if (trap) GuestExit(GExcCode.Gpsi);
        return trap;
    }

    /// <summary>VZ: a guest MTC0 that would change a field root controls exits with GSFC; root completes it.</summary>
    private bool GuestFieldChangeTraps(int index, ulong value)
    {
        if (!InGuestMode || ((GC[index] ^ value) & Cp0Table.GsfcMasks[index]) == 0) return false;
        GuestExit(GExcCode.Gsfc);
        return true;
    }

    // MFC0 reads the low word sign-extended; DMFC0 the whole register (32-bit ones sign-extended)
    private partial void Mfc0(Cop0Move op)
    {
        if (Cp0Denied() || GuestCp0MoveTraps(Cp0Index(op), write: false)) return;
        R[op.Rt] = Sext32(ReadCp0(Cp0Index(op)));
    }

    private partial void Dmfc0(Cop0Move op)
    {
        int i = Cp0Index(op);
        if (Cp0Denied() || GuestCp0MoveTraps(i, write: false)) return;
        ulong v = ReadCp0(i);
        R[op.Rt] = Cp0Table.Widths[i] == 64 ? v : Sext32(v);
    }

    // MTC0 writes the sign-extended low word of rt; DMTC0 all 64 bits
    private partial void Mtc0(Cop0Move op)
    {
        int i = Cp0Index(op);
        ulong v = Sext32(R[op.Rt]);
        if (Cp0Denied() || GuestCp0MoveTraps(i, write: true) || GuestFieldChangeTraps(i, v)) return;
        WriteCp0(i, v);
    }

    private partial void Dmtc0(Cop0Move op)
    {
        int i = Cp0Index(op);
        ulong v = R[op.Rt];
        if (Cp0Denied() || GuestCp0MoveTraps(i, write: true) || GuestFieldChangeTraps(i, v)) return;
        WriteCp0(i, v);
    }

    private partial void Di(Mfmc0 op)
    {
        if (Cp0Denied()) return;
        ulong st = C[Cp0Table.Status];
        R[op.Rt] = Sext32(st);
        C[Cp0Table.Status] = st & ~Status.IEMask;
    }

    private partial void Ei(Mfmc0 op)
    {
        if (Cp0Denied()) return;
        ulong st = C[Cp0Table.Status];
        R[op.Rt] = Sext32(st);
        C[Cp0Table.Status] = st | Status.IEMask;
        InterruptStateChanged();
    }

    /// <summary>ERET (Vol. III): return to ErrorEPC clearing ERL, else to EPC clearing EXL; breaks the LL link.</summary>
    private partial void Eret(NoOperands op)
    {
        if (Cp0Denied()) return;
        ulong st = C[Cp0Table.Status];
        ulong before = st;
        if ((st & Status.ERLMask) != 0)
        {
            Pc = C[Cp0Table.ErrorEPC];
            st &= ~Status.ERLMask;
        }
        else
        {
            Pc = C[Cp0Table.EPC];
            st &= ~Status.EXLMask;
        }
        C[Cp0Table.Status] = st;
        S->LLBit = 0;
        if (InGuestMode)
        {
            UpdateTranslationContext();
            InterruptStateChanged();
            GuestModeChanged(before);
            return;
        }
        UpdateGuestMode(); // a root ERET with GuestCtl0.GM set enters the guest
        UpdateTranslationContext();
        InterruptStateChanged();
    }

    /// <summary>WAIT: stop issuing until an interrupt can be taken; it returns to the next instruction. A guest WAIT exits (GPSI).</summary>
    private partial void Wait(Wait op)
    {
        if (Cp0Denied()) return;
        if (InGuestMode)
        {
            GuestExit(GExcCode.Gpsi);
            return;
        }
        Halted = true;
        RequestStop();
    }

    // With no shadow register sets (SRSCtl.HSS = 0) the previous set is the current one.
    private partial void Rdpgpr(ShadowMove op)
    {
        if (Cp0Denied()) return;
        R[op.Rd] = R[op.Rt];
    }

    private partial void Wrpgpr(ShadowMove op)
    {
        if (Cp0Denied()) return;
        R[op.Rd] = R[op.Rt];
    }

    /// <summary>SDBBP: a debug exception into EJTAG debug mode at the boot vector + 0x480 (as QEMU's EXCP_DBp).</summary>
    private partial void Sdbbp(SysCode op)
    {
        var s = S;
        if (InGuestMode)
        {
            GuestExit(GExcCode.Gpsi); // no guest debug mode
            return;
        }
        ulong debug = C[Cp0Table.Debug] & ~(Debug.DExcCodeMask | Debug.DBDMask);
        debug |= Debug.DBpMask | (9UL << Debug.DExcCodeShift) | Debug.DMMask;
        if ((s->DelaySlot & 1) != 0)
        {
            C[Cp0Table.DEPC] = s->CurPc - 4;
            debug |= Debug.DBDMask;
        }
        else C[Cp0Table.DEPC] = s->CurPc;
        C[Cp0Table.Debug] = debug;
        DebugMode = true;
        Pc = ResetVector + 0x480;
        UpdateTranslationContext();
    }

    /// <summary>DERET: leave debug mode to DEPC; outside debug mode it is a Reserved Instruction.</summary>
    private partial void Deret(NoOperands op)
    {
        if (Cp0Denied()) return;
        if (!DebugMode || InGuestMode)
        {
            ReservedInstruction(op.Raw);
            return;
        }
        DebugMode = false;
        C[Cp0Table.Debug] &= ~Debug.DMMask;
        Pc = C[Cp0Table.DEPC];
        UpdateTranslationContext();
        InterruptStateChanged();
    }
}
