using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class ShiftTests
{
    private static ulong RunShift(Opcode op, ulong value, int sa)
    {
        using var m = new TestMachine();
        m[1] = value;
        m.Run(Shift(op, 2, 1, sa));
        return m[2];
    }

    private static ulong RunShiftV(Opcode op, ulong value, ulong amount)
    {
        using var m = new TestMachine();
        m[1] = value; m[3] = amount;
        m.Run(R3(op, 2, 3, 1)); // rd=2, rs=3 (amount), rt=1 (value)
        return m[2];
    }

    [Theory]
    [InlineData(Opcode.Sll, 0x1234_5678_8000_0001UL, 0, 0xFFFF_FFFF_8000_0001UL)]
    [InlineData(Opcode.Sll, 1UL, 31, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Sll, 0x4000_0000UL, 1, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Srl, 0xFFFF_FFFF_8000_0000UL, 0, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Srl, 0xFFFF_FFFF_8000_0000UL, 1, 0x4000_0000UL)]
    [InlineData(Opcode.Srl, 0xFFFF_FFFF_8000_0000UL, 31, 1UL)]
    [InlineData(Opcode.Sra, 0xFFFF_FFFF_8000_0000UL, 31, ulong.MaxValue)]
    [InlineData(Opcode.Sra, 0x7FFF_FFFFUL, 31, 0UL)]
    [InlineData(Opcode.Sra, 0x0000_0001_8000_0000UL, 0, 0x0000_0001_8000_0000UL)] // not sign-extended: whole-register shift, as QEMU
    [InlineData(Opcode.Rotr, 0x0000_0001UL, 1, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Rotr, 0x8765_4321UL, 0, 0xFFFF_FFFF_8765_4321UL)]
    [InlineData(Opcode.Rotr, 0x8765_4321UL, 31, 0x0ECA_8643UL)]
    public void Shift32_SignExtends(Opcode op, ulong value, int sa, ulong expected) =>
        Assert.Equal(expected, RunShift(op, value, sa));

    [Theory]
    [InlineData(Opcode.Dsll, 1UL, 31, 0x8000_0000UL)] // no sign extension in 64-bit shifts
    [InlineData(Opcode.Dsll, 0xFFUL, 0, 0xFFUL)]
    [InlineData(Opcode.Dsrl, 0x8000_0000_0000_0000UL, 31, 0x1_0000_0000UL)]
    [InlineData(Opcode.Dsra, 0x8000_0000_0000_0000UL, 31, 0xFFFF_FFFF_0000_0000UL)]
    [InlineData(Opcode.Drotr, 1UL, 1, 0x8000_0000_0000_0000UL)]
    [InlineData(Opcode.Dsll32, 1UL, 0, 0x1_0000_0000UL)]
    [InlineData(Opcode.Dsll32, 1UL, 31, 0x8000_0000_0000_0000UL)]
    [InlineData(Opcode.Dsrl32, 0x8000_0000_0000_0000UL, 31, 1UL)]
    [InlineData(Opcode.Dsra32, 0x8000_0000_0000_0000UL, 31, ulong.MaxValue)]
    [InlineData(Opcode.Dsra32, 0x8000_0000_0000_0000UL, 0, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Drotr32, 0x1234_5678_9ABC_DEF0UL, 0, 0x9ABC_DEF0_1234_5678UL)]
    [InlineData(Opcode.Drotr32, 1UL, 31, 2UL)]
    public void Shift64(Opcode op, ulong value, int sa, ulong expected) =>
        Assert.Equal(expected, RunShift(op, value, sa));

    [Theory]
    [InlineData(Opcode.Sllv, 1UL, 32UL + 31, 0xFFFF_FFFF_8000_0000UL)] // only the low 5 bits count
    [InlineData(Opcode.Srlv, 0xFFFF_FFFF_8000_0000UL, 31UL, 1UL)]
    [InlineData(Opcode.Srav, 0xFFFF_FFFF_8000_0000UL, 4UL, 0xFFFF_FFFF_F800_0000UL)]
    [InlineData(Opcode.Rotrv, 1UL, 33UL, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Dsllv, 1UL, 64UL + 63, 0x8000_0000_0000_0000UL)]
    [InlineData(Opcode.Dsrlv, 0x8000_0000_0000_0000UL, 63UL, 1UL)]
    [InlineData(Opcode.Dsrav, 0x8000_0000_0000_0000UL, 63UL, ulong.MaxValue)]
    [InlineData(Opcode.Drotrv, 1UL, 64UL + 1, 0x8000_0000_0000_0000UL)]
    [InlineData(Opcode.Dsllv, 0xABUL, 0UL, 0xABUL)]
    public void VariableShifts(Opcode op, ulong value, ulong amount, ulong expected) =>
        Assert.Equal(expected, RunShiftV(op, value, amount));

    [Fact]
    public void Nop_Ssnop_Ehb_DecodeToTheirOwnOpcodes()
    {
        Assert.Equal(Opcode.Nop, Decoder.Decode(0));
        Assert.Equal(Opcode.Ssnop, Decoder.Decode(0x40));
        Assert.Equal(Opcode.Ehb, Decoder.Decode(0xC0));
        Assert.Equal(Opcode.Sll, Decoder.Decode(Shift(Opcode.Sll, 0, 0, 2)));
    }
}
