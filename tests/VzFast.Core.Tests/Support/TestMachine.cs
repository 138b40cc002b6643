using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;

namespace VzFast.Tests.Support;

/// <summary>
/// A CPU with 4 MiB of RAM at physical 0, in 64-bit kernel mode (KX/SX/UX, BEV=0, ERL=0), running
/// code placed at kseg0 0x80001000. A run stops at the end of the code or at an exception vector.
/// </summary>
public sealed class TestMachine : IDisposable
{
    public const ulong CodeBase = 0xFFFF_FFFF_8000_1000UL;
    public const ulong DataBase = 0xFFFF_FFFF_8010_0000UL;
    public const ulong DataPhys = 0x10_0000UL;
    public const ulong GeneralVector = 0xFFFF_FFFF_8000_0180UL;

    public PhysicalMemory Ram { get; } = new(4 << 20);
    public AddressMap Bus { get; } = new();
    public CpuCore Cpu { get; }

    public TestMachine(bool virtualization = false, CpuModel? model = null)
    {
        Bus.MapRam("ram", 0, Ram, 0, Ram.Size);
        Cpu = new CpuCore(Bus, model, virtualization: virtualization);
        SetCp0(Cp0Table.Status, Status.KXMask | Status.SXMask | Status.UXMask);
        Cpu.UpdateTranslationContext();
    }

    public unsafe void SetCp0(int index, ulong value) => Cpu.State.Cp0[index] = value;

    public unsafe ulong GetCp0(int index) => Cpu.State.Cp0[index];

    public ulong this[int reg]
    {
        get => Cpu.GetGpr(reg);
        set => Cpu.SetGpr(reg, value);
    }

    public Cause Cause => new(GetCp0(Cp0Table.Cause));

    public ExcCode? LastException { get; private set; }

    /// <summary>Runs <paramref name="code"/>; returns the number of steps. Stops at the end or on an exception.</summary>
    public int Run(params uint[] code) => Run(code, 100_000);

    public unsafe int Run(uint[] code, int maxSteps)
    {
        var bytes = new byte[code.Length * 4 + 8];
        Buffer.BlockCopy(code, 0, bytes, 0, code.Length * 4);
        Assert.True(Bus.TryWriteRam(CodeBase & 0x1FFF_FFFF, bytes));
        Cpu.Soft.FlushAll();
        Cpu.Pc = CodeBase;
        ulong end = CodeBase + (ulong)code.Length * 4;
        LastException = null;
        long before = Cpu.InstructionCount;
        long excBefore = Cpu.Stats.ExceptionsByCode.Sum();
        int steps = 0;
        while (steps < maxSteps && Cpu.Pc != end)
        {
            Cpu.Step();
            steps++;
            if (Cpu.Stats.ExceptionsByCode.Sum() != excBefore)
            {
                LastException = Cause.ExcCode;
                break;
            }
        }
        return steps;
    }

    public void WriteData(ulong offset, ReadOnlySpan<byte> data) => Assert.True(Bus.TryWriteRam(DataPhys + offset, data));

    public byte[] ReadData(ulong offset, int length)
    {
        var b = new byte[length];
        Assert.True(Bus.TryReadRam(DataPhys + offset, b));
        return b;
    }

    public void Dispose()
    {
        Cpu.Dispose();
        Ram.Dispose();
    }
}
