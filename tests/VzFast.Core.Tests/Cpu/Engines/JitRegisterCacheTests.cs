using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// The JIT keeps GPRs a block has seen in host registers (Engines/Jit/RegisterCache): loops built
/// so that a stale copy would change the result, run compiled (block and region tiers) and compared
/// with the switch engine.
/// </summary>
public class JitRegisterCacheTests
{
    private const ulong Ram = 16 << 20;
    private const ulong CodeBase = 0xFFFF_FFFF_8001_0000UL, CodePhys = 0x1_0000;
    private const ulong DataA = 0xFFFF_FFFF_8020_0000UL, DataB = 0xFFFF_FFFF_8060_0000UL; // 4 MiB apart: one soft-TLB slot
    private const int Iterations = 300;

    private static uint Enc(Opcode op, params (string, long)[] f) => Assembler.Encode(op, f);

    /// <summary>A loop of <paramref name="body"/> counted down in $7, then an endless branch to itself.</summary>
    private static uint[] Loop(params uint[] body)
    {
        var code = new List<uint>(body)
        {
            Assembler.I(Opcode.Addiu, 7, 7, -1),
            Enc(Opcode.Bne, ("rs", 7), ("rt", 0), ("imm", -(body.Length + 2))),
            Assembler.Nop,
            Enc(Opcode.B, ("imm", -1)),
            Assembler.Nop,
        };
        return [.. code];
    }

    private static (ulong[] Regs, long Count) Run(ExecutionEngine engine, uint[] program, ulong[] init)
    {
        using var mem = new PhysicalMemory(Ram);
        var bus = new AddressMap();
        bus.MapRam("ram", 0, mem, 0, Ram);
        using var cpu = new CpuCore(bus) { Engine = engine };
        if (cpu.Jit is { } jit)
        {
            jit.HotThreshold = 2;
            jit.RegionThreshold = 3;
            jit.Background = false;
        }
        var image = new byte[program.Length * 4];
        for (int i = 0; i < program.Length; i++) BitConverter.TryWriteBytes(image.AsSpan(i * 4), program[i]);
        Assert.True(bus.TryWriteRam(CodePhys, image));
        Assert.True(bus.TryWriteRam(DataA - 0xFFFF_FFFF_8000_0000UL, BitConverter.GetBytes(0x1111_0000)));
        Assert.True(bus.TryWriteRam(DataB - 0xFFFF_FFFF_8000_0000UL, BitConverter.GetBytes(0x2222_0000)));
        cpu.WriteCp0(Cp0Table.Status, Status.KXMask | Status.SXMask | Status.UXMask);
        for (int i = 1; i < 32; i++) cpu.SetGpr(i, init[i]);
        cpu.Pc = CodeBase;
        cpu.Run(Iterations * (program.Length + 2));
        if (engine == ExecutionEngine.Jit) Assert.True(cpu.Jit!.BlockInstructions > 0);
        return (Enumerable.Range(0, 32).Select(r => cpu.GetGpr(r)).ToArray(), cpu.InstructionCount);
    }

    private static void SameAsSwitch(uint[] program, Action<ulong[]>? setup = null)
    {
        var init = new ulong[32];
        for (int i = 1; i < 32; i++) init[i] = 0x100 + (ulong)i;
        init[7] = Iterations;
        init[10] = DataA;
        init[11] = DataB;
        setup?.Invoke(init);
        var (want, wantCount) = Run(ExecutionEngine.Switch, program, init);
        var (got, gotCount) = Run(ExecutionEngine.Jit, program, init);
        for (int r = 0; r < 32; r++) Assert.True(want[r] == got[r], $"${r}: switch 0x{want[r]:x} jit 0x{got[r]:x}");
        Assert.Equal(wantCount, gotCount);
    }

    [Fact]
    public void ConditionalMoveNotTakenKeepsTheRegistersValue() =>
        // $3 is first seen by MOVZ, which does not move ($5 != 0): the add must read $3 from the state
        SameAsSwitch(Loop(Assembler.R3(Opcode.Movz, 3, 4, 5), Assembler.R3(Opcode.Addu, 6, 6, 3)));

    [Fact]
    public void ConditionalMoveTakenIsSeenByTheNextInstruction() =>
        SameAsSwitch(Loop(Assembler.R3(Opcode.Addu, 3, 3, 8), Assembler.R3(Opcode.Movn, 3, 4, 5), Assembler.R3(Opcode.Addu, 6, 6, 3)));

    [Fact]
    public void HandlerWritesAreSeenByTheNextInstruction() =>
        // ROTR has no inline form: its handler writes $3 behind the block's cached copy
        SameAsSwitch(Loop(Assembler.R3(Opcode.Addu, 3, 3, 8), Assembler.Shift(Opcode.Rotr, 3, 3, 1), Assembler.R3(Opcode.Addu, 6, 6, 3)));

    [Fact]
    public void LoadsThatMissTheSoftTlbWriteTheirTarget() =>
        // two pages on one soft-TLB slot: every load misses and its handler writes $3 and $4
        SameAsSwitch(Loop(
            Assembler.R3(Opcode.Addu, 3, 3, 8), Assembler.Mem(Opcode.Lw, 3, 10, 0), Assembler.R3(Opcode.Addu, 6, 6, 3),
            Assembler.R3(Opcode.Addu, 4, 4, 8), Assembler.Mem(Opcode.Lw, 4, 11, 0), Assembler.R3(Opcode.Addu, 6, 6, 4)));

    [Fact]
    public void TrappingArithmeticWritesAreSeenByTheNextInstruction() =>
        // ADD goes through the block's general step (it may raise Overflow)
        SameAsSwitch(Loop(Assembler.R3(Opcode.Addu, 3, 3, 8), Assembler.R3(Opcode.Add, 3, 3, 9), Assembler.R3(Opcode.Addu, 6, 6, 3)));
}
