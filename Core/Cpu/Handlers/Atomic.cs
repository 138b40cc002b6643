using VzFast.Cp0;
using VzFast.Mmu;

namespace VzFast.Cpu;

// Vol. II-A LL/SC/LLD/SCD. LL records the address and the value it read; SC succeeds when the
// link is still valid for the same address and memory still holds that value (QEMU's cmpxchg
// model of gen_st_cond). ERET breaks the link.
public sealed unsafe partial class CpuCore
{
    private partial void Ll(Mem op)
    {
        ulong va = Address(op);
        if (!Load32(va, out uint w)) return;
        R[op.Rt] = Sext32(w);
        Link(va, Sext32(w));
    }

    private partial void Lld(Mem op)
    {
        ulong va = Address(op);
        if (!Load64(va, out ulong d)) return;
        R[op.Rt] = d;
        Link(va, d);
    }

    private partial void Sc(Mem op) => StoreConditional(op, 4);

    private partial void Scd(Mem op) => StoreConditional(op, 8);

    private void Link(ulong va, ulong value)
    {
        var s = S;
        s->LLBit = 1;
        s->LLVAddr = va;
        s->LLValue = value;
        if (Translate(va, AccessKind.Load, out ulong pa) == TranslateResult.Ok)
            C[Cp0Table.LLAddr] = pa >> Model.LLAddrShift;
    }

    private void StoreConditional(Mem op, int size)
    {
        var s = S;
        ulong va = Address(op);
        if (s->LLBit == 0 || va != s->LLVAddr)
        {
            R[op.Rt] = 0;
            return;
        }
        ulong value = R[op.Rt];
        if (!Resolve(va, size, AccessKind.Store, out var region, out ulong pa)) return;
        if (region == null) { BusError(AccessKind.Store, pa); return; }
        ulong offset = pa - region.Start;
        ulong current = region.IsRam
            ? (size == 4 ? Sext32(*(uint*)(region.HostBase + offset)) : *(ulong*)(region.HostBase + offset))
            : region.Device!.Read(offset, size);
        if (size == 4) current = Sext32(current);
        bool ok = current == s->LLValue;
        if (ok && !(region.IsRam && region.ReadOnly))
        {
            if (!region.IsRam) region.Device!.Write(offset, size, value);
            else
            {
                _code?.NoteStore((nint)(region.HostBase + offset)); // compiled code on the line goes
                if (size == 4) *(uint*)(region.HostBase + offset) = (uint)value;
                else *(ulong*)(region.HostBase + offset) = value;
            }
        }
        R[op.Rt] = ok ? 1UL : 0UL;
    }
}
