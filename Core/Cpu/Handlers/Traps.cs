using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. II-A conditional traps: a Trap exception when the comparison holds.
public sealed unsafe partial class CpuCore
{
    private void TrapIf(bool condition)
    {
        if (condition) RaiseException(ExcCode.Tr);
    }

    private partial void Tge(Trap op) => TrapIf((long)R[op.Rs] >= (long)R[op.Rt]);

    private partial void Tgeu(Trap op) => TrapIf(R[op.Rs] >= R[op.Rt]);

    private partial void Tlt(Trap op) => TrapIf((long)R[op.Rs] < (long)R[op.Rt]);

    private partial void Tltu(Trap op) => TrapIf(R[op.Rs] < R[op.Rt]);

    private partial void Teq(Trap op) => TrapIf(R[op.Rs] == R[op.Rt]);

    private partial void Tne(Trap op) => TrapIf(R[op.Rs] != R[op.Rt]);

    private partial void Tgei(TrapImm op) => TrapIf((long)R[op.Rs] >= op.Imm);

    // The unsigned immediate forms compare against the sign-extended immediate as unsigned
    private partial void Tgeiu(TrapImm op) => TrapIf(R[op.Rs] >= (ulong)op.Imm);

    private partial void Tlti(TrapImm op) => TrapIf((long)R[op.Rs] < op.Imm);

    private partial void Tltiu(TrapImm op) => TrapIf(R[op.Rs] < (ulong)op.Imm);

    private partial void Teqi(TrapImm op) => TrapIf((long)R[op.Rs] == op.Imm);

    private partial void Tnei(TrapImm op) => TrapIf((long)R[op.Rs] != op.Imm);
}
