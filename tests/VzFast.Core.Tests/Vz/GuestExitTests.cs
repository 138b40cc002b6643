using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>
/// Each GExcCode made to happen on purpose (kvm_trap_vz_handle_guest_exit and its handlers): what
/// the guest sees afterwards and the counter Linux bumps.
/// </summary>
public class GuestExitTests
{
    private static ulong GExcCodeOf(VzGuest g) =>
        (g.Vcpu.Cpu.ReadRootCp0(Cp0Table.GuestCtl0) & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift;

    [Fact]
    public void Gpsi_PridReadIsEmulated()
    {
        using var g = new VzGuest();
        g.Load(Mfc0(T0, 15));
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(CpuModel.Default.Reset(Cp0Table.PRId), g[T0]);
        Assert.Equal(1, g.Vcpu.Stats.vz_gpsi_exits);
    }

    [Fact]
    public void Gpsi_CacheIndexOpsExitAndHitOpsRunInTheGuestWithCg()
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, 0xFFFF_FFFF_8000_0000UL), Cache(0x00, T0, 0), Cache(0x01, T0, 0x20), Cache(0x15, T0, 0), Ori(T1, 0, 3)]);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(3UL, g[T1]);
        Assert.Equal(2, g.Vcpu.Stats.cache_exits); // Index_Invalidate_I, Index_Writeback_Inv_D
        Assert.Equal(2, g.Vcpu.Stats.vz_gpsi_exits); // Hit_Writeback_Inv_D is the guest's own (GuestCtl0.CG)
    }

    [Fact]
    public void Gpsi_ACacheOpLinuxDoesNotEmulateStopsWithTheInstruction()
    {
        using var g = new VzGuest();
        uint word = Cache(0x08, T0, 0); // Index_Store_Tag_I
        g.Load([.. Li(T0, 0xFFFF_FFFF_8000_0000UL), word]);
        var exit = g.Run();
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains($"0x{word:x8}", exit.Message);
    }

    [Fact]
    public void Gpsi_AnUnemulatedCp0WriteStopsWithTheInstruction()
    {
        using var g = new VzGuest();
        uint word = Mtc0(T0, 15); // PRId write
        g.Load(word);
        var exit = g.Run();
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains($"0x{word:x8}", exit.Message);
        Assert.Equal(CodeBase, g.Vcpu.Pc); // stopped at the instruction, not past it
    }

    [Fact]
    public void Gpsi_RdhwrCountWithTheSoftwareTimer()
    {
        using var g = new VzGuest();
        g.Vcpu.SetOneReg(Vcpu.RegCountHz, 50_000_000);
        g.Vcpu.SetOneReg(Vcpu.Cp0Reg32(Cp0Table.Count), 4242);
        g.Vcpu.SetOneReg(Vcpu.Cp0Reg32(Cp0Table.HWREna), 0xF);
        g.Load(Rdhwr(T0, 2));
        g.Run();
        Assert.InRange((long)g[T0], 4242, 4242 + 10);
        Assert.Equal(1, g.Vcpu.Stats.vz_gpsi_exits);
    }

    [Fact]
    public void Gsfc_CauseIvChangeIsCompletedByRoot()
    {
        using var g = new VzGuest();
        g.Load([Mfc0(T0, 13), .. Li(T1, Cause.IVMask), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 13), Mfc0(T2, 13)]);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.NotEqual(0UL, g[T2] & Cause.IVMask);
        Assert.Equal(1, g.Vcpu.Stats.vz_gsfc_exits);
    }

    [Fact]
    public void Gsfc_StatusCu1StaysClearWithoutAGuestFpu()
    {
        using var g = new VzGuest();
        g.Load([Mfc0(T0, 12), .. Li(T1, 1UL << 29), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 12), Mfc0(T2, 12)]);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(0UL, g[T2] & (1UL << 29));
        Assert.Equal(1, g.Vcpu.Stats.vz_gsfc_exits);
    }

    [Fact]
    public void Hc_HypercallsByNumber()
    {
        using var g = new VzGuest();
        var console = new List<byte>();
        g.Vcpu.HypercallConsole = console.Add;
        "hi!"u8.ToArray().CopyTo(g.Ram.Slice(DataPhys, 3));
        g.Load([
            Ori(V0, 0, (uint)HypercallNumbers.ConsolePutChar), Ori(A0, 0, '>'), Hypcall(0), Daddu(T0, V0, 0),
            Ori(V0, 0, (uint)HypercallNumbers.ConsoleWrite), .. Li(A0, DataBase), Ori(A1, 0, 3), Hypcall(0), Daddu(T1, V0, 0),
            Ori(V0, 0, (uint)HypercallNumbers.CountHz), Hypcall(0), Daddu(T2, V0, 0),
            Ori(V0, 0, 0x7777), Hypcall(0), Daddu(T3, V0, 0),
        ]);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(">hi!"u8.ToArray(), console.ToArray());
        Assert.Equal(0UL, g[T0]);
        Assert.Equal(3UL, g[T1]);
        Assert.Equal(VzFast.Scheduling.Scheduler.Frequency / 2, (long)g[T2]);
        Assert.Equal(unchecked((ulong)-HypercallNumbers.KvmEnosys), g[T3]); // -ENOSYS like Linux
        Assert.Equal(5, g.Vcpu.Stats.vz_hc_exits);
    }

    [Fact]
    public void Hc_ANonZeroHypcallCodeStops()
    {
        using var g = new VzGuest();
        g.Load(Hypcall(5));
        var exit = g.Run();
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains("HYPCALL 0x005", exit.Message);
    }

    [Fact]
    public void Hc_PowerOffCarriesItsCode()
    {
        using var g = new VzGuest();
        g.Load(Ori(V0, 0, (uint)HypercallNumbers.PowerOff), Ori(A0, 0, 42), Hypcall(0));
        var exit = g.Run();
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(42UL, exit.HypercallArgs[0]);
    }

    private const uint ReservedWord = 0xEC00_0000; // primary opcode 0x3b: reserved on MIPS64 R2

    [Fact]
    public void Grr_WithGuestCtl0RiTheReservedInstructionExitsToRoot()
    {
        Assert.Equal(Opcode.Invalid, Decoder.Decode(ReservedWord));
        using var g = new VzGuest();
        g.Vcpu.GuestControls |= GuestCtl0.RIMask;
        g.Vcpu.Reset();
        g.Vcpu.SetOneReg(g.Vcpu.Cp0RegId(Cp0Table.Status), Status.KXMask);
        g.Load(ReservedWord);
        var exit = g.Run();
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains("GRR", exit.Message);
        Assert.Contains($"0x{ReservedWord:x8}", exit.Message);
        Assert.Equal(1, g.Vcpu.Stats.vz_grr_exits);
        Assert.Equal(3UL, GExcCodeOf(g));
    }

    [Fact]
    public void WithoutGuestCtl0RiTheGuestTakesItsOwnReservedInstruction()
    {
        using var g = new VzGuest();
        g.Load(ReservedWord);
        var exit = g.Run();
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]);
        Assert.Equal((ulong)ExcCode.RI, (g.GuestCp0(Cp0Table.Cause) & Cause.ExcCodeMask) >> Cause.ExcCodeShift);
        Assert.Equal(0, g.Vcpu.Stats.vz_grr_exits);
    }

    [Fact]
    public void Ghfc_WithGuestCtl0McModeChangesExitAndResume()
    {
        using var g = new VzGuest();
        g.Vcpu.GuestControls |= GuestCtl0.MCMask;
        g.Vcpu.Reset();
        g.Vcpu.SetOneReg(g.Vcpu.Cp0RegId(Cp0Table.Status), Status.KXMask | Status.SXMask | Status.UXMask);
        // EPC = label; Status.EXL = 1; eret -> label (two mode changes: EXL set, EXL cleared)
        ulong label = CodeBase + 12 * 4; // the power-off after the ori
        g.Load([.. Li(T0, label), Assembler.Encode(Opcode.Dmtc0, ("rt", T0), ("rd", 14), ("sel", 0)),
            Mfc0(T1, 12), Ori(T1, T1, 2), Mtc0(T1, 12), Eret, Ori(T2, 0, 1)]);
        var exit = g.Run();
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(0UL, exit.HypercallArgs[0]);
        Assert.Equal(0UL, g[T2]); // ERET does not run the next instruction
        Assert.Equal(2, g.Vcpu.Stats.vz_ghfc_exits);
    }

    [Fact]
    public void Gpa_RootTlbFaultsReportTheGuestPhysicalAddress()
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, DataBase + 0x40), Mem(Opcode.Lw, T1, T0, 0), .. Li(T2, MmioBase + 0x10), Mem(Opcode.Lw, T3, T2, 0)]);
        g.Ram.Slice(DataPhys + 0x40, 4)[0] = 0x77;
        var atFault = new List<(ulong GExc, ulong BadVAddr)>();
        g.Run(e => atFault.Add((GExcCodeOf(g), g.Vcpu.Cpu.ReadRootCp0(Cp0Table.BadVAddr))));
        Assert.Equal(0x77UL, g[T1]);
        Assert.True(g.Vcpu.Stats.tlbmiss_ld_exits >= 2);
        Assert.Equal([(10UL, MmioPhys + 0x10)], atFault); // GExcCode GPA, root BadVAddr the guest physical address
    }

    [Fact]
    public void Gva_HardwareThatReportsGuestVirtualAddressesIsTranslatedInSoftware()
    {
        using var g = new VzGuest();
        g.Vcpu.Cpu.ReportGvaOnRootFaults = true;
        g.Load([.. Li(T0, DataBase + 0x80), Mem(Opcode.Lw, T1, T0, 0), .. Li(T2, MmioBase + 8), Mem(Opcode.Lw, T3, T2, 0)]);
        g.Ram.Slice(DataPhys + 0x80, 4)[0] = 0x66;
        var seen = new List<(ulong Address, ulong GExc, ulong BadVAddr)>();
        var exit = g.Run(e => { seen.Add((e.Address, GExcCodeOf(g), g.Vcpu.Cpu.ReadRootCp0(Cp0Table.BadVAddr))); e.Data = 5; });
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(0x66UL, g[T1]);
        Assert.Equal(5UL, g[T3]);
        // GExcCode GVA with the guest virtual address; kvm_vz_badvaddr_to_gpa found the GPA
        Assert.Equal([(MmioPhys + 8, 8UL, MmioBase + 8)], seen);
        Assert.True(g.Vcpu.Stats.tlbmiss_ld_exits >= 2);
    }
}
