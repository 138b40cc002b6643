using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Cpu;

// MSA (MSA specification rev. 1.12): 32 128-bit vector registers whose low 64 bits are the FPU
// registers, MSAIR and MSACSR. An MSA instruction needs Config5.MSAEn of the running context
// (else MSA Disabled) and, with Status.CU1 set, the 64-bit register model (else Reserved
// Instruction) — QEMU's check_msa_access; in guest mode root's MSAEn too (an exit: the hypervisor
// hands MSA over lazily, kvm_trap_vz_handle_msa_disabled).
public sealed unsafe partial class CpuCore
{
    private const ulong MsaEn = 1UL << 27;

    private bool MsaUsable()
    {
        if (!Model.HasMsa)
        {
            RaiseException(ExcCode.RI);
            return false;
        }
        ulong st = C[Cp0Table.Status];
        if ((st & (1UL << 29)) != 0 && (st & Status.FRMask) == 0)
        {
            RaiseException(ExcCode.RI);
            return false;
        }
        if ((C[Cp0Table.Config5] & MsaEn) == 0)
        {
            RaiseException(ExcCode.MsaDis);
            return false;
        }
        if (InGuestMode && (RC[Cp0Table.Config5] & MsaEn) == 0)
        {
            TakeRootException(ExcCode.MsaDis, null, null, 0x180);
            return false;
        }
        return true;
    }

    public Vector128<ulong> ReadVector(int r) => Vector128.Create(S->Fpr[r], S->VprHigh[r]);

    public void WriteVector(int r, Vector128<ulong> v)
    {
        S->Fpr[r] = v.GetElement(0);
        S->VprHigh[r] = v.GetElement(1);
    }

    public uint Msacsr
    {
        get => S->Msacsr;
        set => S->Msacsr = value;
    }

    /// <summary>Element <paramref name="i"/> of format <paramref name="df"/> (0 byte .. 3 doubleword), sign-extended.</summary>
    internal static long Elem(Vector128<ulong> v, int df, int i) => df switch
    {
        0 => v.AsSByte().GetElement(i),
        1 => v.AsInt16().GetElement(i),
        2 => v.AsInt32().GetElement(i),
        _ => v.AsInt64().GetElement(i),
    };

    internal static ulong UElem(Vector128<ulong> v, int df, int i) => (ulong)Elem(v, df, i) & ElemMask(df);

    private static ulong ElemMask(int df) => df == 3 ? ulong.MaxValue : (1UL << (8 << df)) - 1;

    internal static Vector128<ulong> WithElem(Vector128<ulong> v, int df, int i, long x) => df switch
    {
        0 => v.AsByte().WithElement(i, (byte)x).AsUInt64(),
        1 => v.AsUInt16().WithElement(i, (ushort)x).AsUInt64(),
        2 => v.AsUInt32().WithElement(i, (uint)x).AsUInt64(),
        _ => v.WithElement(i, (ulong)x),
    };

    internal static int Lanes(int df) => 16 >> df;

    /// <summary>Element by element: fd[i] = f(ws[i], wt[i]) with signed and unsigned views.</summary>
    private Vector128<ulong> Map(int df, Vector128<ulong> a, Vector128<ulong> b, Func<long, long, ulong, ulong, int, long> f)
    {
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < Lanes(df); i++) r = WithElem(r, df, i, f(Elem(a, df, i), Elem(b, df, i), UElem(a, df, i), UElem(b, df, i), 8 << df));
        return r;
    }
}
