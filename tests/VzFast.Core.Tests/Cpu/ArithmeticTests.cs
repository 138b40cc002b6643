using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class ArithmeticTests
{
    [Theory]
    [InlineData(0x7FFF_FFFFUL, 1UL, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 1UL, 0UL)]
    [InlineData(0x1234_5678_0000_0001UL, 2UL, 3UL)] // upper halves of the operands are ignored
    public void Addu_SignExtendsThe32BitSum(ulong a, ulong b, ulong expected)
    {
        using var m = new TestMachine();
        m[1] = a; m[2] = b;
        m.Run(R3(Opcode.Addu, 3, 1, 2));
        Assert.Equal(expected, m[3]);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFUL, 1UL)]
    [InlineData(0xFFFF_FFFF_8000_0000UL, 0xFFFF_FFFF_FFFF_FFFFUL)]
    public void Add_OverflowTrapsAndLeavesRdUnchanged(ulong a, ulong b)
    {
        using var m = new TestMachine();
        m[1] = a; m[2] = b; m[3] = 0xDEAD;
        m.Run(R3(Opcode.Add, 3, 1, 2));
        Assert.Equal(ExcCode.Ov, m.LastException);
        Assert.Equal(0xDEADUL, m[3]);
        Assert.Equal(TestMachine.CodeBase, m.GetCp0(Cp0Table.EPC));
        Assert.Equal(TestMachine.GeneralVector, m.Cpu.Pc);
    }

    [Fact]
    public void Add_WithoutOverflowWrites()
    {
        using var m = new TestMachine();
        m[1] = 0xFFFF_FFFF_FFFF_FFFEUL; m[2] = 1;
        m.Run(R3(Opcode.Add, 3, 1, 2));
        Assert.Null(m.LastException);
        Assert.Equal(ulong.MaxValue, m[3]);
    }

    [Fact]
    public void Sub_OverflowTraps()
    {
        using var m = new TestMachine();
        m[1] = 0xFFFF_FFFF_8000_0000UL; m[2] = 1;
        m.Run(R3(Opcode.Sub, 3, 1, 2));
        Assert.Equal(ExcCode.Ov, m.LastException);
    }

    [Fact]
    public void Subu_WrapsAndSignExtends()
    {
        using var m = new TestMachine();
        m[1] = 0; m[2] = 1;
        m.Run(R3(Opcode.Subu, 3, 1, 2));
        Assert.Equal(ulong.MaxValue, m[3]);
        m[1] = 0xFFFF_FFFF_8000_0000UL; m[2] = 1;
        m.Run(R3(Opcode.Subu, 3, 1, 2));
        Assert.Equal(0x7FFF_FFFFUL, m[3]);
    }

    [Fact]
    public void Dadd_OverflowTrapsButDaddu_Wraps()
    {
        using var m = new TestMachine();
        m[1] = long.MaxValue; m[2] = 1;
        m.Run(R3(Opcode.Daddu, 3, 1, 2));
        Assert.Equal(0x8000_0000_0000_0000UL, m[3]);
        m.Run(R3(Opcode.Dadd, 4, 1, 2));
        Assert.Equal(ExcCode.Ov, m.LastException);
        Assert.Equal(0UL, m[4]);
    }

    [Fact]
    public void Dsub_OverflowTrapsButDsubu_Wraps()
    {
        using var m = new TestMachine();
        m[1] = 0x8000_0000_0000_0000UL; m[2] = 1;
        m.Run(R3(Opcode.Dsubu, 3, 1, 2));
        Assert.Equal((ulong)long.MaxValue, m[3]);
        m.Run(R3(Opcode.Dsub, 4, 1, 2));
        Assert.Equal(ExcCode.Ov, m.LastException);
    }

    [Fact]
    public void Addiu_SignExtendsImmediateAndResult()
    {
        using var m = new TestMachine();
        m[1] = 0x7FFF_FFFF;
        m.Run(I(Opcode.Addiu, 2, 1, 1), I(Opcode.Addiu, 3, 0, -1));
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m[2]);
        Assert.Equal(ulong.MaxValue, m[3]);
    }

    [Fact]
    public void Addi_OverflowTraps()
    {
        using var m = new TestMachine();
        m[1] = 0x7FFF_FFFF;
        m.Run(I(Opcode.Addi, 2, 1, 1));
        Assert.Equal(ExcCode.Ov, m.LastException);
    }

    [Fact]
    public void Daddiu_SignExtendsImmediate()
    {
        using var m = new TestMachine();
        m[1] = 0x1_0000_0000UL;
        m.Run(I(Opcode.Daddiu, 2, 1, -1));
        Assert.Equal(0xFFFF_FFFFUL, m[2]);
    }

    [Fact]
    public void Daddi_OverflowTraps()
    {
        using var m = new TestMachine();
        m[1] = long.MaxValue;
        m.Run(I(Opcode.Daddi, 2, 1, 1));
        Assert.Equal(ExcCode.Ov, m.LastException);
    }

    [Fact]
    public void SetLessThan_SignedAndUnsigned()
    {
        using var m = new TestMachine();
        m[1] = ulong.MaxValue; m[2] = 1;
        m.Run(R3(Opcode.Slt, 3, 1, 2), R3(Opcode.Sltu, 4, 1, 2), I(Opcode.Slti, 5, 1, 0), I(Opcode.Sltiu, 6, 2, -1), I(Opcode.Sltiu, 7, 1, -1));
        Assert.Equal(1UL, m[3]);
        Assert.Equal(0UL, m[4]);
        Assert.Equal(1UL, m[5]);
        Assert.Equal(1UL, m[6]); // 1 < 0xFFFF...FFFF: SLTIU sign-extends, then compares unsigned
        Assert.Equal(0UL, m[7]);
    }

    [Fact]
    public void Lui_SignExtends()
    {
        using var m = new TestMachine();
        m.Run(Lui(1, -32768), Lui(2, 0x1234));
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m[1]);
        Assert.Equal(0x1234_0000UL, m[2]);
    }

    [Theory]
    [InlineData(0UL, 32UL, 0UL)]
    [InlineData(0xFFFF_FFFF_0000_0001UL, 31UL, 0UL)]
    [InlineData(0x0000_0000_FFFF_FFFFUL, 0UL, 32UL)]
    [InlineData(0x0000_0000_F000_0000UL, 0UL, 4UL)]
    public void Clz_Clo_CountTheLowWord(ulong v, ulong zeros, ulong ones)
    {
        using var m = new TestMachine();
        m[1] = v;
        m.Run(R3(Opcode.Clz, 2, 1, 2), R3(Opcode.Clo, 3, 1, 3));
        Assert.Equal(zeros, m[2]);
        Assert.Equal(ones, m[3]);
    }

    [Theory]
    [InlineData(0UL, 64UL, 0UL)]
    [InlineData(ulong.MaxValue, 0UL, 64UL)]
    [InlineData(0x0000_0001_0000_0000UL, 31UL, 0UL)]
    public void Dclz_Dclo(ulong v, ulong zeros, ulong ones)
    {
        using var m = new TestMachine();
        m[1] = v;
        m.Run(R3(Opcode.Dclz, 2, 1, 2), R3(Opcode.Dclo, 3, 1, 3));
        Assert.Equal(zeros, m[2]);
        Assert.Equal(ones, m[3]);
    }

    [Fact]
    public void WritesToR0AreDiscarded()
    {
        using var m = new TestMachine();
        m[1] = 5;
        m.Run(I(Opcode.Addiu, 0, 1, 1), R3(Opcode.Addu, 2, 0, 0));
        Assert.Equal(0UL, m[0]);
        Assert.Equal(0UL, m[2]);
    }
}
