using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class TrapTests
{
    [Theory]
    [InlineData(Opcode.Tge, 0UL, 0UL, true)]
    [InlineData(Opcode.Tge, ulong.MaxValue, 0UL, false)]
    [InlineData(Opcode.Tgeu, ulong.MaxValue, 0UL, true)]
    [InlineData(Opcode.Tlt, ulong.MaxValue, 0UL, true)]
    [InlineData(Opcode.Tltu, ulong.MaxValue, 0UL, false)]
    [InlineData(Opcode.Teq, 5UL, 5UL, true)]
    [InlineData(Opcode.Teq, 5UL, 6UL, false)]
    [InlineData(Opcode.Tne, 5UL, 6UL, true)]
    [InlineData(Opcode.Tne, 5UL, 5UL, false)]
    public void RegisterTraps(Opcode op, ulong a, ulong b, bool traps)
    {
        using var m = new TestMachine();
        m[1] = a; m[2] = b;
        m.Run(Encode(op, ("rs", 1), ("rt", 2), ("tcode", 0x3FF)));
        Assert.Equal(traps ? ExcCode.Tr : null, m.LastException);
    }

    [Theory]
    [InlineData(Opcode.Tgei, 0UL, -1L, true)]
    [InlineData(Opcode.Tgeiu, 0UL, -1L, false)] // 0 >= 0xFFFF...FFFF unsigned: no
    [InlineData(Opcode.Tlti, ulong.MaxValue, 0L, true)]
    [InlineData(Opcode.Tltiu, 5UL, -1L, true)]
    [InlineData(Opcode.Teqi, ulong.MaxValue, -1L, true)]
    [InlineData(Opcode.Tnei, ulong.MaxValue, -1L, false)]
    public void ImmediateTraps(Opcode op, ulong a, long imm, bool traps)
    {
        using var m = new TestMachine();
        m[1] = a;
        m.Run(Encode(op, ("rs", 1), ("imm", imm)));
        Assert.Equal(traps ? ExcCode.Tr : null, m.LastException);
    }
}
