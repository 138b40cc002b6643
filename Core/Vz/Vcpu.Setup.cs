using VzFast.Cp0;

namespace VzFast.Vz;

// kvm_vz_vcpu_setup: the guest CP0 context as the -cpu model defines it, and the root controls.
public sealed unsafe partial class Vcpu
{
    /// <summary>The GuestID this VM's second-stage root TLB entries carry.</summary>
    public const byte GuestId = 1;

    private void SetupGuest()
    {
        var gc = Cpu.GC;
        for (int i = 0; i < Cp0Table.Slots; i++)
        {
            if (Cp0Table.InGuest[i]) gc[i] = GuestModel.Reset(i);
            _emulatedCp0[i] = Cp0Table.InGuest[i] ? 0 : GuestModel.Reset(i);
        }
        Cpu.GuestConfigChanged();
        RC[Cp0Table.GuestCtl0] = (RC[Cp0Table.GuestCtl0] & (GuestCtl0.G1Mask | GuestCtl0.G2Mask)) | GuestControls;
        RC[Cp0Table.GuestCtl1] = GuestId;
        RC[Cp0Table.GuestCtl2] = 0;
        RC[Cp0Table.GTOffset] = 0;
        // root runs "in kernel with EXL": not in guest mode until Run enters it
        Cpu.WriteRootCp0(Cp0Table.Status, (RC[Cp0Table.Status] | Status.EXLMask) & ~(Status.BEVMask | Status.ERLMask));
    }
}
