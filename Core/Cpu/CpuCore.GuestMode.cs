using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// The VZ module's guest mode (Vol. IV-i chapter 4): the CPU runs in the guest context when
// GuestCtl0.GM = 1 and root Status.EXL = ERL = 0. Guest CP0, the guest TLB and guest exceptions
// then take the place of the root ones; a root exception (a guest exit, a root TLB fault on a
// guest physical address, a root interrupt) sets root EXL and so leaves guest mode.
public sealed unsafe partial class CpuCore
{
    public bool InGuestMode { get; private set; }

    /// <summary>Current TLB: the guest's in guest mode, else the root TLB.</summary>
    private Tlb _tlb;

    /// <summary>Set when a root exception was taken from guest mode; the hypervisor clears it after handling the exit.</summary>
    public bool GuestExitPending { get; internal set; }

    /// <summary>
    /// Hardware variant: report guest virtual addresses in root BadVAddr on root TLB faults
    /// (GExcCode GVA) instead of guest physical ones (GPA). VZ implementations may do either.
    /// </summary>
    public bool ReportGvaOnRootFaults { get; set; }

    /// <summary>Whether the last root TLB fault from guest mode was an instruction fetch (kvm_is_ifetch_fault infers it).</summary>
    public bool LastRootFaultWasFetch { get; private set; }

    /// <summary>The GuestID second-stage lookups use (GuestCtl1.ID).</summary>
    private byte GuestId => (byte)(RC[Cp0Table.GuestCtl1] & GuestCtl1.IDMask);

    /// <summary>Root with the VZ module: Config3.VZ (and BadInstr/BadInstrP); GuestCtl0 reports GuestCtl1/2.</summary>
    private void ResetVirtualization()
    {
        RC[Cp0Table.Config3] |= Config3.VZMask | Config3.BIMask;
        RC[Cp0Table.GuestCtl0] = GuestCtl0.G1Mask | GuestCtl0.G2Mask;
        for (int i = 0; i < Cp0Table.Slots; i++) GC[i] = Cp0Table.InGuest[i] ? Model.Reset(i) : 0;
        GuestTlb.Clear();
    }

    /// <summary>Re-evaluates guest mode after GuestCtl0, root Status or debug mode changed.</summary>
    private void UpdateGuestMode()
    {
        bool guest = Virtualization && (RC[Cp0Table.GuestCtl0] & GuestCtl0.GMMask) != 0
                     && (RC[Cp0Table.Status] & (Status.EXLMask | Status.ERLMask)) == 0 && !DebugMode;
        if (guest == InGuestMode) return;
        InGuestMode = guest;
        C = guest ? GC : RC;
        _tlb = guest ? GuestTlb : Tlb;
        UpdateTranslationContext();
        InterruptStateChanged();
    }

    /// <summary>
    /// Enters guest mode at <paramref name="pc"/> as a root ERET would (root EXL cleared, GuestCtl0.GM
    /// set): what the hypervisor does to resume a guest after handling an exit.
    /// </summary>
    public void EnterGuest(ulong pc, bool inDelaySlot = false)
    {
        if (!Virtualization) throw new InvalidOperationException("this CPU has no VZ module");
        RC[Cp0Table.GuestCtl0] |= GuestCtl0.GMMask;
        RC[Cp0Table.Status] &= ~(Status.EXLMask | Status.ERLMask);
        GuestExitPending = false;
        Pc = pc;
        if (inDelaySlot) S->DelaySlot = 1;
        UpdateGuestMode();
        UpdateGuestInterruptLines();
    }

    /// <summary>A guest exit: the root GE exception with GuestCtl0.GExcCode (Vol. IV-i 4.7.7).</summary>
    internal void GuestExit(GExcCode code) => TakeRootException(ExcCode.GE, code, null, 0x180);

