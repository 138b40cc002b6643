using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>
/// Guest loads and stores outside every memslot become MMIO exits (kvm_mips_emulate_load/_store),
/// completed into the right register with the right extension (kvm_mips_complete_mmio_load).
/// </summary>
public class MmioEmulationTests
{
    private const ulong DeviceWord = 0x8899_AABB_CCDD_EEFFUL;

    private static ulong Answer(VcpuExit e) => e.Width == 8 ? DeviceWord : DeviceWord & ((1UL << (e.Width * 8)) - 1);

    [Theory]
    [InlineData(Opcode.Lb, 1, 0xFFFF_FFFF_FFFF_FFFFUL)]
    [InlineData(Opcode.Lbu, 1, 0xFFUL)]
    [InlineData(Opcode.Lh, 2, 0xFFFF_FFFF_FFFF_EEFFUL)]
    [InlineData(Opcode.Lhu, 2, 0xEEFFUL)]
    [InlineData(Opcode.Lw, 4, 0xFFFF_FFFF_CCDD_EEFFUL)]
    [InlineData(Opcode.Lwu, 4, 0xCCDD_EEFFUL)]
    [InlineData(Opcode.Ld, 8, DeviceWord)]
    public void LoadsCompleteWithTheirWidthAndExtension(Opcode op, int width, ulong expected)
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, MmioBase), Mem(op, T1, T0, 0x18), Ori(T2, 0, 7)]);
        var seen = new List<(ulong, int, bool)>();
        var exit = g.Run(e => { seen.Add((e.Address, e.Width, e.IsWrite)); e.Data = Answer(e); });
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal([(MmioPhys + 0x18, width, false)], seen);
        Assert.Equal(expected, g[T1]);
        Assert.Equal(7UL, g[T2]); // the instruction after the load ran once
        Assert.Equal(1, g.Vcpu.Stats.mmio_exits);
    }

    [Theory]
    [InlineData(Opcode.Sb, 1, 0x88UL)]
    [InlineData(Opcode.Sh, 2, 0x7788UL)]
    [InlineData(Opcode.Sw, 4, 0x5566_7788UL)]
    [InlineData(Opcode.Sd, 8, 0x1122_3344_5566_7788UL)]
    public void StoresCarryTheirWidthAndData(Opcode op, int width, ulong data)
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, MmioBase), .. Li(T1, 0x1122_3344_5566_7788UL), Mem(op, T1, T0, 0x20)]);
        var seen = new List<(ulong, int, bool, ulong)>();
        var exit = g.Run(e => seen.Add((e.Address, e.Width, e.IsWrite, e.Data)));
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal([(MmioPhys + 0x20, width, true, data)], seen);
    }

    [Fact]
    public void ALoadInATakenBranchDelaySlotResumesAtTheTarget()
    {
        using var g = new VzGuest();
        // beq $0,$0,+2 ; lw t1,0(t0) [delay slot] ; ori t2,0,1 [skipped] ; ori t3,0,2 [target]
        g.Load([.. Li(T0, MmioBase), Beq(0, 0, 2), Mem(Opcode.Lw, T1, T0, 0), Ori(T2, 0, 1), Ori(T3, 0, 2)]);
        var exit = g.Run(e => e.Data = 0x8000_0001);
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(0xFFFF_FFFF_8000_0001UL, g[T1]);
        Assert.Equal(0UL, g[T2]);
        Assert.Equal(2UL, g[T3]);
    }

    [Fact]
    public void AStoreInANotTakenBranchDelaySlotFallsThrough()
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, MmioBase), Ori(T1, 0, 9), Beq(T1, 0, 2), Mem(Opcode.Sw, T1, T0, 4), Ori(T2, 0, 1), Ori(T3, 0, 2)]);
        int stores = 0;
        var exit = g.Run(e => stores++);
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(1, stores);
        Assert.Equal(1UL, g[T2]);
        Assert.Equal(2UL, g[T3]);
    }

    [Fact]
    public void ABusErrorBecomesTheGuestsDataBusErrorAtTheLoad()
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, MmioBase), Mem(Opcode.Lw, T1, T0, 0)]);
        var exit = g.Run(e => e.BusError = true);
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal(ExceptionExitCode, exit.HypercallArgs[0]);
        Assert.Equal((ulong)ExcCode.Dbe, (g.GuestCp0(Cp0Table.Cause) & Cause.ExcCodeMask) >> Cause.ExcCodeShift);
        Assert.Equal(CodeBase + 6 * 4, g.GuestCp0(Cp0Table.EPC));
    }

    [Fact]
    public void WritesToAReadOnlySlotExitAsMmioAndReadsStayInMemory()
    {
        using var g = new VzGuest();
        using var rom = new VzFast.Memory.PhysicalMemory(0x10000);
        rom.Slice(0, 4)[0] = 0x5A;
        g.Vm.SetMemoryRegion(1, 0x0200_0000, rom, 0, rom.Size, MemslotFlags.ReadOnly);
        g.Load([.. Li(T0, 0xFFFF_FFFF_A200_0000UL), Mem(Opcode.Lbu, T1, T0, 0), Mem(Opcode.Sb, T0, T0, 0), Mem(Opcode.Lbu, T2, T0, 0)]);
        var seen = new List<(ulong, bool)>();
        var exit = g.Run(e => seen.Add((e.Address, e.IsWrite)));
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal([(0x0200_0000UL, true)], seen);
        Assert.Equal(0x5AUL, g[T1]);
        Assert.Equal(0x5AUL, g[T2]);
    }

    [Theory]
    [InlineData(Opcode.Lwl)]
    [InlineData(Opcode.Ll)]
    [InlineData(Opcode.Sdl)]
    public void AnInstructionTheMmioPathCannotEmulateStopsWithItsWord(Opcode op)
    {
        using var g = new VzGuest();
        uint word = Mem(op, T1, T0, 0);
        g.Load([.. Li(T0, MmioBase), word]);
        var exit = g.Run(e => { });
        Assert.Equal(ExitReason.InternalError, exit.Reason);
        Assert.Contains($"0x{word:x8}", exit.Message);
    }

    [Fact]
    public void InstructionFetchesOutsideMemslotsAreReportedAsFetches()
    {
        using var g = new VzGuest();
        g.Load([.. Li(T0, MmioBase), Assembler.Jalr(T0), 0]);
        var seen = new List<(ulong, bool)>();
        var exit = g.Run(e => { seen.Add((e.Address, e.IsFetch)); e.BusError = true; });
        Assert.Equal([(MmioPhys, true)], seen);
        Assert.Equal(ExitReason.Shutdown, exit.Reason);
        Assert.Equal((ulong)ExcCode.Ibe, (g.GuestCp0(Cp0Table.Cause) & Cause.ExcCodeMask) >> Cause.ExcCodeShift);
        Assert.Equal(MmioBase, g.GuestCp0(Cp0Table.EPC));
    }
}
