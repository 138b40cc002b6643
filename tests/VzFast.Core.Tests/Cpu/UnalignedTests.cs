using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

/// <summary>
/// LWL/LWR/LDL/LDR/SWL/SWR/SDL/SDR at every byte offset, against a byte-lane model of the manual's
/// little-endian figures (byte lane k of a register is bits 8k+7..8k).
/// </summary>
public class UnalignedTests
{
    private static readonly byte[] Memory16 = Enumerable.Range(0, 16).Select(i => (byte)(0xA0 + i * 5)).ToArray();
    private const ulong Original = 0x1122_3344_5566_7788UL;

    private static byte Lane(ulong v, int k) => (byte)(v >> (8 * k));

    private static ulong WithLane(ulong v, int k, byte b) => (v & ~(0xFFUL << (8 * k))) | ((ulong)b << (8 * k));

    private static ulong SignExtend32(ulong v) => (ulong)(long)(int)(uint)v;

    /// <summary>Load-left of a unit of n bytes at address a: memory bytes (a&~(n-1))+0..o go to lanes n-1-o..n-1.</summary>
    private static ulong LoadLeftModel(byte[] mem, int a, int n, ulong rt)
    {
        int o = a & (n - 1), b = a & ~(n - 1);
        for (int i = 0; i <= o; i++) rt = WithLane(rt, n - 1 - o + i, mem[b + i]);
        return n == 4 ? SignExtend32(rt) : rt;
    }

    /// <summary>Load-right: memory bytes a..(end of unit) go to lanes 0..n-1-o.</summary>
    private static ulong LoadRightModel(byte[] mem, int a, int n, ulong rt)
    {
        int o = a & (n - 1), b = a & ~(n - 1);
        for (int i = o; i < n; i++) rt = WithLane(rt, i - o, mem[b + i]);
        return n == 4 ? SignExtend32(rt) : rt;
    }

    private static byte[] StoreLeftModel(byte[] mem, int a, int n, ulong rt)
    {
        var r = (byte[])mem.Clone();
        int o = a & (n - 1), b = a & ~(n - 1);
        for (int i = 0; i <= o; i++) r[b + i] = Lane(rt, n - 1 - o + i);
        return r;
    }

    private static byte[] StoreRightModel(byte[] mem, int a, int n, ulong rt)
    {
        var r = (byte[])mem.Clone();
        int o = a & (n - 1), b = a & ~(n - 1);
        for (int i = o; i < n; i++) r[b + i] = Lane(rt, i - o);
        return r;
    }

    public static IEnumerable<object[]> Offsets() => Enumerable.Range(0, 16).Select(i => new object[] { i });

    private static ulong RunLoad(Opcode op, int offset)
    {
        using var m = new TestMachine();
        m.WriteData(0, Memory16);
        m[1] = TestMachine.DataBase;
        m[2] = Original;
        m.Run(Mem(op, 2, 1, offset));
        Assert.Null(m.LastException);
        return m[2];
    }

    private static byte[] RunStore(Opcode op, int offset)
    {
        using var m = new TestMachine();
        m.WriteData(0, Memory16);
        m[1] = TestMachine.DataBase;
        m[2] = Original;
        m.Run(Mem(op, 2, 1, offset));
        Assert.Null(m.LastException);
        return m.ReadData(0, 16);
    }

    [Theory, MemberData(nameof(Offsets))]
    public void Lwl(int a) => Assert.Equal(LoadLeftModel(Memory16, a, 4, Original), RunLoad(Opcode.Lwl, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Lwr(int a) => Assert.Equal(LoadRightModel(Memory16, a, 4, Original), RunLoad(Opcode.Lwr, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Ldl(int a) => Assert.Equal(LoadLeftModel(Memory16, a, 8, Original), RunLoad(Opcode.Ldl, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Ldr(int a) => Assert.Equal(LoadRightModel(Memory16, a, 8, Original), RunLoad(Opcode.Ldr, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Swl(int a) => Assert.Equal(StoreLeftModel(Memory16, a, 4, Original), RunStore(Opcode.Swl, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Swr(int a) => Assert.Equal(StoreRightModel(Memory16, a, 4, Original), RunStore(Opcode.Swr, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Sdl(int a) => Assert.Equal(StoreLeftModel(Memory16, a, 8, Original), RunStore(Opcode.Sdl, a));

    [Theory, MemberData(nameof(Offsets))]
    public void Sdr(int a) => Assert.Equal(StoreRightModel(Memory16, a, 8, Original), RunStore(Opcode.Sdr, a));

    [Theory]
    [InlineData(0), InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5), InlineData(6), InlineData(7)]
    public void LoadPairs_ReadWholeUnalignedUnits(int a)
    {
        using var m = new TestMachine();
        m.WriteData(0, Memory16);
        m[1] = TestMachine.DataBase + (ulong)a;
        m.Run(Mem(Opcode.Lwr, 2, 1, 0), Mem(Opcode.Lwl, 2, 1, 3), Mem(Opcode.Ldr, 3, 1, 0), Mem(Opcode.Ldl, 3, 1, 7));
        Assert.Equal(SignExtend32(BitConverter.ToUInt32(Memory16, a)), m[2]);
        Assert.Equal(BitConverter.ToUInt64(Memory16, a), m[3]);
    }

    [Theory]
    [InlineData(0), InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5), InlineData(6), InlineData(7)]
    public void StorePairs_WriteWholeUnalignedUnits(int a)
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase + (ulong)a;
        m[5] = 0x0102_0304_0506_0708UL;
        m[6] = 0x1112_1314_1516_1718UL;
        m.Run(Mem(Opcode.Swr, 5, 1, 0), Mem(Opcode.Swl, 5, 1, 3), Mem(Opcode.Sdr, 6, 1, 4), Mem(Opcode.Sdl, 6, 1, 11));
        var after = m.ReadData(0, 24);
        Assert.Equal(0x0506_0708u, BitConverter.ToUInt32(after, a));
        Assert.Equal(0x1112_1314_1516_1718UL, BitConverter.ToUInt64(after, a + 4));
    }
}
