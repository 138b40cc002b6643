using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class BitManipulationTests
{
    private static (ulong Result, ExcCode? Exception) RunField(Opcode op, ulong rs, ulong rt, int msbd, int lsb)
    {
        using var m = new TestMachine();
        m[1] = rs; m[2] = rt;
        m.Run(Encode(op, ("rs", 1), ("rt", 2), ("msbd", msbd), ("lsb", lsb)));
        return (m[2], m.LastException);
    }

    [Theory]
    [InlineData(Opcode.Ext, 0xFFFF_FFFF_1234_5678UL, 7, 4, 0x67UL)]            // size 8 at 4
    [InlineData(Opcode.Ext, 0x0000_0000_8000_0000UL, 31, 0, 0xFFFF_FFFF_8000_0000UL)] // whole word sign-extends
    [InlineData(Opcode.Ext, 0x0000_0000_8000_0000UL, 0, 31, 1UL)]
    [InlineData(Opcode.Dext, 0x8BCD_0000UL, 15, 16, 0x8BCDUL)]
    [InlineData(Opcode.Dextm, 0xFFFF_FFFF_FFFF_FFFFUL, 31, 0, ulong.MaxValue)] // size 64
    [InlineData(Opcode.Dextm, 0x0123_4567_89AB_CDEFUL, 0, 4, 0x0_789A_BCDEUL)]  // size 33 at 4
    [InlineData(Opcode.Dextu, 0x0123_4567_89AB_CDEFUL, 7, 0, 0x67UL)] // pos 32
    [InlineData(Opcode.Dextu, 0x8000_0000_0000_0000UL, 0, 31, 1UL)]     // pos 63
    public void Extract(Opcode op, ulong rs, int msbd, int lsb, ulong expected)
    {
        var (r, e) = RunField(op, rs, 0xDEAD, msbd, lsb);
        Assert.Null(e);
        Assert.Equal(expected, r);
    }

    [Theory]
    [InlineData(Opcode.Ins, 0xFFUL, 0x0000_0000_1234_5678UL, 11, 4, 0x1234_5FF8UL)]
    [InlineData(Opcode.Ins, 1UL, 0UL, 31, 31, 0xFFFF_FFFF_8000_0000UL)]          // result sign-extends
    [InlineData(Opcode.Dins, 0xFFFFUL, 0UL, 31, 16, 0xFFFF_0000UL)]   // no sign extension
    [InlineData(Opcode.Dinsm, ulong.MaxValue, 0UL, 31, 0, ulong.MaxValue)]     // msb 63, lsb 0
    [InlineData(Opcode.Dinsm, 0x3UL, 0UL, 0, 31, 0x1_8000_0000UL)]             // msb 32, lsb 31
    [InlineData(Opcode.Dinsu, 0xABUL, 0x1111_1111_1111_1111UL, 7, 0, 0x1111_11AB_1111_1111UL)] // bits 39:32
    public void Insert(Opcode op, ulong rs, ulong rt, int msbd, int lsb, ulong expected)
    {
        var (r, e) = RunField(op, rs, rt, msbd, lsb);
        Assert.Null(e);
        Assert.Equal(expected, r);
    }

    [Theory]
    [InlineData(Opcode.Ext, 31, 1)]   // pos + size > 32
    [InlineData(Opcode.Ins, 3, 4)]    // lsb > msb
    [InlineData(Opcode.Dextm, 1, 31)] // 31 + 34 > 64
    [InlineData(Opcode.Dextu, 31, 1)] // 33 + 32 > 64
    [InlineData(Opcode.Dins, 3, 4)]
    [InlineData(Opcode.Dinsu, 3, 4)]
    public void UnpredictableFieldsAreReservedInstructions(Opcode op, int msbd, int lsb)
    {
        var (r, e) = RunField(op, 1, 0xDEAD, msbd, lsb);
        Assert.Equal(ExcCode.RI, e);
        Assert.Equal(0xDEADUL, r);
    }

    private static ulong RunBshfl(Opcode op, ulong value)
    {
        using var m = new TestMachine();
        m[1] = value;
        m.Run(Encode(op, ("rt", 1), ("rd", 2)));
        return m[2];
    }

    [Theory]
    [InlineData(Opcode.Wsbh, 0x1122_3344_5566_7788UL, 0x6655_8877UL)]
    [InlineData(Opcode.Wsbh, 0x0000_0000_0080_0000UL, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(Opcode.Seb, 0x0000_0000_0000_0080UL, 0xFFFF_FFFF_FFFF_FF80UL)]
    [InlineData(Opcode.Seb, 0x1234_5678_9ABC_DE7FUL, 0x7FUL)]
    [InlineData(Opcode.Seh, 0x0000_0000_0000_8000UL, 0xFFFF_FFFF_FFFF_8000UL)]
    [InlineData(Opcode.Dsbh, 0x1122_3344_5566_7788UL, 0x2211_4433_6655_8877UL)]
    [InlineData(Opcode.Dshd, 0x1122_3344_5566_7788UL, 0x7788_5566_3344_1122UL)]
    public void ByteShuffles(Opcode op, ulong value, ulong expected) => Assert.Equal(expected, RunBshfl(op, value));
}
