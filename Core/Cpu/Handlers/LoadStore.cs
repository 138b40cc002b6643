using System.Runtime.CompilerServices;
namespace VzFast.Cpu;

// Vol. II-A aligned loads and stores: effective address = GPR[base] + sign-extended offset.
// A faulting access has raised its exception; the destination register is left untouched.
public sealed unsafe partial class CpuCore
{
    private ulong Address(Mem op) => R[op.Base] + (ulong)op.Imm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lb(Mem op)
    {
        if (Load8(Address(op), out byte v)) R[op.Rt] = (ulong)(long)(sbyte)v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lbu(Mem op)
    {
        if (Load8(Address(op), out byte v)) R[op.Rt] = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lh(Mem op)
    {
        if (Load16(Address(op), out ushort v)) R[op.Rt] = (ulong)(long)(short)v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lhu(Mem op)
    {
        if (Load16(Address(op), out ushort v)) R[op.Rt] = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lw(Mem op)
    {
        if (Load32(Address(op), out uint v)) R[op.Rt] = Sext32(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Lwu(Mem op)
    {
        if (Load32(Address(op), out uint v)) R[op.Rt] = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ld(Mem op)
    {
        if (Load64(Address(op), out ulong v)) R[op.Rt] = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sb(Mem op) => Store8(Address(op), (byte)R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sh(Mem op) => Store16(Address(op), (ushort)R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sw(Mem op) => Store32(Address(op), (uint)R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sd(Mem op) => Store64(Address(op), R[op.Rt]);
}
