using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class BranchTests
{
    private static uint Beq(int rs, int rt, long off) => Encode(Opcode.Beq, ("rs", rs), ("rt", rt), ("imm", off));
    private static uint BranchZ(Opcode op, int rs, long off) => Encode(op, ("rs", rs), ("imm", off));
    private static uint Li(int rt, long v) => I(Opcode.Addiu, rt, 0, v);

    [Fact]
    public void TakenBranch_ExecutesDelaySlotAndSkipsFallThrough()
    {
        using var m = new TestMachine();
        // beq r0,r0,+2 ; li r1,1 (delay) ; li r2,2 (skipped) ; li r3,3 (target)
        m.Run(Beq(0, 0, 2), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void NotTakenBranch_ExecutesDelaySlotAndFallsThrough()
    {
        using var m = new TestMachine();
        m[5] = 1;
        m.Run(Beq(5, 0, 2), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((1UL, 2UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void BranchLikelyNotTaken_NullifiesDelaySlot()
    {
        using var m = new TestMachine();
        m[5] = 1;
        m.Run(Encode(Opcode.Beql, ("rs", 5), ("rt", 0), ("imm", 2)), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((0UL, 2UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void BranchLikelyTaken_ExecutesDelaySlot()
    {
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Beql, ("rs", 0), ("rt", 0), ("imm", 2)), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Theory]
    [InlineData(Opcode.Blez, 0UL, true)]
    [InlineData(Opcode.Blez, 1UL, false)]
    [InlineData(Opcode.Bgtz, 1UL, true)]
    [InlineData(Opcode.Bgtz, ulong.MaxValue, false)]
    [InlineData(Opcode.Bltz, ulong.MaxValue, true)]
    [InlineData(Opcode.Bltz, 0UL, false)]
    [InlineData(Opcode.Bgez, 0UL, true)]
    [InlineData(Opcode.Bgez, 0x8000_0000_0000_0000UL, false)]
    [InlineData(Opcode.Bgez, 0x8000_0000UL, true)] // 64-bit compare: positive
    [InlineData(Opcode.Blezl, 0UL, true)]
    [InlineData(Opcode.Bgtzl, 0UL, false)]
    [InlineData(Opcode.Bltzl, ulong.MaxValue, true)]
    [InlineData(Opcode.Bgezl, ulong.MaxValue, false)]
    public void CompareWithZero(Opcode op, ulong value, bool taken)
    {
        using var m = new TestMachine();
        m[5] = value;
        m.Run(BranchZ(op, 5, 2), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal(taken ? 0UL : 2UL, m[2]);
        Assert.Equal(3UL, m[3]);
    }

    [Theory]
    [InlineData(Opcode.Bltzal, ulong.MaxValue, true)]
    [InlineData(Opcode.Bltzal, 0UL, false)]
    [InlineData(Opcode.Bgezal, 0UL, true)]
    [InlineData(Opcode.Bltzall, 0UL, false)]
    [InlineData(Opcode.Bgezall, 0UL, true)]
    public void AndLink_AlwaysLinks(Opcode op, ulong value, bool taken)
    {
        using var m = new TestMachine();
        m[5] = value;
        m.Run(BranchZ(op, 5, 2), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal(TestMachine.CodeBase + 8, m[31]);
        Assert.Equal(taken ? 0UL : 2UL, m[2]);
        bool likelyNotTaken = !taken && (op == Opcode.Bltzall || op == Opcode.Bgezall);
        Assert.Equal(likelyNotTaken ? 0UL : 1UL, m[1]);
    }

    [Fact]
    public void Bal_And_B()
    {
        Assert.Equal(Opcode.Bal, Decoder.Decode(Encode(Opcode.Bgezal, ("rs", 0), ("imm", 2))));
        Assert.Equal(Opcode.B, Decoder.Decode(Beq(0, 0, 2)));
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Bal, ("imm", 2)), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((TestMachine.CodeBase + 8, 0UL), (m[31], m[2]));
    }

    [Fact]
    public void BackwardBranchLoops()
    {
        using var m = new TestMachine();
        // li r1,10 ; loop: addiu r1,r1,-1 ; bne r1,r0,loop ; addiu r2,r2,1 (delay)
        m.Run(Li(1, 10), I(Opcode.Addiu, 1, 1, -1), Encode(Opcode.Bne, ("rs", 1), ("rt", 0), ("imm", -2)), I(Opcode.Addiu, 2, 2, 1));
        Assert.Equal(0UL, m[1]);
        Assert.Equal(10UL, m[2]);
    }

    [Fact]
    public void JumpAndLink_RegisterForms()
    {
        using var m = new TestMachine();
        ulong target = TestMachine.CodeBase + 16;
        m[4] = target;
        m.Run(Encode(Opcode.Jalr, ("rs", 4), ("rd", 7)), Li(1, 1), Li(2, 2), Li(2, 22), Li(3, 3));
        Assert.Equal(TestMachine.CodeBase + 8, m[7]);
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void Jalr_SameRegisterReadsTargetBeforeLink()
    {
        using var m = new TestMachine();
        m[4] = TestMachine.CodeBase + 12;
        m.Run(Encode(Opcode.Jalr, ("rs", 4), ("rd", 4)), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal(TestMachine.CodeBase + 8, m[4]);
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void Jal_KeepsUpperBitsOfDelaySlotAddress()
    {
        using var m = new TestMachine();
        ulong target = TestMachine.CodeBase + 12;
        m.Run(Encode(Opcode.Jal, ("target", (long)((target >> 2) & 0x3FF_FFFF))), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal(TestMachine.CodeBase + 8, m[31]);
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void JrHb_JumpsLikeJr()
    {
        using var m = new TestMachine();
        m[4] = TestMachine.CodeBase + 12;
        m.Run(Encode(Opcode.JrHb, ("rs", 4)), Li(1, 1), Li(2, 2), Li(3, 3));
        Assert.Equal((1UL, 0UL, 3UL), (m[1], m[2], m[3]));
    }

    [Fact]
    public void ExceptionInDelaySlot_SetsBdAndEpcOfBranch()
    {
        using var m = new TestMachine();
        m[1] = 0x7FFF_FFFF;
        m.Run(Beq(0, 0, 2), I(Opcode.Addi, 2, 1, 1), Li(3, 3), Li(4, 4));
        Assert.Equal(ExcCode.Ov, m.LastException);
        Assert.True(m.Cause.BD);
        Assert.Equal(TestMachine.CodeBase, m.GetCp0(Cp0Table.EPC));
    }

    [Fact]
    public void ExceptionOutsideDelaySlot_ClearsBd()
    {
        using var m = new TestMachine();
        m.SetCp0(Cp0Table.Cause, Cause.BDMask);
        m.Run(Encode(Opcode.Syscall));
        Assert.Equal(ExcCode.Sys, m.LastException);
        Assert.False(m.Cause.BD);
    }
}
