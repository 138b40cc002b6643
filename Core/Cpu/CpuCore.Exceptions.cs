using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Exception entry (MIPS64 Vol. III, 6.2 "General Exception Processing" and 6.2.1 vector locations).
public sealed unsafe partial class CpuCore
{
    public const ulong ResetVector = 0xFFFF_FFFF_BFC0_0000UL;
    private const ulong BevBase = 0xFFFF_FFFF_BFC0_0200UL;

    /// <summary>Raises <paramref name="code"/> through the general exception vector.</summary>
    internal void RaiseException(ExcCode code, int coprocessor = 0) => TakeException(code, 0x180, coprocessor);

    internal void AddressError(AccessKind kind, ulong va)
    {
        C[Cp0Table.BadVAddr] = va;
        RaiseException(kind == AccessKind.Store ? ExcCode.AdES : ExcCode.AdEL);
    }

    /// <summary>An access to a physical address no device decodes: bus error, as QEMU's do_transaction_failed.</summary>
    private bool BusError(AccessKind kind, ulong pa)
    {
        RaiseException(kind == AccessKind.Fetch ? ExcCode.Ibe : ExcCode.Dbe);
        return false;
    }

    /// <summary>
    /// A failed translation: address error (segment not accessible) or TLB refill / invalid /
    /// modified. Every one fills BadVAddr, Context, XContext and EntryHi (as QEMU's
    /// raise_mmu_exception; alignment errors take AddressError and set BadVAddr only).
    /// </summary>
    internal void TranslationFault(TranslateResult result, AccessKind kind, ulong va)
    {
        if (!DebugMode) C[Cp0Table.BadVAddr] = va;
        C[Cp0Table.Context] = (C[Cp0Table.Context] & Context.PTEBaseMask) | ((va >> 9) & Context.BadVPN2Mask);
        int seg = Model.SegBits;
        ulong xctx = C[Cp0Table.XContext] & ~((1UL << (seg - 7)) - 1);
        xctx |= (va >> 62) << (seg - 9);
        xctx |= ((va >> 13) & ((1UL << (seg - 13)) - 1)) << 4;
        C[Cp0Table.XContext] = xctx;
        ulong hi = C[Cp0Table.EntryHi];
        C[Cp0Table.EntryHi] = ((hi & (EntryHi.ASIDMask | EntryHi.EHINVMask)) | (va & ~0x1FFFUL)) & _tlb.SegMask;
        if (result == TranslateResult.AddressError)
        {
            RaiseException(kind == AccessKind.Store ? ExcCode.AdES : ExcCode.AdEL);
            return;
        }
        var code = result == TranslateResult.TlbModified ? ExcCode.Mod : kind == AccessKind.Store ? ExcCode.Tlbs : ExcCode.Tlbl;
        ulong offset = 0x180;
        if (result == TranslateResult.TlbRefill && (C[Cp0Table.Status] & Status.EXLMask) == 0)
        {
            // XTLB refill when the faulting segment is a 64-bit one (QEMU mips_cpu_do_interrupt)
            ulong st = C[Cp0Table.Status];
            ulong r = va >> 62;
            bool ux = (st & Status.UXMask) != 0, kx = (st & Status.KXMask) != 0;
            offset = (r != 0 || ux) && (r != 3 || kx) ? 0x080UL : 0x000UL;
        }
        TakeException(code, offset, 0);
    }

    /// <summary>
    /// The common entry: EPC and Cause.BD unless EXL is already set, Cause.ExcCode/CE, Status.EXL,
    /// then the vector (BEV selects the boot vectors, else EBase).
    /// </summary>
    internal void TakeException(ExcCode code, ulong offset, int coprocessor)
    {
        var s = S;
        ulong status = C[Cp0Table.Status];
        ulong cause = C[Cp0Table.Cause];
        if ((status & Status.EXLMask) == 0)
        {
            ulong epc = s->CurPc;
            if ((s->DelaySlot & 1) != 0)
            {
                epc -= 4;
                cause |= Cause.BDMask;
            }
            else cause &= ~Cause.BDMask;
            C[Cp0Table.EPC] = epc;
        }
        else if (offset < 0x180) offset = 0x180; // refills taken with EXL set use the general vector
        cause = (cause & ~Cause.ExcCodeMask) | (((ulong)code << Cause.ExcCodeShift) & Cause.ExcCodeMask);
        // CE is written only by Coprocessor Unusable (elsewhere it keeps its value, as on QEMU)
        if (code == ExcCode.CpU) cause = (cause & ~Cause.CEMask) | (((ulong)coprocessor << Cause.CEShift) & Cause.CEMask);
        C[Cp0Table.Cause] = cause;
        if ((C[Cp0Table.Config3] & Config3.BIMask) != 0) RecordBadInstr();
        C[Cp0Table.Status] = status | Status.EXLMask;
        ulong vbase = (status & Status.BEVMask) != 0 ? BevBase : Sext32(C[Cp0Table.EBase] & 0xFFFF_F000UL);
        Pc = vbase + offset;
        if (InGuestMode)
        {
            Stats.GuestExceptionsByCode[(int)code]++;
            UpdateTranslationContext();
            GuestModeChanged(status);
            return;
        }
        UpdateGuestMode();
        UpdateTranslationContext();
        Stats.ExceptionsByCode[(int)code]++;
    }

    /// <summary>BadInstr/BadInstrP (Config3.BI): the faulting word and, in a delay slot, the branch.</summary>
    private void RecordBadInstr()
    {
        var s = S;
        Span<byte> b = stackalloc byte[4];
        C[Cp0Table.BadInstr] = TryReadVirtual(s->CurPc, b) ? BitConverter.ToUInt32(b) : 0;
        if ((s->DelaySlot & 1) != 0)
            C[Cp0Table.BadInstrP] = TryReadVirtual(s->CurPc - 4, b) ? BitConverter.ToUInt32(b) : 0;
    }
}
