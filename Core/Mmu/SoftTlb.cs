using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VzFast.Mmu;

/// <summary>A cached 4 KiB translation: host address = Delta + virtual address.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SoftTlbEntry
{
    /// <summary>Page-aligned virtual address; all-ones when empty (no aligned access can match it).</summary>
    public ulong Tag;
    public long Delta;
}

/// <summary>
/// The software translation cache in front of the TLB (the idea of QEMU's softmmu TLB): per
/// translation context (kernel, supervisor, user, kernel with ERL; root and VZ guest) and per access kind, a
/// direct-mapped table of 4 KiB pages that hit RAM. A hit costs a mask, a compare and a load.
/// </summary>
public sealed unsafe class SoftTlb : IDisposable
{
    public const int Bits = 10;
    public const int Entries = 1 << Bits;
    public const ulong IndexMask = Entries - 1;
    /// <summary>Root kernel, supervisor, user, kernel+ERL; then the same four for the VZ guest.</summary>
    public const int Contexts = 8;
    public const int Kinds = 3;
    public const ulong Empty = ulong.MaxValue;

    private SoftTlbEntry* _table;

    public SoftTlb()
    {
        _table = (SoftTlbEntry*)NativeMemory.AlignedAlloc((nuint)(Contexts * Kinds * Entries * sizeof(SoftTlbEntry)), 64);
        FlushAll();
    }

    /// <summary>The table for one translation context and access kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SoftTlbEntry* Table(int context, int kind) => _table + (context * Kinds + kind) * Entries;

    /// <summary>Drops the store entries (all contexts) whose host page is <paramref name="hostPage"/>: its stores must take the slow path.</summary>
    public void FlushStoresTo(nint hostPage)
    {
        for (int ctx = 0; ctx < Contexts; ctx++)
        {
            var t = Table(ctx, 1);
            for (int i = 0; i < Entries; i++)
                if (t[i].Tag != Empty && (((long)t[i].Tag + t[i].Delta) & ~0xFFFL) == hostPage) t[i].Tag = Empty;
        }
    }

    public void FlushAll()
    {
        var p = _table;
        for (int i = 0; i < Contexts * Kinds * Entries; i++) p[i].Tag = Empty;
    }

    /// <summary>
    /// Drops every cached page whose index falls in [start, start + length), in all tables. Only the
    /// index bits are compared: a TLB entry's stored VPN has lost the bits above SEGBITS.
    /// </summary>
    public void FlushRange(ulong start, ulong length)
    {
        if (length >= Entries * 4096UL)
        {
            FlushAll();
            return;
        }
        for (ulong va = start & ~0xFFFUL; va < start + length; va += 4096)
        {
            ulong idx = (va >> 12) & IndexMask;
            for (int t = 0; t < Contexts * Kinds; t++)
            {
                _table[t * Entries + (int)idx].Tag = Empty;
            }
        }
    }

    public void Dispose()
    {
        if (_table != null)
        {
            NativeMemory.AlignedFree(_table);
            _table = null;
        }
    }
}
