using VzFast.Cp0;

namespace VzFast.Cpu;

/// <summary>A CPU model resolved from specs/cp0.yaml: reset values plus the numbers code needs.</summary>
public sealed class CpuModel
{
    public CpuModelSpec Spec { get; }
    public string Name => Spec.Name;
    public int TlbSize { get; }
    public int SegBits { get; }
    public int PaBits { get; }
    public int LLAddrShift { get; }
    public int SynciStep { get; }
    public int CCRes { get; }

    public CpuModel(CpuModelSpec spec)
    {
        Spec = spec;
        ulong config1 = Reset(Cp0Table.Config1);
        TlbSize = (int)new Config1(config1).MMUSize + 1;
        SegBits = (int)Param("segbits");
        PaBits = (int)Param("pabits");
        LLAddrShift = (int)Param("lladdr_shift");
        SynciStep = (int)Param("synci_step");
        CCRes = (int)Param("ccres");
        HasFpu = (config1 & 1) != 0;
        Fir = (uint)(Spec.Params.TryGetValue("fir", out var fir) ? fir : 0);
        FcsrWriteMask = (uint)(Spec.Params.TryGetValue("fcsr_rw", out var rw) ? rw : 0);
        HasMsa = (Reset(Cp0Table.Config3) & (1UL << 28)) != 0;
        MsaIr = (uint)(Spec.Params.TryGetValue("msair", out var ir) ? ir : 0);
        CpuCfg1 = (uint)(Spec.Params.TryGetValue("cpucfg1", out var c1) ? c1 : 0);
        HasCpuCfg = Spec.Params.ContainsKey("cpucfg1");
        HasLasx = HasMsa && (CpuCfg1 & (1u << 11)) != 0;
    }

    /// <summary>Loongson's CPUCFG instruction (LWC2 space) and its word 1 (loongson_regs.h LOONGSON_CFG1: FP, FPREV, MSA1, LASX, ...).</summary>
    public bool HasCpuCfg { get; }
    public uint CpuCfg1 { get; }
    /// <summary>LOONGSON_CFG1_LASX: the 256-bit Loongson Advanced SIMD Extension over the MSA registers.</summary>
    public bool HasLasx { get; }

    /// <summary>Config3.MSAP: the MIPS SIMD Architecture (Config5.MSAEn writable).</summary>
    public bool HasMsa { get; }
    /// <summary>MSAIR, the MSA implementation register.</summary>
    public uint MsaIr { get; }

    /// <summary>Config1.FP: the CPU has a floating-point unit (Status.CU1 and, with FIR.F64, Status.FR writable).</summary>
    public bool HasFpu { get; }
    /// <summary>FIR (FCR0), the FPU's implementation register.</summary>
    public uint Fir { get; }
    /// <summary>FCSR bits software can write (QEMU's CP1_fcr31_rw_bitmask).</summary>
    public uint FcsrWriteMask { get; }
    public bool Fpu64 => (Fir & (1u << 22)) != 0;
    /// <summary>FIR.PS: the paired-single format.</summary>
    public bool HasPairedSingle => (Fir & (1u << 18)) != 0;
    /// <summary>FIR.3D: the MIPS-3D ASE.</summary>
    public bool HasMips3d => (Fir & (1u << 19)) != 0;

    public ulong Reset(int index) => Spec.Resets.TryGetValue(index, out var v) ? v : Cp0Table.ResetValues[index];

    private ulong Param(string name) =>
        Spec.Params.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"CPU model {Spec.Name} lacks parameter '{name}' in specs/cp0.yaml");

    public static CpuModel Default => new(CpuModels.Cpu5KEc);

    /// <summary>The model named <paramref name="name"/> (case-insensitive, as QEMU's -cpu), or null.</summary>
    public static CpuModel? Find(string name)
    {
        foreach (var m in CpuModels.All)
            if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return new CpuModel(m);
        return null;
    }
}