    /// <summary>
    /// A root exception taken from guest mode: root EPC/Cause.BD/BadInstr(P) describe the guest
    /// instruction, root EXL is set (leaving guest mode), and the run stops so the hypervisor can act.
    /// </summary>
    internal void TakeRootException(ExcCode code, GExcCode? gexc, ulong? badVAddr, ulong offset, int coprocessor = 0)
    {
        var s = S;
        // BadInstr/BadInstrP are read while the guest translation is still current
        Span<byte> b = stackalloc byte[4];
        RC[Cp0Table.BadInstr] = TryReadVirtual(s->CurPc, b) ? BitConverter.ToUInt32(b) : 0;
        bool bd = (s->DelaySlot & 1) != 0;
        if (bd) RC[Cp0Table.BadInstrP] = TryReadVirtual(s->CurPc - 4, b) ? BitConverter.ToUInt32(b) : 0;
        RC[Cp0Table.EPC] = bd ? s->CurPc - 4 : s->CurPc;
        ulong cause = RC[Cp0Table.Cause] & ~(Cause.ExcCodeMask | Cause.BDMask);
        cause |= ((ulong)code << Cause.ExcCodeShift) | (bd ? Cause.BDMask : 0);
        if (code == ExcCode.CpU) cause = (cause & ~Cause.CEMask) | ((ulong)coprocessor << Cause.CEShift);
        RC[Cp0Table.Cause] = cause;
        if (gexc is { } g) RC[Cp0Table.GuestCtl0] = (RC[Cp0Table.GuestCtl0] & ~GuestCtl0.GExcCodeMask) | ((ulong)g << GuestCtl0.GExcCodeShift);
        if (badVAddr.HasValue) RC[Cp0Table.BadVAddr] = badVAddr.Value;
        RC[Cp0Table.Status] |= Status.EXLMask;
        UpdateGuestMode();
        ulong st = RC[Cp0Table.Status];
        ulong vbase = (st & Status.BEVMask) != 0 ? BevBase : Sext32(RC[Cp0Table.EBase] & 0xFFFF_F000UL);
        Pc = vbase + offset;
        GuestExitPending = true;
        Stats.ExceptionsByCode[(int)code]++;
        RequestStop();
    }

    /// <summary>
    /// A second-stage (guest physical to root physical) fault: root TLB refill, invalid or modified,
    /// with the GPA (or GVA) in root BadVAddr and GuestCtl0.GExcCode saying which.
    /// </summary>
    private void RootTranslationFault(TranslateResult result, AccessKind kind, ulong gpa, ulong gva)
    {
        var code = result == TranslateResult.TlbModified ? ExcCode.Mod : kind == AccessKind.Store ? ExcCode.Tlbs : ExcCode.Tlbl;
        bool gvaReport = ReportGvaOnRootFaults;
        LastRootFaultWasFetch = kind == AccessKind.Fetch;
        ulong bad = gvaReport ? gva : gpa;
        RC[Cp0Table.EntryHi] = ((RC[Cp0Table.EntryHi] & EntryHi.ASIDMask) | (bad & ~0x1FFFUL)) & Tlb.SegMask;
        TakeRootException(code, gvaReport ? GExcCode.Gva : GExcCode.Gpa, bad, result == TranslateResult.TlbRefill ? 0UL : 0x180UL);
    }

    /// <summary>In guest mode with GuestCtl0.MC set, a change of guest KSU/EXL/ERL exits with GHFC after it completes.</summary>
    private void GuestModeChanged(ulong oldStatus)
    {
        const ulong modeBits = Status.KSUMask | Status.EXLMask | Status.ERLMask;
        if (InGuestMode && ((oldStatus ^ GC[Cp0Table.Status]) & modeBits) != 0 && (RC[Cp0Table.GuestCtl0] & GuestCtl0.MCMask) != 0)
        {
            // the change is complete: the guest resumes at the next instruction, not in a delay slot
            S->CurPc = S->Pc;
            S->DelaySlot = 0;
            GuestExit(GExcCode.Ghfc);
        }
    }

    private bool GuestControl(ulong mask) => (RC[Cp0Table.GuestCtl0] & mask) != 0;
}
