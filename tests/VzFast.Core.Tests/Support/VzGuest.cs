using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;
using VzFast.Scheduling;
using VzFast.Vz;

namespace VzFast.Tests.Support;

/// <summary>
/// The hypervisor used as a library, the way a KVM user drives it with ioctls: one VM with 1 MiB of
/// guest RAM in memslot 0, one vCPU in 64-bit guest kernel mode (BEV=0, ERL=0), code at guest kseg0
/// 0x80001000 and a guest exception vector that powers off with code 0xEE by hypercall.
/// </summary>
public sealed class VzGuest : IDisposable
{
    public const ulong CodeBase = 0xFFFF_FFFF_8000_1000UL;
    public const ulong CodePhys = 0x1000;
    public const ulong DataBase = 0xFFFF_FFFF_8008_0000UL;
    public const ulong DataPhys = 0x8_0000;
    /// <summary>Guest physical base of the test device window (no memslot: every access is MMIO).</summary>
    public const ulong MmioPhys = 0x1000_0000;
    public const ulong MmioBase = 0xFFFF_FFFF_B000_0000UL;
    public const ulong ExceptionExitCode = 0xEE;
    public const int V0 = 2, A0 = 4, A1 = 5, A2 = 6, A3 = 7, T0 = 8, T1 = 9, T2 = 10, T3 = 11;

    public Scheduler Scheduler { get; } = new();
    public AddressMap GuestBus { get; } = new();
    public PhysicalMemory Ram { get; } = new(1 << 20);
    public Vm Vm { get; }
    public Vcpu Vcpu { get; }

    public VzGuest(CpuModel? model = null, MemslotFlags flags = MemslotFlags.None)
    {
        GuestBus.MapRam("ram", 0, Ram, 0, Ram.Size);
        Vm = new Vm(GuestBus, Scheduler);
        Vm.SetMemoryRegion(0, 0, Ram, 0, Ram.Size, flags);
        Vcpu = new Vcpu(Vm, model ?? CpuModel.Default);
        Vcpu.SetOneReg(Vcpu.Cp0RegId(Cp0Table.Status), Status.KXMask | Status.SXMask | Status.UXMask);
        // general exception vector (guest EBase 0x80000000 + 0x180): power off with 0xEE
        WriteCode(0x180, [.. Assembler.LoadConstant(V0, HypercallNumbers.PowerOff), Assembler.Ori(A0, 0, (uint)ExceptionExitCode), Hypcall(0)]);
    }

    public static uint Hypcall(int code) => Assembler.Encode(Opcode.Hypcall, ("hcode", code));

    /// <summary>The instructions that end a test program: power off with code 0.</summary>
    public static uint[] PowerOff => [Assembler.Ori(V0, 0, (uint)HypercallNumbers.PowerOff), Assembler.Ori(A0, 0, 0), Hypcall(0)];

    public void WriteCode(ulong phys, uint[] code)
    {
        var bytes = new byte[code.Length * 4];
        Buffer.BlockCopy(code, 0, bytes, 0, bytes.Length);
        Assert.True(GuestBus.TryWriteRam(phys, bytes));
    }

    /// <summary>Places <paramref name="code"/> at CodeBase followed by a power-off, and points the PC at it.</summary>
    public void Load(params uint[] code)
    {
        WriteCode(CodePhys, [.. code, .. PowerOff]);
        Vcpu.SetOneReg(Vcpu.RegPc, CodeBase);
    }

    public ulong this[int reg]
    {
        get => Vcpu.GetOneReg(Vcpu.RegGpr(reg));
        set => Vcpu.SetOneReg(Vcpu.RegGpr(reg), value);
    }

    public ulong GuestCp0(int index) => Vcpu.GetOneReg(Vcpu.Cp0RegId(index));

    /// <summary>
    /// KVM_RUN in a loop as a VMM runs it: scheduler events fire between runs, a halted vCPU fast-
    /// forwards the clock, MMIO exits go to <paramref name="mmio"/>. Returns the first exit that is
    /// not a quantum end, halt or MMIO (or Halt when nothing can ever wake the vCPU).
    /// </summary>
    public VcpuExit Run(Action<VcpuExit>? mmio = null, long maxInstructions = 10_000_000, bool throwOnBudget = true)
    {
        var cpu = Vcpu.Cpu;
        long end = cpu.InstructionCount + maxInstructions;
        while (true)
        {
            Scheduler.AdvanceTo(cpu.VirtualTime);
            Scheduler.FireDue();
            if (!Vcpu.Runnable)
            {
                long next = Scheduler.NextDue;
                if (next == long.MaxValue) return Vcpu.Exit;
                cpu.IdleCycles += Math.Max(0, next - cpu.VirtualTime);
                continue;
            }
            if (cpu.InstructionCount >= end && !throwOnBudget) return Vcpu.Exit;
            if (cpu.InstructionCount >= end) throw new TimeoutException($"guest still running after {maxInstructions} instructions at PC 0x{Vcpu.Pc:x}");
            long budget = Math.Min(end - cpu.InstructionCount, 100_000);
            var exit = Vcpu.Run(budget);
            switch (exit.Reason)
            {
                case ExitReason.QuantumEnd or ExitReason.Halt:
                    continue;
                case ExitReason.Mmio when mmio != null:
                    mmio(exit);
                    continue;
                default:
                    return exit;
            }
        }
    }

    public void Dispose()
    {
        Vcpu.Dispose();
        Ram.Dispose();
    }
}
