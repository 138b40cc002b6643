using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>The hypervisor as a library: Vm, memslot, Vcpu, registers by ONE_REG id, KVM_RUN to an exit.</summary>
public class VcpuTests
{
    [Fact]
    public void GuestRunsToAHypercallPowerOff_AndStateReadsBack()
    {
        using var g = new VzGuest();
        g[A1] = 0x1111_2222_3333_4444;
        g.Load(Daddu(T0, A1, A1), Ori(T1, 0, 0xBEEF));
        var exit = g.Run();
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(0UL, exit.HypercallArgs[0]);
        Assert.Equal(0x2222_4444_6666_8888UL, g[T0]);
        Assert.Equal(0xBEEFUL, g[T1]);
        Assert.Equal(CodeBase + 5 * 4, g.Vcpu.Pc); // past ori, ori, hypcall after the two instructions
        Assert.True(g.Vcpu.Cpu.InGuestMode || g.Vcpu.Stats.vz_hc_exits == 1);
        Assert.Equal(1, g.Vcpu.Stats.vz_hc_exits);
    }

    [Fact]
    public void GuestRunsInGuestModeWithRootContextUntouched()
    {
        using var g = new VzGuest();
        g.Load(Mfc0(T0, 12), Mfc0(T1, 16, 3));
        var rootStatusBefore = g.Vcpu.Cpu.ReadRootCp0(VzFast.Cp0.Cp0Table.Status);
        g.Run();
        // the guest read its own Status and Config3 (no VZ bit), not root's
        Assert.Equal(g.GuestCp0(VzFast.Cp0.Cp0Table.Status) & 0xFFFF_FFFF, g[T0] & 0xFFFF_FFFF);
        Assert.Equal(0UL, g[T1] & VzFast.Cp0.Config3.VZMask);
        Assert.NotEqual(0UL, g.Vcpu.Cpu.ReadRootCp0(VzFast.Cp0.Cp0Table.Config3) & VzFast.Cp0.Config3.VZMask);
        Assert.Equal(rootStatusBefore & VzFast.Cp0.Status.KXMask, g.Vcpu.Cpu.ReadRootCp0(VzFast.Cp0.Cp0Table.Status) & VzFast.Cp0.Status.KXMask);
    }

    [Fact]
    public void QuantumEndReturnsAndTheNextRunContinues()
    {
        using var g = new VzGuest();
        // t0 counts to 1000 in a loop: bne t0, t1, -1 ; addiu t0, t0, 1
        g.Load([.. Li(T1, 1000), Assembler.Encode(Opcode.Bne, ("rs", T0), ("rt", T1), ("imm", -1L)), Addiu(T0, T0, 1)]);
        var exit = g.Vcpu.Run(50);
        Assert.Equal(ExitReason.QuantumEnd, exit.Reason);
        Assert.True(g[T0] < 1000);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(1001UL, g[T0]);
    }

    [Fact]
    public void RequestStopFromInsideARunEndsItAtAnInstructionBoundary()
    {
        using var g = new VzGuest();
        // putc hypercall, then b . forever
        g.Load(Ori(V0, 0, (uint)HypercallNumbers.ConsolePutChar), Ori(A0, 0, 'k'), Hypcall(0),
            Assembler.Encode(Opcode.Beq, ("rs", 0), ("rt", 0), ("imm", -1L)), 0);
        g.Vcpu.HypercallConsole = _ => g.Vcpu.RequestStop();
        var exit = g.Vcpu.Run(1_000_000);
        Assert.Equal(ExitReason.QuantumEnd, exit.Reason);
        Assert.InRange(g.Vcpu.Cpu.InstructionCount, 3, 10);
    }

    [Fact]
    public void VmmHypercallsExitToTheMachineWhichAnswersInV0()
    {
        using var g = new VzGuest();
        g.Load([.. Li(V0, 0x1234), Ori(A0, 0, 11), Ori(A1, 0, 22), Ori(A2, 0, 33), Ori(A3, 0, 44), Hypcall(0), Daddu(T0, V0, 0),
            .. Li(V0, 0x1FFF), Hypcall(0), Daddu(T1, V0, 0)]);
        var exit = g.Vcpu.Run(10_000);
        Assert.Equal(ExitReason.Hypercall, exit.Reason);
        Assert.Equal(0x1234UL, exit.HypercallNumber);
        Assert.Equal([11UL, 22, 33, 44], exit.HypercallArgs);
        exit.HypercallResult = 99;
        exit = g.Vcpu.Run(10_000);
        Assert.Equal(ExitReason.Hypercall, exit.Reason); // the second one: left unanswered
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(99UL, g[T0]);
        Assert.Equal(unchecked((ulong)-HypercallNumbers.KvmEnosys), g[T1]);
    }

    [Fact]
    public void WithGuestDebugASoftwareBreakpointExitsAtItsPc()
    {
        using var g = new VzGuest();
        uint sdbbp = Assembler.Encode(Opcode.Sdbbp, ("code", 0));
        g.Load(Ori(T0, 0, 1), sdbbp, Ori(T1, 0, 2));
        g.Vcpu.GuestDebug = true;
        var exit = g.Vcpu.Run(10_000);
        Assert.Equal(ExitReason.Debug, exit.Reason);
        Assert.Equal(CodeBase + 4, g.Vcpu.Pc);
        Assert.Equal(1UL, g[T0]);
        // the debugger puts the original instruction back and resumes
        g.WriteCode(CodePhys + 4, [0]);
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal(2UL, g[T1]);
    }

    [Fact]
    public void WithoutGuestDebugSdbbpIsAnInternalError()
    {
        using var g = new VzGuest();
        g.Load(Assembler.Encode(Opcode.Sdbbp, ("code", 0)));
        var exit = g.Run();
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains("GPSI", exit.Message);
    }
}
