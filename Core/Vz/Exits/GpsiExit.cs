using VzFast.Cp0;
using VzFast.Cpu;

namespace VzFast.Vz;

// GExcCode 0, Guest Privileged Sensitive Instruction (kvm_trap_vz_handle_gpsi, kvm_vz_gpsi_cop0,
// kvm_vz_gpsi_cache): root emulates the trapped CP0 move, WAIT, CACHE or RDHWR and moves the PC on.
public sealed unsafe partial class Vcpu
{
    private Resume GpsiExit()
    {
        Stats.vz_gpsi_exits++;
        uint word = BadInstr;
        var op = Decoder.Decode(word);
        switch (op)
        {
            case Opcode.Wait:
                return EmulateWait();
            case Opcode.Sdbbp when GuestDebug:
                // a software breakpoint the debugger planted (KVM_GUESTDBG_USE_SW_BP): the PC stays on it
                TraceExit("DEBUG");
                Exit.Reason = ExitReason.Debug;
                return Resume.Host;
            case Opcode.Mfc0 or Opcode.Dmfc0 or Opcode.Mtc0 or Opcode.Dmtc0:
                return Done(GpsiCop0(op, word));
            case Opcode.Cache:
                Stats.cache_exits++;
                TraceExit("CACHE");
                return Done(GpsiCache(word));
            case Opcode.Rdhwr:
            {
                int rt = (int)(word >> 16) & 31, rd = (int)(word >> 11) & 31;
                if (rd != 2) return Done(Fail($"GPSI exception not supported: RDHWR ${rd} (0x{word:x8}) at 0x{_pc:x}"));
                Cpu.SetGpr(rt, (ulong)(long)(int)ReadCount());
                return Done(AdvancePc());
            }
            default:
                return Done(Fail($"GPSI exception not supported (0x{word:x8}) at PC 0x{_pc:x}"));
        }
    }

    /// <summary>update_pc after an emulated instruction.</summary>
    private bool AdvancePc()
    {
        if (!NextPc(_pc, ExitInDelaySlot, out ulong next)) return Fail($"cannot resolve the branch of the delay slot at PC 0x{_pc:x}");
        _pc = next;
        return true;
    }

    /// <summary>kvm_mips_emul_wait: halt until an interrupt is pending.</summary>
    private Resume EmulateWait()
    {
        TraceExit("WAIT");
        Stats.wait_exits++;
        if (!AdvancePc()) return Resume.Host;
        if (_pendingExceptions != 0) return Resume.Guest;
        _halted = true;
        LoseHardTimer(); // kvm_vz_vcpu_put: the software timer wakes a blocked vCPU
        Exit.Reason = ExitReason.Halt;
        return Resume.Host;
    }

    /// <summary>kvm_vz_gpsi_cop0.</summary>
    private bool GpsiCop0(Opcode op, uint word)
    {
        int rt = (int)(word >> 16) & 31, rd = (int)(word >> 11) & 31, sel = (int)word & 7;
        int index = rd * 8 + sel;
        ulong pc = _pc;
        if (op is Opcode.Mfc0 or Opcode.Dmfc0)
        {
            ulong val;
            if (index == Cp0Table.Count) val = ReadCount();
            else if (index == Cp0Table.Compare) val = GC[Cp0Table.Compare];
            else if (index == Cp0Table.LLAddr) val = 0;
            else if (index == Cp0Table.PRId || index == 15 * 8 + 2 || index == 15 * 8 + 3 || index == 12 * 8 + 2 || index == 12 * 8 + 3
                     || index == 16 * 8 + 7 || index == 26 * 8) val = _emulatedCp0[index];
            else return Fail($"[0x{pc:x}] unsupported cop0 instruction 0x{word:x8} (MFC0 ${rd}, {sel})");
            Cpu.SetGpr(rt, op == Opcode.Mfc0 ? (ulong)(long)(int)(uint)val : val);
            return AdvancePc();
        }
        ulong v = Cpu.GetGpr(rt);
        if (index == Cp0Table.Count) WriteCount((uint)v);
        else if (index == Cp0Table.Compare) WriteCompare((uint)v, ack: true);
        else if (index == Cp0Table.LLAddr || index == 26 * 8) { } // LLAddr: no RW LLB; ErrCtl: ignored
        else return Fail($"[0x{pc:x}] unsupported cop0 instruction 0x{word:x8} (MTC0 ${rd}, {sel})");
        return AdvancePc();
    }

    /// <summary>kvm_vz_gpsi_cache: index I/D flushes and hit operations are done (no caches here); others fail.</summary>
    private bool GpsiCache(uint word)
    {
        int opInst = (int)(word >> 16) & 31;
        int cache = opInst & 3;
        if (cache is not (0 or 1)) return AdvancePc(); // secondary / tertiary cache ops ignored
        switch (opInst)
        {
            case 0x00: // Index_Invalidate_I
            case 0x01: // Index_Writeback_Inv_D
            case 0x10: // Hit_Invalidate_I
            case 0x11: // Hit_Invalidate_D
            case 0x15: // Hit_Writeback_Inv_D
                return AdvancePc();
            default:
                return Fail($"@ 0x{_pc:x} CACHE (cache: {cache}, op: {opInst >> 2}) not emulated (0x{word:x8})");
        }
    }
}
