using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Mmu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Mmu;

public class TlbTests
{
    private static ulong Lo(ulong pa, bool d = true, bool v = true, bool g = false) =>
        ((pa >> 12) << 6) | (3UL << 3) | (d ? 4UL : 0) | (v ? 2UL : 0) | (g ? 1UL : 0);

    [Theory]
    [InlineData(0x0000u, 0x1000UL)]
    [InlineData(0x6000u, 0x4000UL)]
    [InlineData(0x1_E000u, 0x1_0000UL)]
    [InlineData(0x1FF_E000u, 0x100_0000UL)]
    public void PageSizes_TranslateEvenAndOddHalves(uint pageMask, ulong pageSize)
    {
        var tlb = new Tlb(32, 42, 36);
        tlb[0] = new TlbEntry { Hi = 0x4000_0000 | 7, PageMask = pageMask, Lo0 = Lo(0x100_0000), Lo1 = Lo(0x200_0000) };
        Assert.Equal(TranslateResult.Ok, tlb.Translate(0x4000_0000 + 0x123, 7, AccessKind.Load, out ulong pa, out ulong size));
        Assert.Equal(0x100_0123UL, pa);
        Assert.Equal(pageSize, size);
        Assert.Equal(TranslateResult.Ok, tlb.Translate(0x4000_0000 + pageSize + 8, 7, AccessKind.Store, out pa, out _));
        Assert.Equal(0x200_0008UL, pa);
        Assert.Equal(TranslateResult.TlbRefill, tlb.Translate(0x4000_0000 + 2 * pageSize, 7, AccessKind.Load, out _, out _));
        Assert.Equal(TranslateResult.TlbRefill, tlb.Translate(0x4000_0000, 8, AccessKind.Load, out _, out _));
    }

    [Fact]
    public void InvalidAndClean_Fault()
    {
        var tlb = new Tlb(32, 42, 36);
        tlb[1] = new TlbEntry { Hi = 0x1_0000, Lo0 = Lo(0x5000, v: false), Lo1 = Lo(0x6000, d: false) };
        Assert.Equal(TranslateResult.TlbInvalid, tlb.Translate(0x1_0000, 0, AccessKind.Load, out _, out _));
        Assert.Equal(TranslateResult.Ok, tlb.Translate(0x1_1000, 0, AccessKind.Load, out _, out _));
        Assert.Equal(TranslateResult.TlbModified, tlb.Translate(0x1_1000, 0, AccessKind.Store, out _, out _));
    }

    [Fact]
    public void Global_NeedsGInBothHalves()
    {
        var tlb = new Tlb(32, 42, 36);
        tlb[0] = new TlbEntry { Hi = 0x2_0000 | 1, Lo0 = Lo(0x5000, g: true), Lo1 = Lo(0x6000, g: true) };
        tlb[1] = new TlbEntry { Hi = 0x4_0000 | 1, Lo0 = Lo(0x5000, g: true), Lo1 = Lo(0x6000, g: false) };
        Assert.Equal(TranslateResult.Ok, tlb.Translate(0x2_0000, 9, AccessKind.Load, out _, out _));
        Assert.Equal(TranslateResult.TlbRefill, tlb.Translate(0x4_0000, 9, AccessKind.Load, out _, out _));
    }

    [Fact]
    public void WritingADuplicateEntry_RaisesMachineCheck()
    {
        using var m = new TestMachine();
        void Write(int index)
        {
            m.SetCp0(Cp0Table.EntryHi, 0x40_0000);
            m.SetCp0(Cp0Table.EntryLo0, Lo(0x10_0000));
            m.SetCp0(Cp0Table.EntryLo1, Lo(0x10_1000));
            m.SetCp0(Cp0Table.PageMask, 0);
            m.SetCp0(Cp0Table.Index, (ulong)index);
            m.Run(Encode(Opcode.Tlbwi));
        }
        Write(3);
        Assert.Null(m.LastException);
        Write(4);
        Assert.Equal(ExcCode.MCheck, m.LastException);
        Assert.True(new Status(m.GetCp0(Cp0Table.Status)).TS);
        Write(3); // rewriting the same slot is not a duplicate
    }

    [Fact]
    public void TlbWrite_DropsTheOldTranslationFromTheSoftTlb()
    {
        using var m = new TestMachine();
        m.Bus.TryWriteRam(0x20_0000, BitConverter.GetBytes(0x1111_1111u));
        m.Bus.TryWriteRam(0x30_0000, BitConverter.GetBytes(0x2222_2222u));
        void Map(ulong pa)
        {
            m.SetCp0(Cp0Table.EntryHi, 0x40_0000);
            m.SetCp0(Cp0Table.EntryLo0, Lo(pa));
            m.SetCp0(Cp0Table.EntryLo1, 0);
            m.SetCp0(Cp0Table.PageMask, 0);
            m.SetCp0(Cp0Table.Index, 5);
            m.Run(Encode(Opcode.Tlbwi));
        }
        Map(0x20_0000);
        m[1] = 0x40_0000;
        m.Run(Mem(Opcode.Lw, 2, 1, 0));
        Assert.Equal(0x1111_1111UL, m[2]);
        Map(0x30_0000);
        m.Run(Mem(Opcode.Lw, 2, 1, 0));
        Assert.Equal(0x2222_2222UL, m[2]);
    }
}
