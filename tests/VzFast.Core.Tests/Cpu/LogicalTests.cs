using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class LogicalTests
{
    [Fact]
    public void RegisterForms()
    {
        using var m = new TestMachine();
        m[1] = 0xF0F0_0000_FFFF_0000UL; m[2] = 0x0FF0_0000_0F0F_0000UL;
        m.Run(R3(Opcode.And, 3, 1, 2), R3(Opcode.Or, 4, 1, 2), R3(Opcode.Xor, 5, 1, 2), R3(Opcode.Nor, 6, 1, 2));
        Assert.Equal(0x00F0_0000_0F0F_0000UL, m[3]);
        Assert.Equal(0xFFF0_0000_FFFF_0000UL, m[4]);
        Assert.Equal(0xFF00_0000_F0F0_0000UL, m[5]);
        Assert.Equal(~0xFFF0_0000_FFFF_0000UL, m[6]);
    }

    [Fact]
    public void ImmediateForms_ZeroExtend()
    {
        using var m = new TestMachine();
        m[1] = ulong.MaxValue;
        m.Run(I(Opcode.Andi, 2, 1, 0x8001), I(Opcode.Ori, 3, 0, 0xFFFF), I(Opcode.Xori, 4, 1, 0xFFFF));
        Assert.Equal(0x8001UL, m[2]);
        Assert.Equal(0xFFFFUL, m[3]);
        Assert.Equal(0xFFFF_FFFF_FFFF_0000UL, m[4]);
    }

    [Fact]
    public void Movz_Movn()
    {
        using var m = new TestMachine();
        m[1] = 7; m[2] = 0; m[3] = 1; m[4] = 100; m[5] = 100;
        m.Run(R3(Opcode.Movz, 4, 1, 2), R3(Opcode.Movn, 5, 1, 2), R3(Opcode.Movn, 6, 1, 3));
        Assert.Equal(7UL, m[4]);
        Assert.Equal(100UL, m[5]);
        Assert.Equal(7UL, m[6]);
    }
}
