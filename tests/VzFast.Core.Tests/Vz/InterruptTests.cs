using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>KVM_INTERRUPT and kvm_mips_deliver_interrupts: lines raised and lowered through GuestCtl2.VIP.</summary>
public class InterruptTests
{
    /// <summary>Guest code that enables IE and IM2..IM4, then spins 200 times.</summary>
    private static uint[] EnableAndSpin() =>
    [
        Mfc0(T0, 12), Ori(T0, T0, 0x1C01), Mtc0(T0, 12),
        Ori(T1, 0, 200), Assembler.Encode(Opcode.Bne, ("rs", T1), ("rt", 0), ("imm", -1L)), Addiu(T1, T1, -1),
    ];

    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 11)]
    [InlineData(4, 12)]
    public void ARaisedLineIsTakenByTheGuestOnItsIpBit(int irq, int ipBit)
    {
        using var g = new VzGuest();
        g.Load(EnableAndSpin());
        g.Vcpu.Interrupt(irq);
        var exit = g.Run();
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]); // the guest's vector ran
        ulong cause = g.GuestCp0(Cp0Table.Cause);
        Assert.Equal(0UL, (cause & Cause.ExcCodeMask) >> Cause.ExcCodeShift); // Int
        Assert.Equal(1UL << ipBit, cause & 0xFC00);
        Assert.NotEqual(0UL, g.Vcpu.Cpu.ReadRootCp0(Cp0Table.GuestCtl2) & (1UL << ipBit));
        Assert.Equal(0, g.Vcpu.Cpu.Stats.Exceptions().Count(e => e.Code == ExcCode.Int)); // no root involvement
    }

    [Fact]
    public void ALoweredLineIsClearedBeforeTheGuestSeesIt()
    {
        using var g = new VzGuest();
        g.Load(EnableAndSpin());
        g.Vcpu.Interrupt(2);
        g.Vcpu.Interrupt(-2);
        var exit = g.Run();
        Assert.Equal(0UL, exit.HypercallArgs[0]);
        Assert.Equal(0UL, g.GuestCp0(Cp0Table.Cause) & 0xFC00);
    }

    [Fact]
    public void LoweringADeliveredLineClearsVip()
    {
        using var g = new VzGuest();
        g.Load(Ori(T0, 0, 1));
        g.Vcpu.Interrupt(3);
        g.Run(); // IE is off: delivered into VIP but not taken
        Assert.NotEqual(0UL, g.GuestCp0(Cp0Table.Cause) & (1UL << 11));
        g.Vcpu.Interrupt(-3);
        g.Load(Ori(T0, 0, 2));
        g.Run();
        Assert.Equal(0UL, g.GuestCp0(Cp0Table.Cause) & (1UL << 11));
        Assert.Equal(0UL, g.Vcpu.Cpu.ReadRootCp0(Cp0Table.GuestCtl2) & (1UL << 11));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-7)]
    public void OnlyTheLinesKvmHasAreAccepted(int irq)
    {
        using var g = new VzGuest();
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Vcpu.Interrupt(irq));
    }

    [Fact]
    public void AnInterruptWakesAHaltedVcpu()
    {
        using var g = new VzGuest();
        g.Load([.. EnableAndSpin(), WaitInstr, Ori(T3, 0, 1)]);
        var exit = g.Vcpu.Run(100_000);
        Assert.Equal(ExitReason.Halt, exit.Reason);
        Assert.False(g.Vcpu.Runnable);
        Assert.Equal(ExitReason.Halt, g.Vcpu.Run(100_000).Reason); // still halted: nothing pending
        g.Vcpu.Interrupt(2);
        Assert.True(g.Vcpu.Runnable);
        exit = g.Run();
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]);
        Assert.Equal(1, g.Vcpu.Stats.wait_exits);
        Assert.Equal(1, g.Vcpu.Stats.halt_wakeup);
        Assert.Equal(CodeBase + (ulong)EnableAndSpin().Length * 4 + 4, g.GuestCp0(Cp0Table.EPC)); // after the WAIT
    }
}
