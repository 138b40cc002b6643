using VzFast.Cp0;

namespace VzFast.Cpu;

// Without an FPU or a coprocessor 2, Status.CU1/CU2 cannot be set: every COP1/COP1X/COP2
// instruction and coprocessor load/store raises Coprocessor Unusable with Cause.CE = 1 or 2.
public sealed unsafe partial class CpuCore
{
    private partial void Cop1(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Cop1x(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Movci(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Lwc1(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Ldc1(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Swc1(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Sdc1(NoOperands op) => RaiseException(ExcCode.CpU, 1);

    private partial void Cop2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Lwc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Ldc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Swc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Sdc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);
}
