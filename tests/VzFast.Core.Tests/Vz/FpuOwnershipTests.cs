using VzFast.Machines;
using VzFast.Tests.Support;
using VzFast.Vz;

namespace VzFast.Tests.Vz;

/// <summary>
/// The guest FPU under the hypervisor (kvm_trap_vz_handle_cop_unusable, kvm_own_fpu): the first
/// FPU instruction with the guest's Status.CU1 set traps to root once, root hands the FPU over and
/// the guest goes on; the FPU registers are reachable by their ONE_REG ids.
/// </summary>
public class FpuOwnershipTests
{
    [Fact]
    public void FirstUseTrapsOnceThenTheGuestOwnsTheFpu()
    {
        var r = MaltaRun.Run("fpu");
        using (r.Machine)
        {
            Assert.Equal(StopReason.Shutdown, r.Exit.Reason);
            var vcpu = r.Machine.Vcpu!;
            Assert.Equal(1, vcpu.Stats.cop_unusable_exits);
            Assert.True(vcpu.FpuOwned);
            // the guest's own Coprocessor Unusable (its CU1 clear) went to the guest, not to root
            Assert.Contains("cu1 clear: exc CpU ce 1 count 1", System.Text.Encoding.Latin1.GetString(r.Output));
        }
    }

    [Fact]
    public void FpuRegistersHaveOneRegIds()
    {
        var r = MaltaRun.Run("fpu");
        using (r.Machine)
        {
            var vcpu = r.Machine.Vcpu!;
            var ids = vcpu.RegisterList();
            for (int i = 0; i < 32; i++)
            {
                Assert.Contains(Vcpu.RegFpr32(i), ids);
                Assert.Contains(Vcpu.RegFpr64(i), ids); // a 64-bit FPU: odd doubles too
            }
            Assert.Equal(0x007F_0000UL, vcpu.GetOneReg(Vcpu.RegFcrIr));
            vcpu.SetOneReg(Vcpu.RegFpr64(6), 0x4009_21FB_5444_2D18UL);
            Assert.Equal(0x4009_21FB_5444_2D18UL, vcpu.GetOneReg(Vcpu.RegFpr64(6)));
            Assert.Equal(0x5444_2D18UL, vcpu.GetOneReg(Vcpu.RegFpr32(6)));
            vcpu.SetOneReg(Vcpu.RegFcrCsr, 3);
            Assert.Equal(3UL, vcpu.GetOneReg(Vcpu.RegFcrCsr));
        }
    }

    [Fact]
    public void ACpuWithoutAnFpuListsNoFpuRegisters()
    {
        var r = MaltaRun.Run("hello");
        using (r.Machine)
            Assert.DoesNotContain(r.Machine.Vcpu!.RegisterList(), id => (id & 0xFFFF_0000) == (Vcpu.KvmRegMipsFpr & 0xFFFF_0000));
    }
}

/// <summary>MSA under the hypervisor (kvm_trap_vz_handle_msa_disabled, kvm_own_msa): one MSA Disabled exit hands MSA (and the FPU) over.</summary>
public class MsaOwnershipTests
{
    [Fact]
    public void FirstUseWithMsaEnabledTrapsOnce()
    {
        var r = MaltaRun.Run("msa");
        using (r.Machine)
        {
            Assert.Equal(StopReason.Shutdown, r.Exit.Reason);
            var vcpu = r.Machine.Vcpu!;
            Assert.Equal(1, vcpu.Stats.msa_disabled_exits);
            Assert.True(vcpu.MsaOwned);
            // with the guest's own MSAEn clear the exception went to the guest
            Assert.Contains("msaen clear: exc MSADis count 1", System.Text.Encoding.Latin1.GetString(r.Output));
            Assert.Contains(Vcpu.RegVec128(31), vcpu.RegisterList());
            Assert.Equal(0x140UL, vcpu.GetOneReg(Vcpu.RegMsaIr));
        }
    }
}

/// <summary>
/// LASX under the hypervisor: the 256-bit registers go with MSA (one MSA Disabled exit hands all
/// three over), are reachable as KVM_REG_MIPS_VEC_256 ids, and survive kvm_lose_fpu, which takes
/// MSA and the FPU back from the guest context.
/// </summary>
public class LasxOwnershipTests
{
    [Fact]
    public void LasxGoesWithMsaAndHasVec256Ids()
    {
        var r = MaltaRun.Run("lasx");
        using (r.Machine)
        {
            Assert.Equal(StopReason.Shutdown, r.Exit.Reason);
            var vcpu = r.Machine.Vcpu!;
            Assert.Equal(1, vcpu.Stats.msa_disabled_exits);
            Assert.True(vcpu.MsaOwned && vcpu.FpuOwned);
            var ids = vcpu.RegisterList();
            for (int i = 0; i < 32; i++) Assert.Contains(Vcpu.RegVec256(i), ids);
            Assert.Equal(0x7050_0000_0003_0006UL, Vcpu.RegVec256(6)); // KVM_REG_MIPS | KVM_REG_SIZE_U256 | KVM_REG_MIPS_FPR | 6
            // $w6 as the guest left it ("kept" in lasx.expected)
            Assert.Equal((0xfffffffffffffffcUL, 0xfffffffffffffffcUL, 0x1111222233334444UL, 0x5555666677778888UL), vcpu.GetOneReg256(Vcpu.RegVec256(6)));
            vcpu.SetOneReg256(Vcpu.RegVec256(9), 1, 2, 3, 4);
            Assert.Equal((1UL, 2UL), vcpu.GetOneReg128(Vcpu.RegVec128(9)));
            Assert.Equal(1UL, vcpu.GetOneReg(Vcpu.RegFpr64(9)));
            Assert.Throws<ArgumentException>(() => vcpu.GetOneReg(Vcpu.RegVec256(9)));

            vcpu.LoseFpu();
            Assert.False(vcpu.MsaOwned || vcpu.FpuOwned);
            Assert.Equal((1UL, 2UL, 3UL, 4UL), vcpu.GetOneReg256(Vcpu.RegVec256(9)));
        }
    }

    [Fact]
    public void AModelWithoutLasxListsNoVec256()
    {
        var r = MaltaRun.Run("fpu");
        using (r.Machine)
            Assert.DoesNotContain(r.Machine.Vcpu!.RegisterList(), id => (id & 0x00F0_0000_0000_0000UL) == Vcpu.KvmRegSizeU256);
    }
}
