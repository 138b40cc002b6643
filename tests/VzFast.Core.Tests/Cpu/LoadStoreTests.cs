using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class LoadStoreTests
{
    private static readonly byte[] Pattern = [0x81, 0x92, 0xA3, 0xB4, 0xC5, 0xD6, 0xE7, 0xF8];

    private static TestMachine WithData()
    {
        var m = new TestMachine();
        m.WriteData(0, Pattern);
        m[1] = TestMachine.DataBase;
        return m;
    }

    [Theory]
    [InlineData(Opcode.Lb, 0, 0xFFFF_FFFF_FFFF_FF81UL)]
    [InlineData(Opcode.Lbu, 0, 0x81UL)]
    [InlineData(Opcode.Lh, 2, 0xFFFF_FFFF_FFFF_B4A3UL)]
    [InlineData(Opcode.Lhu, 2, 0xB4A3UL)]
    [InlineData(Opcode.Lw, 4, 0xFFFF_FFFF_F8E7_D6C5UL)]
    [InlineData(Opcode.Lwu, 4, 0xF8E7_D6C5UL)]
    [InlineData(Opcode.Ld, 0, 0xF8E7_D6C5_B4A3_9281UL)]
    public void Loads_ExtendAsTheManualSays(Opcode op, int offset, ulong expected)
    {
        using var m = WithData();
        m.Run(Mem(op, 2, 1, offset));
        Assert.Null(m.LastException);
        Assert.Equal(expected, m[2]);
    }

    [Fact]
    public void NegativeOffsets()
    {
        using var m = WithData();
        m[1] = TestMachine.DataBase + 8;
        m.Run(Mem(Opcode.Lbu, 2, 1, -8));
        Assert.Equal(0x81UL, m[2]);
    }

    [Theory]
    [InlineData(Opcode.Sb, 1, new byte[] { 0x88, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(Opcode.Sh, 2, new byte[] { 0x88, 0x77, 0, 0, 0, 0, 0, 0 })]
    [InlineData(Opcode.Sw, 4, new byte[] { 0x88, 0x77, 0x66, 0x55, 0, 0, 0, 0 })]
    [InlineData(Opcode.Sd, 8, new byte[] { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 })]
    public void Stores_WriteLowBytesLittleEndian(Opcode op, int size, byte[] expected)
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase;
        m[2] = 0x1122_3344_5566_7788UL;
        m.Run(Mem(op, 2, 1, 0));
        Assert.Equal(expected, m.ReadData(0, 8));
        Assert.Equal(size, expected.Count(b => b != 0));
    }

    [Theory]
    [InlineData(Opcode.Lh, 1, ExcCode.AdEL)]
    [InlineData(Opcode.Lhu, 3, ExcCode.AdEL)]
    [InlineData(Opcode.Lw, 2, ExcCode.AdEL)]
    [InlineData(Opcode.Lwu, 1, ExcCode.AdEL)]
    [InlineData(Opcode.Ld, 4, ExcCode.AdEL)]
    [InlineData(Opcode.Sh, 1, ExcCode.AdES)]
    [InlineData(Opcode.Sw, 3, ExcCode.AdES)]
    [InlineData(Opcode.Sd, 6, ExcCode.AdES)]
    [InlineData(Opcode.Ll, 2, ExcCode.AdEL)]
    [InlineData(Opcode.Lld, 4, ExcCode.AdEL)]
    public void Misaligned_RaisesAddressErrorWithBadVAddr(Opcode op, int offset, ExcCode code)
    {
        using var m = WithData();
        m[2] = 0x5555;
        m.Run(Mem(op, 2, 1, offset));
        Assert.Equal(code, m.LastException);
        Assert.Equal(TestMachine.DataBase + (ulong)offset, m.GetCp0(Cp0Table.BadVAddr));
        Assert.Equal(0x5555UL, m[2]);
        Assert.Equal(Pattern, m.ReadData(0, 8));
    }

    [Fact]
    public void KernelSegmentFromUserMode_IsAddressError()
    {
        using var m = WithData();
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) | (2UL << Status.KSUShift));
        m.Cpu.UpdateTranslationContext();
        Assert.True(m.Cpu.UserMode);
        var exc = m.Cpu.Translate(TestMachine.DataBase, AccessKind.Load, out _);
        Assert.Equal(VzFast.Mmu.TranslateResult.AddressError, exc);
    }

    [Fact]
    public void XkphysAndCkseg1_AliasKseg0()
    {
        using var m = WithData();
        m[3] = 0x9000_0000_0000_0000UL | TestMachine.DataPhys; // xkphys, uncached
        m[4] = 0xFFFF_FFFF_A000_0000UL | TestMachine.DataPhys; // kseg1
        m.Run(Mem(Opcode.Ld, 5, 3, 0), Mem(Opcode.Ld, 6, 4, 0));
        Assert.Equal(0xF8E7_D6C5_B4A3_9281UL, m[5]);
        Assert.Equal(m[5], m[6]);
    }

    [Fact]
    public void XkphysWithoutKx_IsAddressError()
    {
        using var m = WithData();
        m.SetCp0(Cp0Table.Status, 0);
        m.Cpu.UpdateTranslationContext();
        m[3] = 0x9000_0000_0000_0000UL | TestMachine.DataPhys;
        m.Run(Mem(Opcode.Ld, 5, 3, 0));
        Assert.Equal(ExcCode.AdEL, m.LastException);
    }

    [Fact]
    public void UnassignedPhysicalAddress_IsBusError()
    {
        using var m = new TestMachine();
        m[1] = 0xFFFF_FFFF_A000_0000UL | 0x0F00_0000; // kseg1, beyond the 4 MiB of RAM
        m.Run(Mem(Opcode.Lw, 2, 1, 0));
        Assert.Equal(ExcCode.Dbe, m.LastException);
    }
}
