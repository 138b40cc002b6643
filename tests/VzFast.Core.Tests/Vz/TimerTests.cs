using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>The guest timer: hardware guest Count/Compare while running, the wakeup event while halted.</summary>
public class TimerTests
{
    /// <summary>Compare = Count + ticks, IE and IM7 on, then WAIT.</summary>
    private static uint[] ArmAndWait(uint ticks) =>
    [
        Mfc0(T0, 9), .. Li(T1, ticks), Daddu(T0, T0, T1), Mtc0(T0, 11),
        Mfc0(T2, 12), Ori(T2, T2, 0x8001), Mtc0(T2, 12),
        WaitInstr, Ori(T3, 0, 1),
    ];

    [Fact]
    public void WaitHaltsAndTheTimerWakesTheGuestAtCompare()
    {
        using var g = new VzGuest();
        g.Load(ArmAndWait(100_000));
        long t0 = g.Vcpu.Cpu.VirtualTime;
        var exit = g.Run();
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]);
        ulong cause = g.GuestCp0(Cp0Table.Cause);
        Assert.NotEqual(0UL, cause & Cause.TIMask);
        Assert.NotEqual(0UL, cause & (1UL << 15));
        Assert.Equal(1, g.Vcpu.Stats.wait_exits);
        Assert.Equal(1, g.Vcpu.Stats.halt_wakeup);
        Assert.Equal(0UL, g[T3]); // interrupted at the WAIT, before the next instruction
        // 100 000 ticks of a 100 MHz Count at 200 MHz: the clock jumped ~200 000 cycles while halted
        Assert.InRange(g.Vcpu.Cpu.VirtualTime - t0, 200_000, 201_000);
        Assert.True(g.Vcpu.Cpu.IdleCycles > 190_000);
    }

    [Fact]
    public void WaitWithTheTimerInterruptAlreadyPendingDoesNotHalt()
    {
        using var g = new VzGuest();
        g.Load(Ori(T0, 0, 1), Mtc0(T0, 11)); // Compare = 1: passes almost at once
        g.Run();
        g.Scheduler.AdvanceTo(g.Vcpu.Cpu.VirtualTime + 1_000_000_000);
        g.Load(WaitInstr, Ori(T3, 0, 5));
        g.Vcpu.Cpu.IdleCycles += 10_000;
        var exit = g.Run();
        Assert.Equal(0UL, exit.HypercallArgs[0]);
        Assert.Equal(5UL, g[T3]);
    }

    [Fact]
    public void AComparePassedWhileRunningRaisesTiInHardware()
    {
        using var g = new VzGuest();
        // Compare = Count + 100, IE off, then spin 1000 times: guest Cause.TI appears, no exit needed
        g.Load([Mfc0(T0, 9), Addiu(T0, T0, 100), Mtc0(T0, 11), Ori(T1, 0, 1000),
            Assembler.Encode(Opcode.Bne, ("rs", T1), ("rt", 0), ("imm", -1L)), Addiu(T1, T1, -1), Mfc0(T2, 13)]);
        g.Run();
        Assert.NotEqual(0UL, g[T2] & Cause.TIMask);
        Assert.Equal(0, g.Vcpu.Stats.vz_gpsi_exits); // GT=1: Count and Compare are the guest's own
    }

    [Fact]
    public void WritingCompareAcknowledgesTheTimer()
    {
        using var g = new VzGuest();
        g.Load([Mfc0(T0, 9), Addiu(T0, T0, 50), Mtc0(T0, 11), Ori(T1, 0, 500),
            Assembler.Encode(Opcode.Bne, ("rs", T1), ("rt", 0), ("imm", -1L)), Addiu(T1, T1, -1),
            Mtc0(0, 11), Mfc0(T2, 13)]);
        g.Run();
        Assert.Equal(0UL, g[T2] & Cause.TIMask);
    }

    [Fact]
    public void AtADifferentCountRateTheSoftwareTimerServesCountAndCompare()
    {
        using var g = new VzGuest();
        g.Vcpu.SetOneReg(Vcpu.RegCountHz, 10_000_000); // not the hardware rate: Count/Compare trap (GPSI)
        g.Load(ArmAndWait(1000));
        long t0 = g.Vcpu.Cpu.VirtualTime;
        var exit = g.Run();
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]);
        Assert.NotEqual(0UL, g.GuestCp0(Cp0Table.Cause) & Cause.TIMask);
        Assert.True(g.Vcpu.Stats.vz_gpsi_exits >= 2, $"{g.Vcpu.Stats.vz_gpsi_exits} GPSI exits");
        // 1000 ticks at 10 MHz = 100 us = 20 000 cycles
        Assert.InRange(g.Vcpu.Cpu.VirtualTime - t0, 20_000, 21_000);
    }

    [Fact]
    public void CauseDcFreezesTheGuestCount()
    {
        using var g = new VzGuest();
        g.Load([Mfc0(T0, 13), .. Li(T1, Cause.DCMask), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 13), Mfc0(T2, 9),
            .. Enumerable.Repeat(0u, 1000), Mfc0(T3, 9)]);
        g.Run();
        Assert.Equal(g[T2] & 0xFFFF_FFFF, g[T3] & 0xFFFF_FFFF);
        Assert.True(g.Vcpu.Stats.vz_gsfc_exits >= 1);
    }
}
