using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Vz.Emulation;

namespace VzFast.Vz;

// Loads and stores to guest-physical space no memslot backs (kvm_mips_emulate_load/_store and
// kvm_mips_complete_mmio_load): the faulting instruction is decoded, the access handed to the
// machine as an MMIO exit, and a load completed into its register on the next Run.
public sealed unsafe partial class Vcpu
{
    private bool _mmioPending;
    private bool _mmioSigned;
    private int _ioGpr;
    private ulong _ioPc;
    /// <summary>Where the emulated instruction was, for a bus error: the PC of the exit and root Cause.BD.</summary>
    private ulong _mmioFaultPc;
    private bool _mmioFaultBd;

    /// <summary>update_pc: past the instruction, or (in a delay slot) where its branch goes.</summary>
    private bool NextPc(ulong pc, bool bd, out ulong next)
    {
        next = pc + 4;
        if (!bd) return true;
        if (!ReadGuestWord(pc, out uint branch)) return false;
        var target = BranchEmulation.NextPc(branch, pc, Cpu.GetGpr);
        if (target is not { } t) return false;
        next = t;
        return true;
    }

    /// <summary>The faulting instruction (kvm_get_badinstr): root BadInstr, which the hardware filled.</summary>
    private uint BadInstr => (uint)RC[Cp0Table.BadInstr];

    private bool ExitInDelaySlot => (RC[Cp0Table.Cause] & Cause.BDMask) != 0;

    /// <summary>kvm_mips_emulate_load / _store: false when the instruction is not one the MMIO path handles.</summary>
    private bool EmulateMmio(ulong gpa, bool store)
    {
        uint word = BadInstr;
        var op = Decoder.Decode(word);
        int width;
        bool signed = false;
        switch (op)
        {
            case Opcode.Lb: width = 1; signed = true; break;
            case Opcode.Lbu: width = 1; break;
            case Opcode.Lh: width = 2; signed = true; break;
            case Opcode.Lhu: width = 2; break;
            case Opcode.Lw: width = 4; signed = true; break;
            case Opcode.Lwu: width = 4; break;
            case Opcode.Ld: width = 8; break;
            case Opcode.Sb: width = 1; break;
            case Opcode.Sh: width = 2; break;
            case Opcode.Sw: width = 4; break;
            case Opcode.Sd: width = 8; break;
            default:
                return Fail($"MMIO {(store ? "store" : "load")} by an instruction the hypervisor does not emulate (0x{word:x8}) at PC 0x{_pc:x}, address 0x{gpa:x}");
        }
        bool isStore = op is Opcode.Sb or Opcode.Sh or Opcode.Sw or Opcode.Sd;
        if (isStore != store) return Fail($"MMIO {(store ? "store" : "load")} fault on instruction 0x{word:x8} at PC 0x{_pc:x}");
        bool bd = ExitInDelaySlot;
        if (!NextPc(_pc, bd, out ulong next)) return Fail($"cannot resolve the branch of the delay slot at PC 0x{_pc:x}");
        int rt = (int)(word >> 16) & 31;
        Exit.Address = gpa;
        Exit.Width = width;
        Exit.IsWrite = store;
        Exit.IsFetch = false;
        Exit.BusError = false;
        Exit.Data = store ? Cpu.GetGpr(rt) & (width == 8 ? ulong.MaxValue : (1UL << (width * 8)) - 1) : 0;
        _ioGpr = rt;
        _mmioSigned = signed;
        _ioPc = next;
        _mmioFaultPc = _pc;
        _mmioFaultBd = bd;
        _mmioPending = true;
        Stats.mmio_exits++;
        Exit.Reason = ExitReason.Mmio;
        return true;
    }

    /// <summary>
    /// kvm_mips_complete_mmio_load: the machine answered; finish the instruction (or take the bus
    /// error). False when the machine answered a fetch with data, which cannot be executed.
    /// </summary>
    private bool CompleteMmio()
    {
        _mmioPending = false;
        if (Exit.BusError)
        {
            _pc = _mmioFaultPc;
            InjectGuestException(Exit.IsFetch ? ExcCode.Ibe : ExcCode.Dbe, _mmioFaultBd, null);
            return true;
        }
        if (Exit.IsFetch)
            return Fail($"instruction fetch from guest physical 0x{Exit.Address:x}, outside every memslot, at PC 0x{_pc:x}");
        if (!Exit.IsWrite && !Exit.IsFetch)
        {
            ulong d = Exit.Data;
            ulong v = Exit.Width switch
            {
                1 => _mmioSigned ? (ulong)(long)(sbyte)d : (byte)d,
                2 => _mmioSigned ? (ulong)(long)(short)d : (ushort)d,
                4 => _mmioSigned ? (ulong)(long)(int)d : (uint)d,
                _ => d,
            };
            Cpu.SetGpr(_ioGpr, v);
        }
        _pc = _ioPc;
        return true;
    }

    /// <summary>
    /// Delivers an exception to the guest as if the instruction at the exit PC raised it
    /// (kvm_mips_emulate_exc): guest EPC/Cause.BD/ExcCode/BadVAddr, guest EXL, the guest's vector.
    /// </summary>
    private void InjectGuestException(ExcCode code, bool bd, ulong? badVAddr)
    {
        ulong status = GC[Cp0Table.Status];
        ulong cause = GC[Cp0Table.Cause] & ~Cause.ExcCodeMask;
        if ((status & Status.EXLMask) == 0)
        {
            GC[Cp0Table.EPC] = _pc;
            cause = bd ? cause | Cause.BDMask : cause & ~Cause.BDMask;
        }
        GC[Cp0Table.Cause] = cause | ((ulong)code << Cause.ExcCodeShift);
        if (badVAddr is { } b) GC[Cp0Table.BadVAddr] = b;
        GC[Cp0Table.Status] = status | Status.EXLMask;
        ulong vbase = (status & Status.BEVMask) != 0 ? 0xFFFF_FFFF_BFC0_0200UL : (ulong)(long)(int)(uint)(GC[Cp0Table.EBase] & 0xFFFF_F000UL);
        _pc = vbase + 0x180;
        Cpu.Stats.GuestExceptionsByCode[(int)code]++;
    }

    /// <summary>Reads a guest instruction word at a guest virtual address through both stages.</summary>
    private bool ReadGuestWord(ulong va, out uint word)
    {
        Span<byte> b = stackalloc byte[4];
        bool ok = Cpu.TranslateGuest(va, AccessKind.Load, out ulong rpa) && Vm.HostBus.TryReadRam(rpa, b);
        word = ok ? BitConverter.ToUInt32(b) : 0;
        return ok;
    }
}
