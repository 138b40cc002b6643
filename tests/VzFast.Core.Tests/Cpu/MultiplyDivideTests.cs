using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class MultiplyDivideTests
{
    private static (ulong Hi, ulong Lo) RunHiLo(Opcode op, ulong a, ulong b, ulong hi = 0, ulong lo = 0)
    {
        using var m = new TestMachine();
        m[1] = a; m[2] = b;
        m.Cpu.State.Hi = hi;
        m.Cpu.State.Lo = lo;
        m.Run(Encode(op, ("rs", 1), ("rt", 2)));
        return (m.Cpu.State.Hi, m.Cpu.State.Lo);
    }

    [Theory]
    [InlineData(Opcode.Mult, 0xFFFF_FFFF_FFFF_FFFFUL, 2UL, ulong.MaxValue, 0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(Opcode.Mult, 0x7FFF_FFFFUL, 0x7FFF_FFFFUL, 0x3FFF_FFFFUL, 1UL)]
    [InlineData(Opcode.Multu, 0xFFFF_FFFF_FFFF_FFFFUL, 2UL, 1UL, 0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(Opcode.Multu, 0x8000_0000UL, 2UL, 1UL, 0UL)]
    [InlineData(Opcode.Dmult, ulong.MaxValue, 2UL, ulong.MaxValue, 0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(Opcode.Dmultu, ulong.MaxValue, 2UL, 1UL, 0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(Opcode.Dmult, 0x8000_0000_0000_0000UL, 0x8000_0000_0000_0000UL, 0x4000_0000_0000_0000UL, 0UL)]
    public void Multiply(Opcode op, ulong a, ulong b, ulong hi, ulong lo) =>
        Assert.Equal((hi, lo), RunHiLo(op, a, b));

    [Theory]
    [InlineData(Opcode.Div, 7UL, 0xFFFF_FFFF_FFFF_FFFEUL, 1UL, 0xFFFF_FFFF_FFFF_FFFDUL)] // 7 / -2 = -3 rem 1
    [InlineData(Opcode.Div, 0xFFFF_FFFF_FFFF_FFF9UL, 2UL, ulong.MaxValue, 0xFFFF_FFFF_FFFF_FFFDUL)] // -7 / 2 = -3 rem -1
    [InlineData(Opcode.Div, 0xFFFF_FFFF_8000_0000UL, ulong.MaxValue, 0UL, 0xFFFF_FFFF_8000_0000UL)] // INT_MIN / -1
    [InlineData(Opcode.Div, 5UL, 0UL, 0UL, 5UL)] // by zero: as QEMU, divides by 1
    [InlineData(Opcode.Divu, 0xFFFF_FFFF_FFFF_FFFFUL, 2UL, 1UL, 0x7FFF_FFFFUL)]
    [InlineData(Opcode.Divu, 0xFFFF_FFFF_8000_0000UL, 0UL, 0UL, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Ddiv, 0x8000_0000_0000_0000UL, ulong.MaxValue, 0UL, 0x8000_0000_0000_0000UL)] // LONG_MIN / -1
    [InlineData(Opcode.Ddiv, 0xFFFF_FFFF_FFFF_FFF9UL, 2UL, ulong.MaxValue, 0xFFFF_FFFF_FFFF_FFFDUL)]
    [InlineData(Opcode.Ddiv, 9UL, 0UL, 0UL, 9UL)]
    [InlineData(Opcode.Ddivu, ulong.MaxValue, 2UL, 1UL, 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(Opcode.Ddivu, ulong.MaxValue, 0UL, 0UL, ulong.MaxValue)]
    public void Divide(Opcode op, ulong a, ulong b, ulong hi, ulong lo) =>
        Assert.Equal((hi, lo), RunHiLo(op, a, b));

    [Theory]
    [InlineData(Opcode.Madd, 0xFFFF_FFFF_FFFF_FFFFUL, 1UL, 0UL, 0UL, ulong.MaxValue, ulong.MaxValue)]
    [InlineData(Opcode.Madd, 2UL, 3UL, 1UL, 0xFFFF_FFFF_FFFF_FFFFUL, 2UL, 5UL)] // carry into HI
    [InlineData(Opcode.Maddu, 0xFFFF_FFFFUL, 0xFFFF_FFFFUL, 0UL, 0UL, 0xFFFF_FFFF_FFFF_FFFEUL, 1UL)]
    [InlineData(Opcode.Msub, 1UL, 1UL, 0UL, 0UL, ulong.MaxValue, ulong.MaxValue)]
    [InlineData(Opcode.Msubu, 1UL, 1UL, 0UL, 0UL, ulong.MaxValue, ulong.MaxValue)]
    public void MultiplyAccumulate(Opcode op, ulong a, ulong b, ulong hi0, ulong lo0, ulong hi, ulong lo) =>
        Assert.Equal((hi, lo), RunHiLo(op, a, b, hi0, lo0));

    [Fact]
    public void Mul_WritesLowWordSignExtendedAndLeavesHiLo()
    {
        using var m = new TestMachine();
        m[1] = 0x10000; m[2] = 0x8000;
        m.Cpu.State.Hi = 11;
        m.Cpu.State.Lo = 22;
        m.Run(R3(Opcode.Mul, 3, 1, 2));
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m[3]);
        Assert.Equal(11UL, m.Cpu.State.Hi);
        Assert.Equal(22UL, m.Cpu.State.Lo);
    }

    [Fact]
    public void MoveToAndFromHiLo()
    {
        using var m = new TestMachine();
        m[1] = 0x1111; m[2] = 0x2222;
        m.Run(Encode(Opcode.Mthi, ("rs", 1)), Encode(Opcode.Mtlo, ("rs", 2)), Encode(Opcode.Mfhi, ("rd", 3)), Encode(Opcode.Mflo, ("rd", 4)));
        Assert.Equal(0x1111UL, m[3]);
        Assert.Equal(0x2222UL, m[4]);
    }
}
