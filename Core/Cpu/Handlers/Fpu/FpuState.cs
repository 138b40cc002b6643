using VzFast.Cp0;

namespace VzFast.Cpu;

// The FPU's registers and FCSR (MIPS64 Vol. I-A, chapter 6 "FPU"; Vol. II-A, 7.4 "FPU control
// registers"). With Status.FR = 1 there are 32 64-bit registers; with FR = 0 a single is the low
// word of a register and a double the pair (even low, odd high), as QEMU keeps them.
public sealed unsafe partial class CpuCore
{
    public const uint FcsrFlagShift = 2, FcsrEnableShift = 7, FcsrCauseShift = 12;
    /// <summary>IEEE exceptions in FCSR bit order: inexact, underflow, overflow, divide by zero, invalid (then E, unimplemented).</summary>
    internal const int FpInexact = 1, FpUnderflow = 2, FpOverflow = 4, FpDivZero = 8, FpInvalid = 16, FpUnimplemented = 32;

    private bool Fr => (C[Cp0Table.Status] & Status.FRMask) != 0;

    /// <summary>FPU register <paramref name="r"/> as stored (64 bits; with FR = 0 a single is its low word).</summary>
    public ulong GetFprRaw(int r) => S->Fpr[r];

    public void SetFprRaw(int r, ulong v) => S->Fpr[r] = v;

    /// <summary>Single register <paramref name="r"/> (either FR model).</summary>
    public uint ReadFpr32(int r) => (uint)S->Fpr[r];

    public void WriteFpr32(int r, uint v) => S->Fpr[r] = (S->Fpr[r] & 0xFFFF_FFFF_0000_0000UL) | v;

    /// <summary>Double register <paramref name="r"/> under the register model <paramref name="fr"/> (FR = 0: the even/odd pair).</summary>
    public ulong ReadFpr64(int r, bool fr) => fr ? S->Fpr[r] : (uint)S->Fpr[r] | (ulong)(uint)S->Fpr[r | 1] << 32;

    public void WriteFpr64(int r, bool fr, ulong v)
    {
        if (fr) S->Fpr[r] = v;
        else
        {
            WriteFpr32(r & ~1, (uint)v);
            WriteFpr32(r | 1, (uint)(v >> 32));
        }
    }

    public uint Fcsr
    {
        get => S->Fcsr;
        set => S->Fcsr = value;
    }

    /// <summary>
    /// The check every COP1 instruction makes first: Status.CU1 of the running context (a guest's
    /// own Coprocessor Unusable), then, in guest mode, root's (an exit: the hypervisor hands the FPU
    /// over lazily, kvm_trap_vz_handle_cop_unusable).
    /// </summary>
    private bool FpuUsable()
    {
        const ulong cu1 = 1UL << 29;
        if ((C[Cp0Table.Status] & cu1) == 0)
        {
            RaiseException(ExcCode.CpU, 1);
            return false;
        }
        if (InGuestMode && (RC[Cp0Table.Status] & cu1) == 0)
        {
            TakeRootException(ExcCode.CpU, null, null, 0x180, coprocessor: 1);
            return false;
        }
        return true;
    }

    /// <summary>FPU usable and, with FR = 0, every named double register even (else Reserved Instruction, QEMU's check_cp1_registers).</summary>
    private bool FpuDoubles(int regs)
    {
        if (!FpuUsable()) return false;
        if (!Fr && (regs & 1) != 0)
        {
            RaiseException(ExcCode.RI);
            return false;
        }
        return true;
    }

    private uint ReadW(int r) => (uint)S->Fpr[r];

    /// <summary>A 32-bit result: the low word, the high word kept (QEMU's gen_store_fpr32).</summary>
    private void WriteW(int r, uint v) => S->Fpr[r] = (S->Fpr[r] & 0xFFFF_FFFF_0000_0000UL) | v;

    private ulong ReadL(int r) => Fr ? S->Fpr[r] : (uint)S->Fpr[r] | (ulong)(uint)S->Fpr[r | 1] << 32;

    private void WriteL(int r, ulong v)
    {
        if (Fr) S->Fpr[r] = v;
        else
        {
            WriteW(r & ~1, (uint)v);
            WriteW(r | 1, (uint)(v >> 32));
        }
    }

    private uint ReadHigh(int r) => Fr ? (uint)(S->Fpr[r] >> 32) : (uint)S->Fpr[r | 1];

    private void WriteHigh(int r, uint v)
    {
        if (Fr) S->Fpr[r] = (S->Fpr[r] & 0xFFFF_FFFFUL) | (ulong)v << 32;
        else WriteW(r | 1, v);
    }

    private int RoundingMode => (int)(S->Fcsr & 3);

    private bool Cc(int n) => n < 8 && (S->Fcsr & CcBit(n)) != 0;

    private static uint CcBit(int n) => n == 0 ? 1u << 23 : 1u << (24 + n);

    private void SetCc(int n, bool v)
    {
        if (n < 8) S->Fcsr = v ? S->Fcsr | CcBit(n) : S->Fcsr & ~CcBit(n); // a pair's cc + 1 beyond 7 does not exist
    }

    /// <summary>
    /// After an arithmetic operation: Cause = its exceptions; an enabled one raises Floating Point
    /// Exception (the result is not written: the caller checks the return), else they join the
    /// sticky flags (QEMU's update_fcr31).
    /// </summary>
    private bool FpuDone(int exceptions)
    {
        uint fcsr = S->Fcsr & ~(0x3Fu << (int)FcsrCauseShift);
        fcsr |= (uint)exceptions << (int)FcsrCauseShift;
        uint enabled = (fcsr >> (int)FcsrEnableShift) & 0x1F;
        if ((exceptions & (enabled | FpUnimplemented)) != 0)
        {
            S->Fcsr = fcsr;
            RaiseException(ExcCode.Fpe);
            return false;
        }
        S->Fcsr = fcsr | (uint)(exceptions & 0x1F) << (int)FcsrFlagShift;
        return true;
    }
}
