using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Frontend.Tests;

/// <summary>
/// Linux userland floating point on the FPU: Debian's kernel on -cpu MIPS64R2-generic finds the
/// FPU ("fpu" in /proc/cpuinfo's options) and busybox awk's arithmetic runs on it, printing what it
/// prints on QEMU; on the 5KEc (no FPU) the kernel emulates every FP instruction instead, which
/// shows as one Coprocessor Unusable per instruction. Under VZ the FPU is handed to the guest once.
/// </summary>
[Trait("Category", "LinuxBoot")]
public class LinuxFpuTests(DebianGuestFixture guest) : IClassFixture<DebianGuestFixture>
{
    private const string Awk = "awk 'BEGIN { x = 1/3; printf \"%.12f %.6e %d %.9g\\n\", x, 2.5e300*3, int(-7.5), 0.1+0.2 }'";
    private const string Expected = "0.333333333333 7.500000e+300 -7 0.3"; // QEMU 7.2, -cpu MIPS64R2-generic

    private (string Serial, long GuestCpU, long RootCopUnusable) Run(string cpu)
    {
        using var m = new Malta(new MaltaOptions
        {
            RamBytes = 256UL << 20,
            Cpu = CpuModel.Find(cpu)!,
            KernelPath = Path.Combine(guest.Cache, "vmlinuz"),
            InitrdPath = Path.Combine(guest.Cache, "initrd.gz"),
            CommandLine = "console=ttyS0",
        }) { NoReboot = true };
        var serial = new System.Text.StringBuilder();
        m.Com1.Output = b => serial.Append((char)b);
        var input = new Queue<byte>();
        m.BetweenQuanta = () =>
        {
            while (input.Count > 0 && m.Com1.CanReceive) m.Com1.Receive(input.Dequeue());
        };
        void Until(string text)
        {
            for (int i = 0; i < 400 && !serial.ToString().Contains(text); i++) m.Run(20_000_000);
            Assert.Contains(text, serial.ToString());
        }
        Until("Enter 'help'");
        foreach (char c in "grep -o ' fpu ' /proc/cpuinfo; " + Awk + "\n") input.Enqueue((byte)c);
        Until(Expected);
        foreach (char c in "poweroff -f\n") input.Enqueue((byte)c);
        Assert.Equal(StopReason.Shutdown, m.Run(2_000_000_000).Reason);
        long cpu_ = m.Cpu.Stats.GuestExceptions().Where(e => e.Code == ExcCode.CpU).Sum(e => e.Count);
        return (serial.ToString(), cpu_, m.Vcpu!.Stats.cop_unusable_exits);
    }

    [Fact]
    public void AwkRunsOnTheFpuAndPrintsWhatQemuPrints()
    {
        var fpu = Run("MIPS64R2-generic");
        var soft = Run("5KEc");
        Assert.Contains(" fpu ", fpu.Serial[fpu.Serial.IndexOf("grep -o", StringComparison.Ordinal)..]);
        Assert.Contains(Expected, soft.Serial);
        Assert.Equal(1, fpu.RootCopUnusable);   // the FPU handed over once
        Assert.Equal(0, soft.RootCopUnusable);
        // the kernel's FP emulator takes a Coprocessor Unusable per FP instruction without an FPU
        Assert.True(soft.GuestCpU > fpu.GuestCpU + 100, $"CpU exceptions: {soft.GuestCpU} emulating, {fpu.GuestCpU} with the FPU");
    }
}
