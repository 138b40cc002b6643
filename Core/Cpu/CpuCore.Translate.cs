using System.Runtime.CompilerServices;
using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Virtual to physical translation: the MIPS64 segments (Vol. III, 4.3 "Virtual Address Spaces"),
// with the access rules QEMU's get_physical_address applies for the default SegCtl values.
public sealed unsafe partial class CpuCore
{
    /// <summary>Translation context: 0 kernel, 1 supervisor, 2 user, 3 kernel with Status.ERL.</summary>
    private int _ctx;
    private SoftTlbEntry* _load, _store, _fetch;
    private readonly ulong _paMask;

    /// <summary>Re-selects the soft-TLB tables after Status.KSU/EXL/ERL changed.</summary>
    internal void UpdateTranslationContext()
    {
        ulong st = C[Cp0Table.Status];
        int ctx;
        if ((st & Status.ERLMask) != 0) ctx = 3;
        else if ((st & Status.EXLMask) != 0 || (DebugMode && !InGuestMode)) ctx = 0;
        else ctx = (int)((st & Status.KSUMask) >> Status.KSUShift) switch { 0 => 0, 1 => 1, _ => 2 };
        _ctx = ctx;
        int table = InGuestMode ? ctx + 4 : ctx;
        _load = Soft.Table(table, (int)AccessKind.Load);
        _store = Soft.Table(table, (int)AccessKind.Store);
        _fetch = Soft.Table(table, (int)AccessKind.Fetch);
    }

    public bool KernelMode => _ctx is 0 or 3;

    public bool UserMode => _ctx == 2;

    /// <summary>Translates <paramref name="va"/> for an access of <paramref name="kind"/> in the current mode (first stage only in guest mode).</summary>
    public TranslateResult Translate(ulong va, AccessKind kind, out ulong pa) => Translate(va, kind, out pa, C, _tlb, _ctx);

    /// <summary>
    /// First-stage translation of a guest virtual address as the guest context would do it now,
    /// from root mode (the hypervisor's kvm_vz_gva_to_gpa), then the second stage: guest VA to root PA.
    /// </summary>
    public bool TranslateGuest(ulong gva, AccessKind kind, out ulong rpa)
    {
        rpa = 0;
        ulong st = GC[Cp0Table.Status];
        int ctx = (st & Status.ERLMask) != 0 ? 3 : (st & Status.EXLMask) != 0 ? 0 : (int)((st & Status.KSUMask) >> Status.KSUShift) switch { 0 => 0, 1 => 1, _ => 2 };
        return Translate(gva, kind, out ulong gpa, GC, GuestTlb, ctx) == TranslateResult.Ok
               && Tlb.TranslateGuestPhysical(gpa, GuestId, kind, out rpa) == TranslateResult.Ok;
    }

    /// <summary>
    /// A debugger's view (QEMU's cpu_get_phys_page_debug): <paramref name="va"/> translated as kernel
    /// mode would, through the TLB of the root or (with <paramref name="guest"/>) the guest context,
    /// without raising anything. For the guest the result is a guest physical address.
    /// </summary>
    public bool DebugTranslate(ulong va, bool guest, out ulong pa) =>
        Translate(va, AccessKind.Load, out pa, guest ? GC : RC, guest ? GuestTlb : Tlb, 0) == TranslateResult.Ok;

    /// <summary>First stage only: guest virtual to guest physical, from root mode.</summary>
    public bool TranslateGuestVirtual(ulong gva, AccessKind kind, out ulong gpa)
    {
        ulong st = GC[Cp0Table.Status];
        int ctx = (st & Status.ERLMask) != 0 ? 3 : (st & Status.EXLMask) != 0 ? 0 : (int)((st & Status.KSUMask) >> Status.KSUShift) switch { 0 => 0, 1 => 1, _ => 2 };
        return Translate(gva, kind, out gpa, GC, GuestTlb, ctx) == TranslateResult.Ok;
    }

    private TranslateResult Translate(ulong va, AccessKind kind, out ulong pa, ulong* bank, Tlb tlb, int ctx)
    {
        pa = 0;
        ulong st = bank[Cp0Table.Status];
        bool kernel = ctx is 0 or 3, super = ctx == 1;
        ulong seg = tlb.SegMask;
        if (va <= 0x7FFF_FFFFUL)
        {
            // useg: unmapped while ERL is set (Vol. III 4.3.3)
            if (ctx == 3)
            {
                pa = va;
                return TranslateResult.Ok;
            }
            return MapThroughTlb(va, kind, out pa, bank, tlb);
        }
        if (va < 0x4000_0000_0000_0000UL)
            return (st & Status.UXMask) != 0 && va <= (0x3FFF_FFFF_FFFF_FFFFUL & seg) ? MapThroughTlb(va, kind, out pa, bank, tlb) : TranslateResult.AddressError;
        if (va < 0x8000_0000_0000_0000UL)
            return (kernel || super) && (st & Status.SXMask) != 0 && va <= (0x7FFF_FFFF_FFFF_FFFFUL & seg) ? MapThroughTlb(va, kind, out pa, bank, tlb) : TranslateResult.AddressError;
        if (va < 0xC000_0000_0000_0000UL)
        {
            // xkphys: bits 61:59 are the cache attribute; the rest must fit PABITS
            if (!kernel || (st & Status.KXMask) == 0 || (va & 0x07FF_FFFF_FFFF_FFFFUL) > _paMask) return TranslateResult.AddressError;
            pa = va & _paMask;
            return TranslateResult.Ok;
        }
        if (va < 0xFFFF_FFFF_8000_0000UL)
            return kernel && (st & Status.KXMask) != 0 && va <= (0xFFFF_FFFF_7FFF_FFFFUL & seg) ? MapThroughTlb(va, kind, out pa, bank, tlb) : TranslateResult.AddressError;
        if (va < 0xFFFF_FFFF_C000_0000UL)
        {
            // kseg0 and kseg1: kernel only, unmapped
            if (!kernel) return TranslateResult.AddressError;
            pa = va & 0x1FFF_FFFFUL;
            return TranslateResult.Ok;
        }
        if (va < 0xFFFF_FFFF_E000_0000UL)
            return kernel || super ? MapThroughTlb(va, kind, out pa, bank, tlb) : TranslateResult.AddressError; // sseg / ksseg
        return kernel ? MapThroughTlb(va, kind, out pa, bank, tlb) : TranslateResult.AddressError;              // kseg3
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TranslateResult MapThroughTlb(ulong va, AccessKind kind, out ulong pa, ulong* bank, Tlb tlb) =>
        tlb.Translate(va, (byte)bank[Cp0Table.EntryHi], kind, out pa, out _);
}
