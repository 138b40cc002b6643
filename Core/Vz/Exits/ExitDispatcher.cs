using VzFast.Cp0;
using VzFast.Cpu;

namespace VzFast.Vz;

// kvm_mips_handle_exit with kvm_vz's callbacks: one switch on the root Cause.ExcCode, and for the
// guest exit (GE) one on GuestCtl0.GExcCode (kvm_trap_vz_handle_guest_exit). Each exit bumps the
// counter Linux bumps and, with a trace, prints the kvm_exit tracepoint's line.
public sealed unsafe partial class Vcpu
{
    private static readonly string[] GExcNames = ["GPSI", "GSFC", "HC", "GRR", "4", "5", "6", "7", "GVA", "GHFC", "GPA"];

    private Resume HandleExit()
    {
        var code = (ExcCode)((RC[Cp0Table.Cause] & Cause.ExcCodeMask) >> Cause.ExcCodeShift);
        Exit.Reason = ExitReason.QuantumEnd; // the handlers set what the machine must serve
        bool handled;
        switch (code)
        {
            case ExcCode.Int:
                TraceExit("Interrupt");
                Stats.int_exits++;
                return Resume.Guest;
            case ExcCode.Mod:
                TraceExit("TLB Mod");
                Stats.tlbmod_exits++;
                handled = HandleTlbStoreMiss();
                break;
            case ExcCode.Tlbl:
                TraceExit("TLB Miss (LD)");
                Stats.tlbmiss_ld_exits++;
                handled = HandleTlbLoadMiss();
                break;
            case ExcCode.Tlbs:
                TraceExit("TLB Miss (ST)");
                Stats.tlbmiss_st_exits++;
                handled = HandleTlbStoreMiss();
                break;
            case ExcCode.CpU:
                TraceExit("COP0/1 Unusable");
                Stats.cop_unusable_exits++;
                handled = HandleCopUnusable();
                break;
            case ExcCode.MsaDis:
                TraceExit("MSA Disabled");
                Stats.msa_disabled_exits++;
                handled = HandleMsaDisabled();
                break;
            case ExcCode.GE:
                return HandleGuestExit();
            default:
                handled = Fail($"root exception {ExceptionNames.Of(code)} from guest mode not handled, PC 0x{_pc:x}, instruction 0x{BadInstr:x8}");
                break;
        }
        return handled && Exit.Reason is not (ExitReason.Mmio or ExitReason.InternalError) ? Resume.Guest : Resume.Host;
    }

    /// <summary>kvm_trap_vz_handle_guest_exit.</summary>
    private Resume HandleGuestExit()
    {
        var gexc = (GExcCode)((RC[Cp0Table.GuestCtl0] & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift);
        int g = (int)gexc;
        TraceExit(g < GExcNames.Length ? GExcNames[g] : "GE " + g);
        var result = gexc switch
        {
            GExcCode.Gpsi => GpsiExit(),
            GExcCode.Gsfc => GsfcExit(),
            GExcCode.Hc => HcExit(),
            GExcCode.Grr => GrrExit(),
            GExcCode.Gva => GvaExit(),
            GExcCode.Ghfc => GhfcExit(),
            GExcCode.Gpa => GpaExit(),
            _ => ReservedGuestExit(g),
        };
        return result;
    }

    /// <summary>kvm_trap_vz_no_handler_guest_exit: what Linux leaves unhandled stops the run with the instruction.</summary>
    private Resume UnhandledGuestExit(string name)
    {
        Fail($"guest exit {name} not handled, PC 0x{_pc:x}, instruction 0x{BadInstr:x8}, guest Status 0x{GC[Cp0Table.Status]:x8}");
        return Resume.Host;
    }

    private Resume ReservedGuestExit(int code)
    {
        Stats.vz_resvd_exits++;
        return UnhandledGuestExit($"code {code}");
    }

    /// <summary>EMULATE_FAIL: an internal-error exit carrying the message.</summary>
    private bool Fail(string message)
    {
        Exit.Reason = ExitReason.InternalError;
        Exit.Message = message;
        return false;
    }

    /// <summary>EMULATE_DONE / EMULATE_FAIL as Linux maps them to RESUME_GUEST / RESUME_HOST.</summary>
    private Resume Done(bool ok) => ok ? Resume.Guest : Resume.Host;

    private void TraceExit(string reason) => Trace?.WriteLine($"kvm_exit: [{reason}]PC: 0x{_pc:x16}");
}
