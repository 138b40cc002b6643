using System.Runtime.CompilerServices;
namespace VzFast.Cpu;

// Vol. II-A logical instructions; immediates are zero-extended.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void And(Alu3 op) => R[op.Rd] = R[op.Rs] & R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Or(Alu3 op) => R[op.Rd] = R[op.Rs] | R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Xor(Alu3 op) => R[op.Rd] = R[op.Rs] ^ R[op.Rt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Nor(Alu3 op) => R[op.Rd] = ~(R[op.Rs] | R[op.Rt]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Andi(LogicImm op) => R[op.Rt] = R[op.Rs] & (ulong)op.Uimm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Ori(LogicImm op) => R[op.Rt] = R[op.Rs] | (ulong)op.Uimm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Xori(LogicImm op) => R[op.Rt] = R[op.Rs] ^ (ulong)op.Uimm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Movz(Alu3 op)
    {
        if (R[op.Rt] == 0) R[op.Rd] = R[op.Rs];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Movn(Alu3 op)
    {
        if (R[op.Rt] != 0) R[op.Rd] = R[op.Rs];
    }
}
