using VzFast.Cp0;
using VzFast.Machines;
using VzFast.Tests.Support;

namespace VzFast.Tests.Vz;

/// <summary>
/// tests/guests/vzexits and hypercall on the Malta board under the hypervisor: each makes guest
/// exits on purpose, with the GuestCtl0 controls the hypervisor sets; the guest must see what it
/// sees on QEMU and the exit counters must show the exits.
/// </summary>
public class GuestExitProgramTests
{
    private static string Expected(string program) => File.ReadAllText(GuestFiles.PathOf(program + ".expected"));

    private static string Output(MaltaRun.Result r) => System.Text.Encoding.Latin1.GetString(r.Output);

    [Fact]
    public void DefaultControls_GpsiGsfcAndRootFaults()
    {
        var r = MaltaRun.Run("vzexits");
        using var m = r.Machine;
        Assert.Equal(Expected("vzexits"), Output(r));
        var s = m.Vcpu!.Stats;
        Assert.Equal(64, s.cache_exits);          // 32 lines x two index operations; the hit ones stay in the guest
        Assert.Equal(1, s.wait_exits);
        Assert.Equal(1, s.halt_wakeup);
        Assert.True(s.vz_gpsi_exits >= 64 + 1 + 1, $"{s.vz_gpsi_exits} GPSI exits"); // + PRId + WAIT
        Assert.Equal(4, s.vz_gsfc_exits);          // Cause.IV on and off, Status.RE on and off
        Assert.Equal(0, s.vz_ghfc_exits);
        Assert.Equal(0, s.vz_grr_exits);
        Assert.True(s.tlbmiss_ld_exits > 0 && s.tlbmiss_st_exits > 0 && s.mmio_exits > 0);
    }

    [Fact]
    public void GuestCtl0Mc_ModeChangesExitWithGhfcAndTheGuestSeesNoDifference()
    {
        var r = MaltaRun.Run("vzexits", configure: m => ControlsPlus(m, GuestCtl0.MCMask));
        using var m = r.Machine;
        Assert.Equal(Expected("vzexits"), Output(r));
        // five exceptions (three syscalls, the timer interrupt, RI): EXL set and cleared for each
        Assert.True(m.Vcpu!.Stats.vz_ghfc_exits >= 10, $"{m.Vcpu.Stats.vz_ghfc_exits} GHFC exits");
    }

    [Fact]
    public void GuestCtl0Ri_TheReservedInstructionExitsWithGrrAndStops()
    {
        var r = MaltaRun.Run("vzexits", configure: m => ControlsPlus(m, GuestCtl0.RIMask));
        using var m = r.Machine;
        Assert.Equal(StopReason.Error, r.Exit.Reason);
        Assert.Contains("GRR", r.Exit.Message);
        Assert.Contains("0xec000000", r.Exit.Message);
        Assert.Equal(1, m.Vcpu!.Stats.vz_grr_exits);
        string expected = Expected("vzexits");
        Assert.Equal(expected[..(expected.IndexOf("reserved instruction", StringComparison.Ordinal))], Output(r));
    }

    [Fact]
    public void GvaReportingHardware_TheGuestSeesNoDifference()
    {
        var r = MaltaRun.Run("vzexits", configure: m => m.Vcpu!.Cpu.ReportGvaOnRootFaults = true);
        using var m = r.Machine;
        Assert.Equal(Expected("vzexits"), Output(r));
        Assert.True(m.Vcpu!.Stats.tlbmiss_ld_exits > 0);
    }

    [Fact]
    public void Hypercalls_ConsoleClockEnosysAndPowerOff()
    {
        var r = MaltaRun.Run("hypercall");
        using var m = r.Machine;
        Assert.Equal(Expected("hypercall"), Output(r));
        Assert.Equal(StopReason.Shutdown, r.Exit.Reason);
        Assert.Equal(7, r.Exit.ExitCode);
        Assert.Equal(m.Vcpu!.Stats.hypercall_exits, m.Vcpu.Stats.vz_hc_exits);
        Assert.Equal(1 + 9 + 1 + 1 + 1, m.Vcpu.Stats.vz_hc_exits);
    }

    [Fact]
    public void WithoutTheHypervisor_HypcallIsAReservedInstruction()
    {
        var r = MaltaRun.Run("hypercall", accel: Accelerator.None, maxInstructions: 50_000_000);
        using var m = r.Machine;
        Assert.DoesNotContain("hello through the console hypercall", Output(r));
        Assert.True(m.Cpu.Stats.ExceptionsByCode[(int)ExcCode.RI] > 0);
    }

    /// <summary>Adds GuestCtl0 controls the hypervisor grants, then resets the board so the vCPU starts with them.</summary>
    private static void ControlsPlus(VzFast.Machines.Malta.Malta m, ulong controls)
    {
        m.Vcpu!.GuestControls |= controls;
        m.Reset();
    }
}
