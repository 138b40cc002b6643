using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.GuestAsm;

namespace VzFast.Tests.Cpu;

/// <summary>
/// The VZ module as root software sees it (Vol. IV-i): the guest CP0 context through MFGC0/MTGC0,
/// the guest TLB through TLBG*, entry to guest mode by ERET with GuestCtl0.GM, second-stage
/// translation through root TLB entries tagged with GuestCtl1.RID, and a guest exit.
/// </summary>
public class VirtualizationTests
{
    private const int T0 = 8, T1 = 9, T2 = 10, A0 = 4;

    private static uint Mtgc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Mtgc0, ("rt", rt), ("rd", rd), ("sel", sel));
    private static uint Mfgc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Mfgc0, ("rt", rt), ("rd", rd), ("sel", sel));
    private static uint Dmtgc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Dmtgc0, ("rt", rt), ("rd", rd), ("sel", sel));
    private static uint Dmfgc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Dmfgc0, ("rt", rt), ("rd", rd), ("sel", sel));
    private static uint Dmtc0(int rt, int rd, int sel = 0) => Assembler.Encode(Opcode.Dmtc0, ("rt", rt), ("rd", rd), ("sel", sel));

    [Fact]
    public void RootReportsVzAndTheGuestContextDoesNot()
    {
        using var m = new TestMachine(virtualization: true);
        m.Run(Mfc0(T0, 16, 3), Mfgc0(T1, 16, 3));
        Assert.NotEqual(0UL, m[T0] & Config3.VZMask);
        Assert.Equal(0UL, m[T1] & Config3.VZMask);
    }

    [Fact]
    public void GuestCp0MovesReachTheGuestContextOnly()
    {
        using var m = new TestMachine(virtualization: true);
        ulong rootEpc = 0xFFFF_FFFF_8000_4444UL;
        m.SetCp0(Cp0Table.EPC, rootEpc);
        m.Run([.. Li(T0, 0x1234_5678_9ABC_DEF0UL), Dmtgc0(T0, 14), Dmfgc0(T1, 14), Mfgc0(T2, 14)]);
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m[T1]);
        Assert.Equal(0xFFFF_FFFF_9ABC_DEF0UL, m[T2]); // MFGC0: low word sign-extended
        Assert.Equal(rootEpc, m.GetCp0(Cp0Table.EPC));
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.Cpu.ReadGuestCp0(Cp0Table.EPC));
    }

    [Fact]
    public void GuestWriteMasksApplyToMtgc0()
    {
        using var m = new TestMachine(virtualization: true);
        m.Run([.. Li(T0, 0xFFFF_FFFFUL), Mtgc0(T0, 15), Mfgc0(T1, 16, 0), Mtgc0(0, 16, 0), Mfgc0(T2, 16, 0)]);
        Assert.Equal(m[T1], m[T2] | (m[T1] & 7)); // Config0: only K0 is writable
        Assert.Equal(0UL, m[T2] & 7);
    }

    [Theory]
    [InlineData(Opcode.Mfgc0)]
    [InlineData(Opcode.Mtgc0)]
    [InlineData(Opcode.Tlbgwi)]
    [InlineData(Opcode.Tlbgp)]
    public void WithoutVzTheRootInstructionsAreReserved(Opcode op)
    {
        using var m = new TestMachine();
        uint word = op is Opcode.Mfgc0 or Opcode.Mtgc0 ? Assembler.Encode(op, ("rt", T0), ("rd", 14), ("sel", 0)) : Assembler.Encode(op);
        m.Run(word);
        Assert.Equal(ExcCode.RI, m.LastException);
    }

    [Fact]
    public void GuestTlbWriteProbeAndReadThroughTlbg()
    {
        using var m = new TestMachine(virtualization: true);
        ulong hi = 0x0000_0000_4000_2000UL | 0x42, lo0 = (0x123UL << 6) | 0x1F, lo1 = (0x456UL << 6) | 0x17;
        m.Run([
            .. Li(T0, hi), Dmtgc0(T0, 10), .. Li(T0, lo0), Dmtgc0(T0, 2), .. Li(T0, lo1), Dmtgc0(T0, 3),
            Mtgc0(0, 5), Ori(T0, 0, 5), Mtgc0(T0, 0), Assembler.Encode(Opcode.Tlbgwi),
            Dmtgc0(0, 2), Dmtgc0(0, 3), Mtgc0(0, 0),
            Assembler.Encode(Opcode.Tlbgp), Mfgc0(T1, 0),
            Assembler.Encode(Opcode.Tlbgr), Dmfgc0(T2, 2),
        ]);
        Assert.Equal(5UL, m[T1]);
        Assert.Equal(lo0, m[T2]);
        Assert.Equal(lo1, m.Cpu.ReadGuestCp0(Cp0Table.EntryLo1));
        Assert.Equal(0UL, m.Cpu.Tlb[5].Lo0); // the root TLB was not touched
    }

    [Fact]
    public void EretWithGmEntersTheGuest_SecondStageUsesRidTaggedEntries_HypcallExits()
    {
        using var m = new TestMachine(virtualization: true);
        // guest code at guest physical 0x2000 (guest kseg0 0x80002000): a0 = 0x55; hypcall
        var guest = new uint[] { Ori(A0, 0, 0x55), VzGuest.Hypcall(0) };
        var bytes = new byte[guest.Length * 4];
        Buffer.BlockCopy(guest, 0, bytes, 0, bytes.Length);
        m.Bus.TryWriteRam(0x2000, bytes);
        ulong guestCtl1 = (1UL << GuestCtl1.RIDShift) | (1UL << GuestCtl1.IDShift);
        m.Run([
            // root TLB entry for GuestID 1: guest physical 0..16 MiB -> physical 0 (16 MiB pages)
            .. Li(T0, guestCtl1), Mtc0(T0, 10, 4),
            Dmtc0(0, 10), .. Li(T0, (3UL << 3) | 0x6), Dmtc0(T0, 2), Dmtc0(0, 3),
            .. Li(T0, 0x01FF_E000UL), Mtc0(T0, 5), Mtc0(0, 0), Assembler.Encode(Opcode.Tlbwi),
            // EXL first (with GM and EXL clear the CPU would be in guest mode at once), GuestCtl0.GM, EPC, ERET
            Mfc0(T0, 12), Ori(T0, T0, 2), Mtc0(T0, 12),
            Mfc0(T0, 12, 6), .. Li(T1, GuestCtl0.GMMask), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 12, 6),
            .. Li(T0, 0xFFFF_FFFF_8000_2000UL), Dmtc0(T0, 14), Eret,
        ], 1000);
        Assert.Equal(ExcCode.GE, m.LastException);
        Assert.Equal(0x55UL, m[A0]); // the guest ran (GPRs are shared)
        Assert.False(m.Cpu.InGuestMode);
        Assert.Equal(0xFFFF_FFFF_8000_2004UL, m.GetCp0(Cp0Table.EPC));
        Assert.Equal((ulong)GExcCode.Hc, (m.GetCp0(Cp0Table.GuestCtl0) & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift);
        Assert.Equal(guest[1], (uint)m.GetCp0(Cp0Table.BadInstr));
        Assert.Equal(1, m.Cpu.Tlb[0].GuestId);
    }

    [Fact]
    public void SettingGmWithExlClearEntersGuestModeAtOnce()
    {
        using var m = new TestMachine(virtualization: true);
        m.Run([Mfc0(T0, 12, 6), .. Li(T1, GuestCtl0.GMMask), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 12, 6), Ori(T2, 0, 1)], 100);
        // the next fetch is a guest one: with no second-stage entry it faults on guest physical space
        Assert.Equal(ExcCode.Tlbl, m.LastException);
        Assert.Equal((ulong)GExcCode.Gpa, (m.GetCp0(Cp0Table.GuestCtl0) & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift);
        Assert.Equal(0UL, m[T2]);
    }

    [Fact]
    public void WithoutASecondStageEntryTheGuestFetchTakesARootTlbRefill()
    {
        using var m = new TestMachine(virtualization: true);
        ulong guestCtl1 = (1UL << GuestCtl1.RIDShift) | (1UL << GuestCtl1.IDShift);
        m.Run([
            .. Li(T0, guestCtl1), Mtc0(T0, 10, 4),
            Mfc0(T0, 12), Ori(T0, T0, 2), Mtc0(T0, 12),
            Mfc0(T0, 12, 6), .. Li(T1, GuestCtl0.GMMask), Assembler.R3(Opcode.Or, T0, T0, T1), Mtc0(T0, 12, 6),
            .. Li(T0, 0xFFFF_FFFF_8000_2000UL), Dmtc0(T0, 14), Eret,
        ], 1000);
        Assert.Equal(ExcCode.Tlbl, m.LastException);
        Assert.Equal(0x2000UL, m.GetCp0(Cp0Table.BadVAddr)); // the guest physical address
        Assert.Equal((ulong)GExcCode.Gpa, (m.GetCp0(Cp0Table.GuestCtl0) & GuestCtl0.GExcCodeMask) >> GuestCtl0.GExcCodeShift);
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m.Cpu.Pc); // root TLB refill vector
    }
}
