using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. III privileged instructions: CP0 moves, DI/EI, ERET, WAIT, shadow-register moves, and the
// EJTAG pair SDBBP/DERET. All need CP0 access (kernel mode or Status.CU0): else Coprocessor Unusable.
public sealed unsafe partial class CpuCore
{
    /// <summary>Raises Coprocessor Unusable (CE=0) unless CP0 is usable; the handler must then return.</summary>
    private bool Cp0Denied()
    {
        if (Cp0Usable() || DebugMode) return false;
        RaiseException(ExcCode.CpU, 0);
        return true;
    }

    private static int Cp0Index(Cop0Move op) => op.Rd * 8 + op.Sel;

    // MFC0 reads the low word sign-extended; DMFC0 the whole register (32-bit ones sign-extended)
    private partial void Mfc0(Cop0Move op)
    {
        if (Cp0Denied()) return;
        R[op.Rt] = Sext32(ReadCp0(Cp0Index(op)));
    }

    private partial void Dmfc0(Cop0Move op)
    {
        if (Cp0Denied()) return;
        int i = Cp0Index(op);
        ulong v = ReadCp0(i);
        R[op.Rt] = Cp0Table.Widths[i] == 64 ? v : Sext32(v);
    }

    // MTC0 writes the sign-extended low word of rt; DMTC0 all 64 bits
    private partial void Mtc0(Cop0Move op)
    {
        if (Cp0Denied()) return;
        WriteCp0(Cp0Index(op), Sext32(R[op.Rt]));
    }

    private partial void Dmtc0(Cop0Move op)
    {
        if (Cp0Denied()) return;
        WriteCp0(Cp0Index(op), R[op.Rt]);
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
        UpdateTranslationContext();
        InterruptStateChanged();
    }

    /// <summary>WAIT: stop issuing until an interrupt can be taken; it returns to the next instruction.</summary>
    private partial void Wait(Wait op)
    {
        if (Cp0Denied()) return;
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
        if (!DebugMode)
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
