using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class AtomicTests
{
    [Fact]
    public void LlSc_SucceedsWhenUndisturbed()
    {
        using var m = new TestMachine();
        m.WriteData(0, BitConverter.GetBytes(41u));
        m[1] = TestMachine.DataBase;
        m.Run(Mem(Opcode.Ll, 2, 1, 0), I(Opcode.Addiu, 2, 2, 1), Mem(Opcode.Sc, 2, 1, 0));
        Assert.Equal(1UL, m[2]);
        Assert.Equal(42u, BitConverter.ToUInt32(m.ReadData(0, 4)));
    }

    [Fact]
    public void Sc_FailsWhenMemoryChangedSinceLl()
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase;
        m[4] = 7;
        m.Run(Mem(Opcode.Ll, 2, 1, 0), Mem(Opcode.Sw, 4, 1, 0), I(Opcode.Addiu, 2, 0, 9), Mem(Opcode.Sc, 2, 1, 0));
        Assert.Equal(0UL, m[2]);
        Assert.Equal(7u, BitConverter.ToUInt32(m.ReadData(0, 4)));
    }

    [Fact]
    public void Sc_FailsForAnotherAddressWithoutTouchingMemory()
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase;
        m[2] = 5;
        m.Run(Mem(Opcode.Ll, 3, 1, 0), Mem(Opcode.Sc, 2, 1, 8));
        Assert.Equal(0UL, m[2]);
        Assert.Equal(0u, BitConverter.ToUInt32(m.ReadData(8, 4)));
    }

    [Fact]
    public void Sc_WithoutLl_Fails()
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase;
        m[2] = 5;
        m.Run(Mem(Opcode.Sc, 2, 1, 0));
        Assert.Equal(0UL, m[2]);
    }

    [Fact]
    public void LldScd_64Bit()
    {
        using var m = new TestMachine();
        m.WriteData(0, BitConverter.GetBytes(0x1_0000_0000UL));
        m[1] = TestMachine.DataBase;
        m.Run(Mem(Opcode.Lld, 2, 1, 0), I(Opcode.Daddiu, 2, 2, 1), Mem(Opcode.Scd, 2, 1, 0));
        Assert.Equal(1UL, m[2]);
        Assert.Equal(0x1_0000_0001UL, BitConverter.ToUInt64(m.ReadData(0, 8)));
    }

    [Fact]
    public void Ll_RecordsPhysicalAddressInLLAddr()
    {
        using var m = new TestMachine();
        m[1] = TestMachine.DataBase + 0x40;
        m.Run(Mem(Opcode.Ll, 2, 1, 0));
        Assert.Equal((TestMachine.DataPhys + 0x40) >> m.Cpu.Model.LLAddrShift, m.GetCp0(VzFast.Cp0.Cp0Table.LLAddr));
    }
}
