using System.Runtime.Intrinsics;
using VzFast.Cp0;

namespace VzFast.Vz;

// Register access by KVM ONE_REG id (arch/mips/include/uapi/asm/kvm.h): the GPRs, HI, LO, PC, the
// guest CP0 registers kvm_vz exposes by (rd << 3) | sel, and the KVM count registers. The id list
// is built as kvm_mips_num_regs / kvm_vz_copy_reg_indices build it.
public sealed unsafe partial class Vcpu
{
    public const ulong KvmRegMips = 0x7000_0000_0000_0000UL;
    public const ulong KvmRegSizeU32 = 0x0020_0000_0000_0000UL;
    public const ulong KvmRegSizeU64 = 0x0030_0000_0000_0000UL;
    public const ulong KvmRegMipsGp = KvmRegMips;
    public const ulong KvmRegMipsCp0 = KvmRegMips | 0x1_0000;
    public const ulong KvmRegMipsKvm = KvmRegMips | 0x2_0000;
    public const ulong RegHi = KvmRegMipsGp | KvmRegSizeU64 | 32;
    public const ulong RegLo = KvmRegMipsGp | KvmRegSizeU64 | 33;
    public const ulong RegPc = KvmRegMipsGp | KvmRegSizeU64 | 34;
    public const ulong RegCountCtl = KvmRegMipsKvm | KvmRegSizeU64 | 0;
    public const ulong RegCountResume = KvmRegMipsKvm | KvmRegSizeU64 | 1;
    public const ulong RegCountHz = KvmRegMipsKvm | KvmRegSizeU64 | 2;
    public const ulong KvmRegMipsFpr = KvmRegMips | 0x3_0000;
    public const ulong KvmRegMipsFcr = KvmRegMips | 0x4_0000;
    public const ulong RegFcrIr = KvmRegMipsFcr | KvmRegSizeU32 | 0;
    public const ulong RegFcrCsr = KvmRegMipsFcr | KvmRegSizeU32 | 31;
    public static ulong RegFpr32(int n) => KvmRegMipsFpr | KvmRegSizeU32 | (uint)n;
    public static ulong RegFpr64(int n) => KvmRegMipsFpr | KvmRegSizeU64 | (uint)n;
    public const ulong KvmRegSizeU128 = 0x0040_0000_0000_0000UL;
    public const ulong KvmRegMipsMsacr = KvmRegMips | 0x5_0000;
    public const ulong RegMsaIr = KvmRegMipsMsacr | KvmRegSizeU32 | 0;
    public const ulong RegMsaCsr = KvmRegMipsMsacr | KvmRegSizeU32 | 1;
    public static ulong RegVec128(int n) => KvmRegMipsFpr | KvmRegSizeU128 | (uint)n;
    public const ulong KvmRegSizeU256 = 0x0050_0000_0000_0000UL;
    /// <summary>KVM_REG_MIPS_VEC_256(n) of Loongson's kernels (KVM_REG_MIPS_FPR | KVM_REG_SIZE_U256 | n): a whole LASX register.</summary>
    public static ulong RegVec256(int n) => KvmRegMipsFpr | KvmRegSizeU256 | (uint)n;

    public static ulong RegGpr(int n) => KvmRegMipsGp | KvmRegSizeU64 | (uint)n;
    public static ulong Cp0Reg32(int index) => KvmRegMipsCp0 | KvmRegSizeU32 | (uint)index;
    public static ulong Cp0Reg64(int index) => KvmRegMipsCp0 | KvmRegSizeU64 | (uint)index;

