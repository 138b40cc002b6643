using System.Runtime.CompilerServices;
namespace VzFast.Cpu;

// Vol. II-A Release 2 bit-field and byte-swap instructions. Field positions the manual calls
// unpredictable (pos + size beyond the register, lsb > msb) raise a Reserved Instruction, as QEMU.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowMask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private void Extract(BitField op, ulong source, int pos, int size, int width)
    {
        int rt = op.Rt;
        if (pos + size > width) { ReservedInstruction(op.Raw); return; }
        ulong field = (source >> pos) & LowMask(size);
        R[rt] = width == 32 ? Sext32(field) : field;
    }

    private void Insert(BitField op, ulong source, int pos, int size, int width)
    {
        int rt = op.Rt;
        if (size <= 0 || pos + size > width) { ReservedInstruction(op.Raw); return; }
        ulong mask = LowMask(size) << pos;
        ulong v = (R[rt] & ~mask) | ((source << pos) & mask);
        R[rt] = width == 32 ? Sext32(v) : v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ext(BitField op) => Extract(op, R[op.Rs], op.Lsb, op.Msbd + 1, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dext(BitField op) => Extract(op, R[op.Rs], op.Lsb, op.Msbd + 1, 64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dextm(BitField op) => Extract(op, R[op.Rs], op.Lsb, op.Msbd + 33, 64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dextu(BitField op) => Extract(op, R[op.Rs], op.Lsb + 32, op.Msbd + 1, 64);

    // INS/DINS encode msb in the msbd field
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Ins(BitField op) => Insert(op, R[op.Rs], op.Lsb, op.Msbd - op.Lsb + 1, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dins(BitField op) => Insert(op, R[op.Rs], op.Lsb, op.Msbd - op.Lsb + 1, 64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dinsm(BitField op) => Insert(op, R[op.Rs], op.Lsb, op.Msbd + 32 - op.Lsb + 1, 64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dinsu(BitField op) => Insert(op, R[op.Rs], op.Lsb + 32, op.Msbd - op.Lsb + 1, 64);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Wsbh(Bshfl op)
    {
        uint x = (uint)R[op.Rt];
        R[op.Rd] = Sext32(((x & 0x00FF00FFu) << 8) | ((x >> 8) & 0x00FF00FFu));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Seb(Bshfl op) => R[op.Rd] = (ulong)(long)(sbyte)R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Seh(Bshfl op) => R[op.Rd] = (ulong)(long)(short)R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsbh(Bshfl op)
    {
        ulong x = R[op.Rt];
        R[op.Rd] = ((x & 0x00FF00FF00FF00FFUL) << 8) | ((x >> 8) & 0x00FF00FF00FF00FFUL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dshd(Bshfl op)
    {
        ulong x = R[op.Rt];
        x = ((x & 0x0000FFFF0000FFFFUL) << 16) | ((x >> 16) & 0x0000FFFF0000FFFFUL);
        R[op.Rd] = (x << 32) | (x >> 32);
    }
}
