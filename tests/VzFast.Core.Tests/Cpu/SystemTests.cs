using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class SystemTests
{
    [Fact]
    public void Syscall_And_Break()
    {
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Syscall, ("code", 0x12345)));
        Assert.Equal(ExcCode.Sys, m.LastException);
        Assert.Equal(TestMachine.CodeBase, m.GetCp0(Cp0Table.EPC));
        Assert.Equal(Status.EXLMask, m.GetCp0(Cp0Table.Status) & Status.EXLMask);
        using var m2 = new TestMachine();
        m2.Run(Encode(Opcode.Break, ("code", 7)));
        Assert.Equal(ExcCode.Bp, m2.LastException);
    }

    [Fact]
    public void Sync_Pref_Synci_DoNothingVisible()
    {
        using var m = new TestMachine();
        m[1] = 0x1234; // PREF and SYNCI never fault, even on a bad address
        m.Run(Encode(Opcode.Sync, ("stype", 0)), Encode(Opcode.Pref, ("base", 1), ("op", 0), ("imm", 0)), Encode(Opcode.Synci, ("base", 1), ("imm", 0)));
        Assert.Null(m.LastException);
    }

    [Fact]
    public void Cache_FromUserModeWithoutCu0_IsCoprocessorUnusable()
    {
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Cache, ("base", 0), ("op", 0), ("imm", 0)));
        Assert.Null(m.LastException); // kernel: allowed, no-op
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) | (2UL << Status.KSUShift));
        m.Cpu.UpdateTranslationContext();
        Assert.False(m.Cpu.Cp0Usable());
    }

    [Fact]
    public void Rdhwr_InKernelMode()
    {
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Rdhwr, ("rt", 2), ("rd", 1)), Encode(Opcode.Rdhwr, ("rt", 3), ("rd", 3)));
        Assert.Null(m.LastException);
        Assert.Equal((ulong)m.Cpu.Model.SynciStep, m[2]);
        Assert.Equal((ulong)m.Cpu.Model.CCRes, m[3]);
    }

    [Fact]
    public void Rdhwr_UnknownRegister_IsReserved()
    {
        using var m = new TestMachine();
        m.Run(Encode(Opcode.Rdhwr, ("rt", 2), ("rd", 5)));
        Assert.Equal(ExcCode.RI, m.LastException);
    }

    [Theory]
    [InlineData(0x7C00_0001u)] // SPECIAL3 function 0x01 with bad fields is DEXTM; use unlisted ones below
    public void Decode_ListedWordIsNotInvalid(uint word) => Assert.NotEqual(Opcode.Invalid, Decoder.Decode(word));

    [Theory]
    [InlineData(0x0000_000Eu)] // SPECIAL function 0x0E: unlisted
    [InlineData(0x0000_0014u | (1u << 6))] // DSLLV with sa != 0
    [InlineData(0xEC00_0000u)] // major opcode 0x3B: unlisted
    [InlineData(0x7400_0000u)] // JALX: no MIPS16/microMIPS on this CPU
    public void UnlistedEncodings_RaiseReservedInstruction(uint word)
    {
        Assert.Equal(Opcode.Invalid, Decoder.Decode(word));
        using var m = new TestMachine();
        m.Run(word);
        Assert.Equal(ExcCode.RI, m.LastException);
    }

    [Theory]
    [InlineData(0x0000_0005u)] // LSA
    [InlineData(0x0000_0015u)] // DLSA
    public void MsaOnlyEncodings_RaiseReservedInstructionWithoutMsa(uint word)
    {
        Assert.NotEqual(Opcode.Invalid, Decoder.Decode(word));
        using var m = new TestMachine(); // 5KEc: no MSA (MSA specification 3.3: LSA/DLSA come with MSA on Release 5)
        Assert.False(m.Cpu.Model.HasMsa);
        m.Run(word);
        Assert.Equal(ExcCode.RI, m.LastException);
    }

    [Fact]
    public void UnimplementedSpecEntries_DecodeButRaiseReservedInstruction()
    {
        var unimplemented = Enum.GetValues<Opcode>().Where(o => o != Opcode.Invalid && !OpcodeInfo.IsImplemented(o)).ToList();
        foreach (var op in unimplemented)
        {
            uint word = OpcodeInfo.Matches[(int)op];
            Assert.Equal(op, Decoder.Decode(word));
            using var m = new TestMachine();
            m.Run(word);
            Assert.Equal(ExcCode.RI, m.LastException);
        }
    }
}