    /// <summary>kvm_vz_get_one_regs: (CP0 index, 64-bit id?) in Linux's order.</summary>
    private static readonly (int Index, bool Wide)[] VzCp0Regs =
    [
        (Cp0Table.Index, false), (Cp0Table.EntryLo0, true), (Cp0Table.EntryLo1, true), (Cp0Table.Context, true),
        (Cp0Table.PageMask, false), (Cp0Table.PageGrain, false), (Cp0Table.Wired, false), (Cp0Table.HWREna, false),
        (Cp0Table.BadVAddr, true), (Cp0Table.Count, false), (Cp0Table.EntryHi, true), (Cp0Table.Compare, false),
        (Cp0Table.Status, false), (Cp0Table.IntCtl, false), (Cp0Table.Cause, false), (Cp0Table.EPC, true),
        (Cp0Table.PRId, false), (Cp0Table.EBase, true), (Cp0Table.Config0, false), (Cp0Table.Config1, false),
        (Cp0Table.Config2, false), (Cp0Table.Config3, false), (Cp0Table.Config4, false), (Cp0Table.Config5, false),
        (Cp0Table.XContext, true), (Cp0Table.ErrorEPC, true),
    ];

    /// <summary>The ONE_REG id of guest CP0 register <paramref name="index"/> ((rd &lt;&lt; 3) | sel) at the width kvm_vz lists it.</summary>
    public ulong Cp0RegId(int index)
    {
        foreach (var (i, wide) in VzCp0Regs)
            if (i == index) return wide ? Cp0Reg64(index) : Cp0Reg32(index);
        ulong id64 = Cp0Reg64(index), id32 = Cp0Reg32(index);
        foreach (var known in RegisterList())
            if (known == id64 || known == id32) return known;
        throw new ArgumentException($"guest CP0 register {index >> 3}, {index & 7} has no ONE_REG id");
    }

    /// <summary>KVM_GET_REG_LIST: every id this vCPU answers, in kvm_mips_copy_reg_indices order.</summary>
    public IReadOnlyList<ulong> RegisterList()
    {
        var ids = new List<ulong>();
        for (int i = 0; i < 32; i++) ids.Add(RegGpr(i));
        ids.AddRange([RegHi, RegLo, RegPc]);
        foreach (var (index, wide) in VzCp0Regs) ids.Add(wide ? Cp0Reg64(index) : Cp0Reg32(index));
        ids.AddRange([RegCountCtl, RegCountResume, RegCountHz]);
        var config3 = new Config3(GC[Cp0Table.Config3]);
        if (config3.ULRI) ids.Add(Cp0Reg64(Cp0Table.UserLocal));
        if (config3.BI) ids.AddRange([Cp0Reg32(Cp0Table.BadInstr), Cp0Reg32(Cp0Table.BadInstrP)]);
        uint kscratch = config3.M ? new Config4(GC[Cp0Table.Config4]).KScrExist : 0;
        for (int sel = 2; sel <= 7; sel++)
            if ((kscratch & (1u << sel)) != 0) ids.Add(Cp0Reg64(31 * 8 + sel));
        if (Cpu.Model.HasFpu)
        {
            // kvm_mips_copy_reg_indices: singles, doubles (odd ones only with a 64-bit FPU), FIR, FCSR
            for (int i = 0; i < 32; i++)
            {
                ids.Add(RegFpr32(i));
                if ((i & 1) == 0 || Cpu.Model.Fpu64) ids.Add(RegFpr64(i));
            }
            ids.AddRange([RegFcrIr, RegFcrCsr]);
        }
        if (Cpu.Model.HasMsa)
        {
            // kvm_mips_copy_reg_indices: the vector registers, MSAIR, MSACSR
            for (int i = 0; i < 32; i++) ids.Add(RegVec128(i));
            ids.AddRange([RegMsaIr, RegMsaCsr]);
        }
        if (Cpu.Model.HasLasx)
            for (int i = 0; i < 32; i++) ids.Add(RegVec256(i)); // kvm_mips_num_regs: + 32 with kvm_mips_guest_has_lasx
        return ids;
    }

