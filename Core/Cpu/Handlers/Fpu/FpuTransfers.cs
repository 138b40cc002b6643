using VzFast.Cp0;

namespace VzFast.Cpu;

// Vol. II-A: MFC1/DMFC1/MFHC1, MTC1/DMTC1/MTHC1, CFC1/CTC1 (FCR 0, 25, 26, 28, 31 as QEMU's
// helper_cfc1/helper_ctc1 for Release 2), and the FPU loads and stores, plain and indexed.
public sealed unsafe partial class CpuCore
{
    private partial void Mfc1(FpXfer op)
    {
        if (FpuUsable()) R[op.Rt] = Sext32(ReadW(op.Fs));
    }

    private partial void Dmfc1(FpXfer op)
    {
        if (FpuUsable()) R[op.Rt] = ReadL(op.Fs);
    }

    private partial void Mfhc1(FpXfer op)
    {
        if (FpuDoubles(op.Fs)) R[op.Rt] = Sext32(ReadHigh(op.Fs));
    }

    private partial void Mtc1(FpXfer op)
    {
        if (FpuUsable()) WriteW(op.Fs, (uint)R[op.Rt]);
    }

    private partial void Dmtc1(FpXfer op)
    {
        if (FpuUsable()) WriteL(op.Fs, R[op.Rt]);
    }

    private partial void Mthc1(FpXfer op)
    {
        if (FpuDoubles(op.Fs)) WriteHigh(op.Fs, (uint)R[op.Rt]);
    }

    private partial void Cfc1(FpXfer op)
    {
        if (!FpuUsable()) return;
        uint f = S->Fcsr;
        uint v = op.Fs switch
        {
            0 => Model.Fir,
            25 => ((f >> 24) & 0xFE) | ((f >> 23) & 1),
            26 => f & 0x0003_F07C,
            28 => (f & 0x0000_0F83) | ((f >> 22) & 4),
            _ => f,
        };
        R[op.Rt] = Sext32(v);
    }

    private partial void Ctc1(FpXfer op)
    {
        if (!FpuUsable()) return;
        uint v = (uint)R[op.Rt], f = S->Fcsr;
        switch (op.Fs)
        {
            case 25:
                if ((v & 0xFFFF_FF00) != 0) return;
                f = (f & 0x017F_FFFF) | ((v & 0xFE) << 24) | ((v & 1) << 23);
                break;
            case 26:
                if ((v & 0x007C_0000) != 0) return;
                f = (f & 0xFFFC_0F83) | (v & 0x0003_F07C);
                break;
            case 28:
                if ((v & 0x007C_0000) != 0) return;
                f = (f & 0xFEFF_F07C) | (v & 0x0000_0F83) | ((v & 4) << 22);
                break;
            case 31:
                f = (v & Model.FcsrWriteMask) | (f & ~Model.FcsrWriteMask);
                break;
            default:
                return;
        }
        S->Fcsr = f;
        // a cause that is enabled (or Unimplemented) raises at once
        uint cause = (f >> (int)FcsrCauseShift) & 0x3F, enables = ((f >> (int)FcsrEnableShift) & 0x1F) | 0x20;
        if ((cause & enables) != 0) RaiseException(ExcCode.Fpe);
    }

    private partial void Lwc1(FpMem op)
    {
        if (FpuUsable() && Load32(R[op.Base] + (ulong)op.Imm, out uint v)) WriteW(op.Ft, v);
    }

    private partial void Ldc1(FpMem op)
    {
        if (FpuUsable() && Load64(R[op.Base] + (ulong)op.Imm, out ulong v)) WriteL(op.Ft, v);
    }

    private partial void Swc1(FpMem op)
    {
        if (FpuUsable()) Store32(R[op.Base] + (ulong)op.Imm, ReadW(op.Ft));
    }

    private partial void Sdc1(FpMem op)
    {
        if (FpuUsable()) Store64(R[op.Base] + (ulong)op.Imm, ReadL(op.Ft));
    }

    private partial void Lwxc1(FpIdxLoad op)
    {
        if (FpuUsable() && Load32(R[op.Base] + R[op.Index], out uint v)) WriteW(op.Fd, v);
    }

    private partial void Ldxc1(FpIdxLoad op)
    {
        if (FpuUsable() && Load64(R[op.Base] + R[op.Index], out ulong v)) WriteL(op.Fd, v);
    }

    private partial void Luxc1(FpIdxLoad op)
    {
        if (FpuUsable() && Load64((R[op.Base] + R[op.Index]) & ~7UL, out ulong v)) WriteL(op.Fd, v);
    }

    private partial void Swxc1(FpIdxStore op)
    {
        if (FpuUsable()) Store32(R[op.Base] + R[op.Index], ReadW(op.Fs));
    }

    private partial void Sdxc1(FpIdxStore op)
    {
        if (FpuUsable()) Store64(R[op.Base] + R[op.Index], ReadL(op.Fs));
    }

    private partial void Suxc1(FpIdxStore op)
    {
        if (FpuUsable()) Store64((R[op.Base] + R[op.Index]) & ~7UL, ReadL(op.Fs));
    }

    private partial void Prefx(NoOperands op) => FpuUsable(); // a hint: nothing to do once the FPU is usable
}
