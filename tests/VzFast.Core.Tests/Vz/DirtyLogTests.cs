using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using static VzFast.Tests.Support.GuestAsm;
using static VzFast.Tests.Support.VzGuest;

namespace VzFast.Tests.Vz;

/// <summary>KVM_MEM_LOG_DIRTY_PAGES and KVM_GET_DIRTY_LOG (get and clear, pages clean again after).</summary>
public class DirtyLogTests
{
    private static uint[] StoreTo(params ulong[] physPages) =>
        [.. physPages.SelectMany(p => Li(T0, 0xFFFF_FFFF_8000_0000UL + p * 0x1000).Append(Mem(Opcode.Sw, T0, T0, 0x10)))];

    private static int[] Pages(ulong[] log) =>
        [.. Enumerable.Range(0, log.Length * 64).Where(i => (log[i / 64] & (1UL << (i % 64))) != 0)];

    [Fact]
    public void GuestWritesAreLoggedOncePerPageAndTheLogClears()
    {
        using var g = new VzGuest(flags: MemslotFlags.LogDirtyPages);
        g.Load(StoreTo(0x90, 0x93, 0x90, 0xFF));
        Assert.Equal(ExitReason.Shutdown, g.Run().Reason);
        Assert.Equal([0x90, 0x93, 0xFF], Pages(g.Vm.GetDirtyLog(0)));
        Assert.Empty(Pages(g.Vm.GetDirtyLog(0)));

        long faults = g.Vcpu.Stats.tlbmod_exits + g.Vcpu.Stats.tlbmiss_st_exits;
        g.Load(StoreTo(0x93));
        g.Run();
        Assert.Equal([0x93], Pages(g.Vm.GetDirtyLog(0))); // clean again after the get: the next write was seen
        Assert.True(g.Vcpu.Stats.tlbmod_exits + g.Vcpu.Stats.tlbmiss_st_exits > faults, "the first write to a cleaned page exits");
    }

    [Fact]
    public void ReadsDoNotDirtyPages()
    {
        using var g = new VzGuest(flags: MemslotFlags.LogDirtyPages);
        g.Vm.GetDirtyLog(0);
        g.Load([.. Li(T0, 0xFFFF_FFFF_800A_0000UL), Mem(Opcode.Lw, T1, T0, 0)]);
        g.Run();
        Assert.Empty(Pages(g.Vm.GetDirtyLog(0)));
        // the page is now mapped clean: a write takes a TLB modified exit and is logged
        g.Load([.. Li(T0, 0xFFFF_FFFF_800A_0000UL), Mem(Opcode.Lw, T1, T0, 0), Mem(Opcode.Sw, T1, T0, 0)]);
        g.Run();
        Assert.Equal([0xA0], Pages(g.Vm.GetDirtyLog(0)));
        Assert.Equal(1, g.Vcpu.Stats.tlbmod_exits);
    }

    [Fact]
    public void WrittenDataLandsInTheSlot()
    {
        using var g = new VzGuest(flags: MemslotFlags.LogDirtyPages);
        g.Load(StoreTo(0x91));
        g.Run();
        Assert.Equal(0x8009_1000u, BitConverter.ToUInt32(g.Ram.Slice(0x91010, 4)));
    }

    [Fact]
    public void ASlotWithoutLoggingHasNoLog()
    {
        using var g = new VzGuest();
        Assert.Throws<InvalidOperationException>(() => g.Vm.GetDirtyLog(0));
        Assert.Throws<ArgumentException>(() => g.Vm.GetDirtyLog(9));
    }

    [Fact]
    public void TurningLoggingOnLaterStartsFromAClearLog()
    {
        using var g = new VzGuest();
        g.Load(StoreTo(0x90));
        g.Run(); // mapped writable with large pages
        g.Vm.SetFlags(g.Vm.Memslots[0], MemslotFlags.LogDirtyPages);
        g.Load(StoreTo(0x92));
        g.Run();
        Assert.Equal([0x92], Pages(g.Vm.GetDirtyLog(0)));
    }
}