    /// <summary>KVM_GET_ONE_REG. An id the vCPU does not have is an error naming it.</summary>
    public ulong GetOneReg(ulong id)
    {
        CheckId(id);
        if (id == RegHi) return Cpu.State.Hi;
        if (id == RegLo) return Cpu.State.Lo;
        if (id == RegPc) return Pc;
        if (id == RegCountCtl) return _countCtl;
        if (id == RegCountResume) return (ulong)_countResumeNs;
        if (id == RegCountHz) return _countHz;
        int n = (int)(id & 0xFF);
        if ((id & 0xFFFF_0000) == 0) return Cpu.GetGpr(n);
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU256) throw new ArgumentException($"ONE_REG 0x{id:x16} is 256 bits: use GetOneReg256");
        if ((id & 0xFFFF_0000) == (KvmRegMipsFpr & 0xFFFF_0000)) return GetFpuReg(id, n);
        if (id == RegFcrIr) return Cpu.Model.Fir;
        if (id == RegMsaIr) return Cpu.Model.MsaIr;
        if (id == RegMsaCsr) return Cpu.Msacsr;
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU128) throw new ArgumentException($"ONE_REG 0x{id:x16} is 128 bits: use GetOneReg128");
        if (id == RegFcrCsr) return Cpu.Fcsr;
        ulong v = n switch
        {
            Cp0Table.Count => ReadCount(),
            Cp0Table.PRId => _emulatedCp0[n],
            _ => Cpu.ReadGuestCp0(n),
        };
        return (id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU64 ? v : (uint)v;
    }

    /// <summary>KVM_SET_ONE_REG, with kvm_vz_set_one_reg's side effects (Count, Compare, Cause.DC/TI, Config write masks).</summary>
    public void SetOneReg(ulong id, ulong value)
    {
        CheckId(id);
        if (id == RegHi) { Cpu.State.Hi = value; return; }
        if (id == RegLo) { Cpu.State.Lo = value; return; }
        if (id == RegPc) { Pc = value; return; }
        if (id == RegCountCtl) { SetCountCtl(value); return; }
        if (id == RegCountResume) { SetCountResume((long)value); return; }
        if (id == RegCountHz) { SetCountHz(value); return; }
        int n = (int)(id & 0xFF);
        if ((id & 0xFFFF_0000) == 0)
        {
            LeaveGuestMode();
            Cpu.SetGpr(n, value);
            return;
        }
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU256) throw new ArgumentException($"ONE_REG 0x{id:x16} is 256 bits: use SetOneReg256");
        if ((id & 0xFFFF_0000) == (KvmRegMipsFpr & 0xFFFF_0000))
        {
            SetFpuReg(id, n, value);
            return;
        }
        if (id == RegFcrIr || id == RegMsaIr) return; // read-only, as kvm_mips_set_reg ignores them
        if (id == RegMsaCsr)
        {
            Cpu.Msacsr = (uint)value;
            return;
        }
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU128) throw new ArgumentException($"ONE_REG 0x{id:x16} is 128 bits: use SetOneReg128");
        if (id == RegFcrCsr)
        {
            Cpu.Fcsr = (uint)value;
            return;
        }
        LeaveGuestMode();
        switch (n)
        {
            case Cp0Table.Count:
                WriteCount((uint)value);
                return;
            case Cp0Table.Compare:
                WriteCompare((uint)value, ack: false);
                return;
            case Cp0Table.Cause:
            {
                bool before = CountDisabled;
                ulong changed = GC[n] ^ value;
                GC[n] = (GC[n] & ~(Cause.DCMask | Cause.TIMask | Cause.IVMask | Cause.IPMask | Cause.WPMask)) |
                        (value & (Cause.DCMask | Cause.TIMask | Cause.IVMask | 0x300UL | Cause.WPMask));
                if ((changed & Cause.DCMask) != 0) CauseDcChanged(before);
                if ((changed & Cause.TIMask) != 0)
                {
                    if ((value & Cause.TIMask) != 0) QueueIrq(ExcIntTimer);
                    else DequeueIrq(ExcIntTimer);
                }
                RefreshGuestLines();
                return;
            }
            case Cp0Table.PRId:
                _emulatedCp0[n] = (uint)value;
                return;
            case >= Cp0Table.Config0 and <= Cp0Table.Config5:
            {
                // kvm_vz_configN_user_wrmask: userspace may set M and the features the guest may have
                ulong mask = n == Cp0Table.Config0 ? 0x8000_0007UL : 0x8000_0000UL;
                GC[n] = (GC[n] & ~mask) | (value & mask);
                Cpu.GuestConfigChanged();
                return;
            }
            default:
                Cpu.WriteGuestCp0(n, value);
                return;
        }
    }

    /// <summary>KVM_GET_ONE_REG of a 128-bit id (the MSA vector registers): low and high halves.</summary>
    public (ulong Lo, ulong Hi) GetOneReg128(ulong id)
    {
        CheckId(id);
        if ((id & 0x00F0_0000_0000_0000UL) != KvmRegSizeU128) throw new ArgumentException($"ONE_REG 0x{id:x16} is not 128 bits");
        var v = Cpu.ReadVector((int)(id & 31));
        return (v.GetElement(0), v.GetElement(1));
    }

    public void SetOneReg128(ulong id, ulong lo, ulong hi)
    {
        CheckId(id);
        if ((id & 0x00F0_0000_0000_0000UL) != KvmRegSizeU128) throw new ArgumentException($"ONE_REG 0x{id:x16} is not 128 bits");
        Cpu.WriteVector((int)(id & 31), System.Runtime.Intrinsics.Vector128.Create(lo, hi));
    }

    /// <summary>KVM_GET_ONE_REG of a 256-bit id (LASX): the four doublewords, least significant first.</summary>
    public (ulong W0, ulong W1, ulong W2, ulong W3) GetOneReg256(ulong id)
    {
        CheckId(id);
        if ((id & 0x00F0_0000_0000_0000UL) != KvmRegSizeU256) throw new ArgumentException($"ONE_REG 0x{id:x16} is not 256 bits");
        int n = (int)(id & 31);
        var lo = Cpu.ReadVector(n);
        var hi = Cpu.ReadVectorUpper(n);
        return (lo.GetElement(0), lo.GetElement(1), hi.GetElement(0), hi.GetElement(1));
    }

    public void SetOneReg256(ulong id, ulong w0, ulong w1, ulong w2, ulong w3)
    {
        CheckId(id);
        if ((id & 0x00F0_0000_0000_0000UL) != KvmRegSizeU256) throw new ArgumentException($"ONE_REG 0x{id:x16} is not 256 bits");
        int n = (int)(id & 31);
        Cpu.WriteVector(n, System.Runtime.Intrinsics.Vector128.Create(w0, w1));
        Cpu.WriteVectorUpper(n, System.Runtime.Intrinsics.Vector128.Create(w2, w3));
    }

    private bool GuestFr => (GC[Cp0Table.Status] & Status.FRMask) != 0;

    /// <summary>kvm_mips_get_reg for FPR ids: singles in either model; doubles, odd ones only with FR = 1.</summary>
    private ulong GetFpuReg(ulong id, int n)
    {
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU32) return Cpu.ReadFpr32(n);
        if (!GuestFr && (n & 1) != 0) throw new ArgumentException($"ONE_REG FPR_64({n}): odd doubles need the guest's Status.FR");
        return Cpu.ReadFpr64(n, GuestFr);
    }

    private void SetFpuReg(ulong id, int n, ulong value)
    {
        if ((id & 0x00F0_0000_0000_0000UL) == KvmRegSizeU32)
        {
            Cpu.WriteFpr32(n, (uint)value);
            return;
        }
        if (!GuestFr && (n & 1) != 0) throw new ArgumentException($"ONE_REG FPR_64({n}): odd doubles need the guest's Status.FR");
        Cpu.WriteFpr64(n, GuestFr, value);
    }

    private void CheckId(ulong id)
    {
        foreach (var known in RegisterList())
            if (known == id) return;
        throw new ArgumentException($"unknown ONE_REG id 0x{id:x16} (not in this vCPU's register list)");
    }
}
