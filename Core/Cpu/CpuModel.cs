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
    }

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
