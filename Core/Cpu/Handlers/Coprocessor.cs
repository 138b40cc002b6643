using VzFast.Cp0;

namespace VzFast.Cpu;

// COP1/COP1X encodings no FPU instruction claims: Coprocessor Unusable while Status.CU1 is clear
// (always, without an FPU), else Reserved Instruction (the paired-single format is not modelled).
// No coprocessor 2 exists: Status.CU2 cannot be set, so everything of it is Coprocessor Unusable.
public sealed unsafe partial class CpuCore
{
    private partial void Cop1(NoOperands op)
    {
        if (Model.HasFpu && FpuUsable()) RaiseException(ExcCode.RI);
        else if (!Model.HasFpu) RaiseException(ExcCode.CpU, 1);
    }

    private partial void Cop1x(NoOperands op) => Cop1(op);

    private partial void Cop2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Lwc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Ldc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Swc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);

    private partial void Sdc2(NoOperands op) => RaiseException(ExcCode.CpU, 2);
}
