using System.Runtime.CompilerServices;
using System.Numerics;

namespace VzFast.Cpu;

// Vol. II-A shifts and rotates. 32-bit forms shift the low word and sign-extend the result;
// variable forms take the amount from the low 5 (or 6) bits of rs.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Sll(Shift op) => R[op.Rd] = Sext32((uint)R[op.Rt] << op.Sa);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Nop(NoOperands op) { }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ssnop(NoOperands op) { }

    // EHB: execution hazards are always cleared in this implementation
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Ehb(NoOperands op) { }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Srl(Shift op) => R[op.Rd] = Sext32((uint)R[op.Rt] >> op.Sa);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Rotr(Shift op) => R[op.Rd] = Sext32(BitOperations.RotateRight((uint)R[op.Rt], op.Sa));

    // SRA/SRAV shift the whole register arithmetically: identical to the manual for sign-extended
    // inputs, and what QEMU does for the unpredictable others
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Sra(Shift op) => R[op.Rd] = (ulong)((long)R[op.Rt] >> op.Sa);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Sllv(Alu3 op) => R[op.Rd] = Sext32((uint)R[op.Rt] << (int)(R[op.Rs] & 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Srlv(Alu3 op) => R[op.Rd] = Sext32((uint)R[op.Rt] >> (int)(R[op.Rs] & 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Rotrv(Alu3 op) => R[op.Rd] = Sext32(BitOperations.RotateRight((uint)R[op.Rt], (int)(R[op.Rs] & 31)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Srav(Alu3 op) => R[op.Rd] = (ulong)((long)R[op.Rt] >> (int)(R[op.Rs] & 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsll(Shift op) => R[op.Rd] = R[op.Rt] << op.Sa;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsrl(Shift op) => R[op.Rd] = R[op.Rt] >> op.Sa;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Drotr(Shift op) => R[op.Rd] = BitOperations.RotateRight(R[op.Rt], op.Sa);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsra(Shift op) => R[op.Rd] = (ulong)((long)R[op.Rt] >> op.Sa);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsll32(Shift op) => R[op.Rd] = R[op.Rt] << (op.Sa + 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsrl32(Shift op) => R[op.Rd] = R[op.Rt] >> (op.Sa + 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Drotr32(Shift op) => R[op.Rd] = BitOperations.RotateRight(R[op.Rt], op.Sa + 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsra32(Shift op) => R[op.Rd] = (ulong)((long)R[op.Rt] >> (op.Sa + 32));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsllv(Alu3 op) => R[op.Rd] = R[op.Rt] << (int)(R[op.Rs] & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsrlv(Alu3 op) => R[op.Rd] = R[op.Rt] >> (int)(R[op.Rs] & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Drotrv(Alu3 op) => R[op.Rd] = BitOperations.RotateRight(R[op.Rt], (int)(R[op.Rs] & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Dsrav(Alu3 op) => R[op.Rd] = (ulong)((long)R[op.Rt] >> (int)(R[op.Rs] & 63));
}
