using BenchmarkDotNet.Attributes;
using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;
using static VzFast.Cpu.Assembler;

namespace VzFast.Perf;

/// <summary>
/// Dispatch cost of every engine on small guest loops (one million instructions per call),
/// and the software-TLB hit path (a loop of loads and stores to one page). The block engines are
/// warmed up in the setup (decoded / compiled synchronously), so the measurement is steady state.
/// </summary>
[MemoryDiagnoser]
public unsafe class InterpreterBenchmarks
{
    private const ulong CodeBase = 0xFFFF_FFFF_8000_1000UL;
    private PhysicalMemory _ram = null!;
    private AddressMap _bus = null!;
    private CpuCore _cpu = null!;

    [Params("alu", "memory")]
    public string Loop { get; set; } = "alu";

    [Params(ExecutionEngine.Switch, ExecutionEngine.Table, ExecutionEngine.Blocks, ExecutionEngine.Jit)]
    public ExecutionEngine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ram = new PhysicalMemory(4 << 20);
        _bus = new AddressMap();
        _bus.MapRam("ram", 0, _ram, 0, _ram.Size);
        _cpu = new CpuCore(_bus) { Engine = Engine };
        if (_cpu.Jit is { } jit) jit.Background = false;
        _cpu.WriteCp0(Cp0Table.Status, Status.KXMask);
        uint[] code = Loop == "alu"
            ?
            [
                I(Opcode.Addiu, 1, 1, 1), R3(Opcode.Addu, 2, 2, 1), R3(Opcode.Xor, 3, 3, 2), Shift(Opcode.Sll, 4, 3, 3),
                R3(Opcode.Or, 5, 4, 1), R3(Opcode.Sltu, 6, 5, 2), Encode(Opcode.B, ("imm", -7)), I(Opcode.Daddiu, 7, 7, 1),
            ]
            :
            [
                Mem(Opcode.Lw, 3, 8, 0), R3(Opcode.Addu, 3, 3, 1), Mem(Opcode.Sw, 3, 8, 4), Mem(Opcode.Ld, 4, 8, 8),
                R3(Opcode.Xor, 4, 4, 3), Mem(Opcode.Sd, 4, 8, 16), Encode(Opcode.B, ("imm", -7)), I(Opcode.Addiu, 1, 1, 1),
            ];
        var bytes = new byte[code.Length * 4];
        Buffer.BlockCopy(code, 0, bytes, 0, bytes.Length);
        _bus.TryWriteRam(CodeBase & 0x1FFF_FFFF, bytes);
        _cpu.SetGpr(8, 0xFFFF_FFFF_8010_0000UL);
        _cpu.Pc = CodeBase;
        _cpu.Run(10_000_000); // past the JIT's thresholds
    }

    [Benchmark(Description = "1M instructions", OperationsPerInvoke = 1_000_000)]
    public long Run() => _cpu.Run(1_000_000);

    [GlobalCleanup]
    public void Cleanup()
    {
        _cpu.Dispose();
        _ram.Dispose();
    }
}
