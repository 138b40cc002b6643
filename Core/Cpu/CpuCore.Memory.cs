using System.Runtime.CompilerServices;
using VzFast.Memory;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Loads, stores and instruction fetch. The fast path is a soft-TLB hit on a RAM page; everything
// else (alignment, translation, TLB faults, MMIO, unassigned addresses) goes to the slow path.
// The tag compare includes the low address bits, so a misaligned access always misses.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Load8(ulong va, out byte v)
    {
        ref var e = ref _load[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & ~0xFFFUL)) { v = *(byte*)(e.Delta + (long)va); return true; }
        bool ok = LoadSlow(va, 1, out ulong x);
        v = (byte)x;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Load16(ulong va, out ushort v)
    {
        ref var e = ref _load[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 1))) { v = *(ushort*)(e.Delta + (long)va); return true; }
        bool ok = LoadSlow(va, 2, out ulong x);
        v = (ushort)x;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Load32(ulong va, out uint v)
    {
        ref var e = ref _load[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 3))) { v = *(uint*)(e.Delta + (long)va); return true; }
        bool ok = LoadSlow(va, 4, out ulong x);
        v = (uint)x;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Load64(ulong va, out ulong v)
    {
        ref var e = ref _load[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 7))) { v = *(ulong*)(e.Delta + (long)va); return true; }
        return LoadSlow(va, 8, out v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Store8(ulong va, byte v)
    {
        ref var e = ref _store[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & ~0xFFFUL)) { *(byte*)(e.Delta + (long)va) = v; return true; }
        return StoreSlow(va, 1, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Store16(ulong va, ushort v)
    {
        ref var e = ref _store[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 1))) { *(ushort*)(e.Delta + (long)va) = v; return true; }
        return StoreSlow(va, 2, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Store32(ulong va, uint v)
    {
        ref var e = ref _store[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 3))) { *(uint*)(e.Delta + (long)va) = v; return true; }
        return StoreSlow(va, 4, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Store64(ulong va, ulong v)
    {
        ref var e = ref _store[(va >> 12) & SoftTlb.IndexMask];
        if (e.Tag == (va & (~0xFFFUL | 7))) { *(ulong*)(e.Delta + (long)va) = v; return true; }
        return StoreSlow(va, 8, v);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool LoadSlow(ulong va, int size, out ulong value)
    {
        value = 0;
        if (!Resolve(va, size, AccessKind.Load, out var region, out ulong pa)) return false;
        if (region == null) return pa < Bus.QuietHoleLimit || BusError(AccessKind.Load, pa);
        if (region.IsRam)
        {
            byte* host = region.HostBase + (pa - region.Start);
            Cache(_load, va, pa, host, region);
            value = size switch { 1 => *host, 2 => *(ushort*)host, 4 => *(uint*)host, _ => *(ulong*)host };
            return true;
        }
        value = region.Device!.Read(pa - region.Start, size);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool StoreSlow(ulong va, int size, ulong value)
    {
        if (!Resolve(va, size, AccessKind.Store, out var region, out ulong pa)) return false;
        if (region == null) return pa < Bus.QuietHoleLimit || BusError(AccessKind.Store, pa);
        if (region.IsRam)
        {
            if (region.ReadOnly) return true; // ROM: writes are ignored
            byte* host = region.HostBase + (pa - region.Start);
            _code?.NoteStore((nint)host);
            Cache(_store, va, pa, host, region);
            switch (size)
            {
                case 1: *host = (byte)value; break;
                case 2: *(ushort*)host = (ushort)value; break;
                case 4: *(uint*)host = (uint)value; break;
                default: *(ulong*)host = value; break;
            }
            return true;
        }
        region.Device!.Write(pa - region.Start, size, value);
        return true;
    }

    /// <summary>The instruction word at <paramref name="pc"/>, or -1 when fetching it raised an exception.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long FetchSlow(ulong pc)
    {
        if (!Resolve(pc, 4, AccessKind.Fetch, out var region, out ulong pa)) return -1;
        if (region == null) return pa < Bus.QuietHoleLimit ? 0 : BusError(AccessKind.Fetch, pa) ? 0 : -1;
        if (region.IsRam)
        {
            byte* host = region.HostBase + (pa - region.Start);
            Cache(_fetch, pc, pa, host, region);
            return *(uint*)host;
        }
        return (uint)region.Device!.Read(pa - region.Start, 4);
    }

    /// <summary>Alignment check and translation; raises the address-error or TLB exception on failure.</summary>
    private bool Resolve(ulong va, int size, AccessKind kind, out MemoryRegion? region, out ulong pa)
    {
        region = null;
        pa = 0;
        if ((va & (ulong)(size - 1)) != 0)
        {
            AddressError(kind, va);
            return false;
        }
        var result = Translate(va, kind, out pa);
        if (result != TranslateResult.Ok)
        {
            TranslationFault(result, kind, va);
            return false;
        }
        if (InGuestMode)
        {
            // second stage: guest physical to root physical through the root TLB, by GuestID
            ulong gpa = pa;
            result = Tlb.TranslateGuestPhysical(gpa, GuestId, kind, out pa);
            if (result != TranslateResult.Ok)
            {
                RootTranslationFault(result, kind, gpa, va);
                return false;
            }
        }
        region = Bus.Find(pa);
        return true;
    }

    /// <summary>Remembers a RAM page in the soft TLB when the whole 4 KiB page lies in the region.</summary>
    private void Cache(SoftTlbEntry* table, ulong va, ulong pa, byte* host, MemoryRegion region)
    {
        ulong pagePa = pa & ~0xFFFUL;
        if (pagePa < region.Start || pagePa + 4096 > region.End || !CanCache(pagePa)) return;
        // a page holding compiled code keeps its stores on the slow path, where they drop that code
        if (table == _store && _code != null && _code.IsCodePage((nint)(host - (pa & 0xFFF)))) return;
        ref var e = ref table[(va >> 12) & SoftTlb.IndexMask];
        e.Tag = va & ~0xFFFUL;
        e.Delta = (long)(host - (pa & 0xFFF)) - (long)(va & ~0xFFFUL);
    }

    /// <summary>Hook for engines and dirty logging that must see every access to a page.</summary>
    private bool CanCache(ulong pagePa) => true;

    /// <summary>Reads memory through the current translation (both stages in guest mode) without side effects (debuggers, BadInstr).</summary>
    public bool TryReadVirtual(ulong va, Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            if (!TryTranslateQuietly(va + (ulong)i, out ulong pa)) return false;
            if (!Bus.TryReadRam(pa, data.Slice(i, 1))) return false;
        }
        return true;
    }

    /// <summary>Virtual to root physical in the current context, raising nothing.</summary>
    public bool TryTranslateQuietly(ulong va, out ulong pa)
    {
        if (Translate(va, AccessKind.Load, out pa) != TranslateResult.Ok) return false;
        return !InGuestMode || Tlb.TranslateGuestPhysical(pa, GuestId, AccessKind.Load, out pa) == TranslateResult.Ok;
    }
}
