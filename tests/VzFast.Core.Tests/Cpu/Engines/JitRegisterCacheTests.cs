using VzFast.Cpu;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// The JIT keeps GPRs a block has seen in host registers (Engines/Jit/RegisterCache): loops built
/// so that a stale copy would change the result, run compiled (block and region tiers) and compared
/// with the switch engine.
/// </summary>
public class JitRegisterCacheTests
{
    private static uint[] Loop(params uint[] body) => LoopRig.Loop(body);

    private static void SameAsSwitch(uint[] program) => LoopRig.SameAsSwitch(program);

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
