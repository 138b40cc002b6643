using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;

namespace VzFast.Tests.Vz;

/// <summary>KVM_GET_REG_LIST / KVM_GET_ONE_REG / KVM_SET_ONE_REG semantics.</summary>
public class OneRegTests
{
    public static TheoryData<string> Models() => new(CpuModels.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryListedIdRoundTrips(string model)
    {
        using var g = new VzGuest(CpuModel.Find(model));
        var ids = g.Vcpu.RegisterList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        ulong pattern = 0x5A5A_0000_0000_0000UL;
        foreach (ulong id in ids)
        {
            if (id == Vcpu.RegCountResume || id == Vcpu.RegCountCtl || id == Vcpu.RegCountHz) continue; // validated below
            if ((id & 0x00F0_0000_0000_0000UL) == Vcpu.KvmRegSizeU128)
            {
                // the MSA vector registers: 128 bits, through GetOneReg128/SetOneReg128
                g.Vcpu.SetOneReg128(id, pattern, ~pattern);
                Assert.Equal((pattern, ~pattern), g.Vcpu.GetOneReg128(id));
                continue;
            }
            if ((id & 0x00F0_0000_0000_0000UL) == Vcpu.KvmRegSizeU256)
            {
                // LASX registers: 256 bits, through GetOneReg256/SetOneReg256
                g.Vcpu.SetOneReg256(id, pattern, ~pattern, pattern >> 1, ~pattern >> 2);
                Assert.Equal((pattern, ~pattern, pattern >> 1, ~pattern >> 2), g.Vcpu.GetOneReg256(id));
                continue;
            }
            bool fr = (g.Vcpu.GetOneReg(g.Vcpu.Cp0RegId(VzFast.Cp0.Cp0Table.Status)) & VzFast.Cp0.Status.FRMask) != 0;
            if ((id & 0xFFFF_00FF) == ((Vcpu.KvmRegMipsFpr & 0xFFFF_0000) | (id & 0xFF)) && (id & 0x00F0_0000_0000_0000UL) == Vcpu.KvmRegSizeU64 && (id & 1) != 0 && !fr)
            {
                // kvm_mips_get_reg: an odd double is -EINVAL while the guest's Status.FR is clear
                Assert.Throws<ArgumentException>(() => g.Vcpu.GetOneReg(id));
                continue;
            }
            pattern += 0x1_0101_0104;
            ulong before = g.Vcpu.GetOneReg(id);
            g.Vcpu.SetOneReg(id, before);
            Assert.True(before == g.Vcpu.GetOneReg(id), $"id 0x{id:x}: writing back its own value changed it");
            g.Vcpu.SetOneReg(id, pattern);
            ulong after = g.Vcpu.GetOneReg(id);
            g.Vcpu.SetOneReg(id, after);
            Assert.True(after == g.Vcpu.GetOneReg(id), $"id 0x{id:x}: 0x{after:x} does not read back");
            if (FullyWritable(id)) Assert.True(after == Expected(id, pattern), $"id 0x{id:x}: wrote 0x{pattern:x}, read 0x{after:x}");
        }
    }

    /// <summary>Registers that hold any value written (GPRs except $0, HI, LO, PC, Count, Compare, EPC, ErrorEPC, KScratch).</summary>
    private static bool FullyWritable(ulong id)
    {
        if ((id & 0xFFFF_0000) == 0) return (id & 0xFF) is >= 1 and <= 34 and not 34 || id == Vcpu.RegPc;
        int n = (int)(id & 0xFF);
        return n is Cp0Table.Count or Cp0Table.Compare or Cp0Table.EPC or Cp0Table.ErrorEPC || n / 8 == 31 && n % 8 >= 2;
    }

    private static ulong Expected(ulong id, ulong v)
    {
        if (id == Vcpu.RegPc) return v;
        return (id & 0x00F0_0000_0000_0000UL) == Vcpu.KvmRegSizeU32 ? (uint)v : v;
    }

    [Fact]
    public void RegisterListFollowsKvmOrder()
    {
        using var g = new VzGuest();
        var ids = g.Vcpu.RegisterList();
        for (int i = 0; i < 32; i++) Assert.Equal(Vcpu.RegGpr(i), ids[i]);
        Assert.Equal([Vcpu.RegHi, Vcpu.RegLo, Vcpu.RegPc], ids.Skip(32).Take(3));
        Assert.Contains(Vcpu.Cp0Reg32(Cp0Table.Status), ids);
        Assert.Contains(Vcpu.Cp0Reg64(Cp0Table.EPC), ids);
        Assert.Contains(Vcpu.RegCountHz, ids);
        // 5KEc has no UserLocal, BadInstr or KScratch in its guest Config3/Config4
        Assert.DoesNotContain(Vcpu.Cp0Reg64(Cp0Table.UserLocal), ids);
    }

    [Fact]
    public void GprZeroStaysZero()
    {
        using var g = new VzGuest();
        g.Vcpu.SetOneReg(Vcpu.RegGpr(0), 77);
        Assert.Equal(0UL, g.Vcpu.GetOneReg(Vcpu.RegGpr(0)));
    }

    [Theory]
    [InlineData(0x7030_0000_0001_00F8UL)] // CP0 31,0 (DESAVE): not a guest register kvm_vz lists
    [InlineData(0x7020_0000_0001_0062UL)] // CP0 12,2 (SRSCtl): root-only, not in kvm_vz's list
    [InlineData(0x7030_0000_0000_0040UL)] // GPR 64
    [InlineData(0x7030_0000_0003_0000UL)] // FPU register space
    [InlineData(0x6030_0000_0000_0000UL)] // another architecture's id
    public void UnknownIdsAreAClearError(ulong id)
    {
        using var g = new VzGuest();
        var e = Assert.Throws<ArgumentException>(() => g.Vcpu.GetOneReg(id));
        Assert.Contains($"0x{id:x16}", e.Message);
        Assert.Throws<ArgumentException>(() => g.Vcpu.SetOneReg(id, 0));
    }

    [Fact]
    public void StatusAsA64BitIdIsUnknown()
    {
        using var g = new VzGuest();
        Assert.Throws<ArgumentException>(() => g.Vcpu.GetOneReg(Vcpu.Cp0Reg64(Cp0Table.Status)));
    }

    [Fact]
    public void PridSetByTheVmmIsWhatTheGuestReads()
    {
        using var g = new VzGuest();
        Assert.Equal(CpuModel.Default.Reset(Cp0Table.PRId), g.GuestCp0(Cp0Table.PRId));
        g.Vcpu.SetOneReg(Vcpu.Cp0Reg32(Cp0Table.PRId), 0x0001_9300);
        g.Load(GuestAsm.Mfc0(VzGuest.T0, 15));
        g.Run();
        Assert.Equal(0x0001_9300UL, g[VzGuest.T0]);
    }

    [Fact]
    public void CountCtlFreezesCountAndRecordsResume()
    {
        using var g = new VzGuest();
        g.Load([.. Enumerable.Repeat(0u, 2000)]);
        g.Vcpu.SetOneReg(Vcpu.Cp0Reg32(Cp0Table.Count), 100);
        g.Vcpu.SetOneReg(Vcpu.RegCountCtl, Vcpu.KvmCountCtlDc);
        ulong resume = g.Vcpu.GetOneReg(Vcpu.RegCountResume);
        g.Run();
        Assert.Equal(100UL, g.GuestCp0(Cp0Table.Count)); // frozen while the guest ran 2000 instructions
        Assert.Equal(VzFast.Scheduling.Scheduler.CyclesToNanoseconds(0), (long)resume);
        g.Vcpu.SetOneReg(Vcpu.RegCountCtl, 0);
        g.Load([.. Enumerable.Repeat(0u, 2000)]);
        g.Run();
        Assert.True(g.GuestCp0(Cp0Table.Count) > 100, "Count resumes from where it stopped");
        Assert.True(g.GuestCp0(Cp0Table.Count) < 100 + 2000, "no jump over the frozen time");
        Assert.Throws<ArgumentException>(() => g.Vcpu.SetOneReg(Vcpu.RegCountCtl, 2));
        Assert.Throws<ArgumentException>(() => g.Vcpu.SetOneReg(Vcpu.RegCountResume, (ulong)VzFast.Scheduling.Scheduler.CyclesToNanoseconds(g.Vcpu.Cpu.VirtualTime) + 1_000_000));
    }

    [Fact]
    public void CountHzChangesTheRateWithoutAJump()
    {
        using var g = new VzGuest();
        g.Vcpu.SetOneReg(Vcpu.RegCountHz, 1_000_000); // 1 MHz: one tick per 200 cycles
        g.Vcpu.SetOneReg(Vcpu.Cp0Reg32(Cp0Table.Count), 5000);
        Assert.Equal(5000UL, g.GuestCp0(Cp0Table.Count));
        g.Load([.. Enumerable.Repeat(0u, 20_000)]);
        long t0 = g.Vcpu.Cpu.VirtualTime;
        g.Run();
        long cycles = g.Vcpu.Cpu.VirtualTime - t0;
        ulong ticks = g.GuestCp0(Cp0Table.Count) - 5000;
        Assert.InRange((long)ticks, cycles / 200 - 1, cycles / 200 + 1);
        Assert.Equal(1_000_000UL, g.Vcpu.GetOneReg(Vcpu.RegCountHz));
        Assert.Throws<ArgumentException>(() => g.Vcpu.SetOneReg(Vcpu.RegCountHz, 0));
    }
}
