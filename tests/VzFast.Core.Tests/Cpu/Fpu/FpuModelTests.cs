using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Core.Tests.Cpu.Fpu;

// What each FPU model implements (FIR, FCR0): the paired-single format needs FIR.PS and the MIPS-3D
// ASE FIR.3D, else Reserved Instruction (QEMU's check_ps and check_insn(ASE_MIPS3D)); QEMU's 5KEf
// has neither, MIPS64R2-generic both, Loongson-3A4000 paired single only.
public class FpuModelTests
{
    private static TestMachine Machine(string model)
    {
        var m = new TestMachine(model: CpuModel.Find(model)!);
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) | (1UL << 29) | (1UL << 26)); // CU1, FR
        return m;
    }

    private static readonly uint AddPs = Encode(Opcode.AddPs, ("fd", 2), ("fs", 4), ("ft", 6));
    private static readonly uint Recip1S = Encode(Opcode.Recip1S, ("fd", 2), ("fs", 4));
    private static readonly uint RecipS = Encode(Opcode.RecipS, ("fd", 2), ("fs", 4));
    private static readonly uint AddD = Encode(Opcode.AddD, ("fd", 2), ("fs", 4), ("ft", 6));

    [Theory]
    [InlineData("5KEf", false, false)]
    [InlineData("MIPS64R2-generic", true, true)]
    [InlineData("Loongson-3A4000", true, false)]
    public void PairedSingleAndMips3d_FollowFir(string model, bool ps, bool mips3d)
    {
        using var m = Machine(model);
        Assert.Equal(ps, (m.Cpu.Model.Fir & (1u << 18)) != 0);
        m.Run(AddPs);
        Assert.Equal(ps ? null : ExcCode.RI, m.LastException);
        m.Run(Recip1S);
        Assert.Equal(mips3d ? null : ExcCode.RI, m.LastException);
        m.Run(RecipS); // RECIP.fmt is base MIPS64 (with a 64-bit FPU), MIPS-3D or not
        Assert.Null(m.LastException);
        m.Run(AddD);
        Assert.Null(m.LastException);
    }

    [Fact]
    public void Fpu5KEf_UnusableWithoutCu1_BeforeReservedInstruction()
    {
        using var m = new TestMachine(model: CpuModel.Find("5KEf")!);
        m.Run(AddPs);
        Assert.Equal(ExcCode.CpU, m.LastException);
    }

    [Fact]
    public void Fpu5KEf_IdentifiesAsQemuDoes()
    {
        var model = CpuModel.Find("5KEf")!;
        Assert.True(model.HasFpu);
        Assert.Equal(0x00738900u, model.Fir); // F64, L, W, D, S; implementation 0x89
        Assert.Equal(0x00018900UL, model.Reset(Cp0Table.PRId));
    }
}
