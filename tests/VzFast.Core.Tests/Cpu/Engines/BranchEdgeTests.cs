using VzFast.Cpu;
using static VzFast.Tests.Cpu.Engines.LoopRig;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// Every branch and jump the engines run without their handlers (the block engine's FastOps, the
/// JIT's inline branches), on values -1, 0, 1 and 2 in turn, with delay slots of register
/// arithmetic, of a load that hits the software TLB, of one that misses it and of one that raises an
/// address error: counts of taken and not-taken paths, links, delay-slot effects, EPC and Cause
/// equal the switch engine's.
/// </summary>
public class BranchEdgeTests
{
    public enum Slot { Alu, LoadHit, LoadMiss, AddressError }

    public static TheoryData<ExecutionEngine, Opcode, Slot> Cases()
    {
        var data = new TheoryData<ExecutionEngine, Opcode, Slot>();
        foreach (var e in new[] { ExecutionEngine.Table, ExecutionEngine.Blocks, ExecutionEngine.Jit })
        foreach (var op in new[] { Opcode.Beq, Opcode.Bne, Opcode.Blez, Opcode.Bgtz, Opcode.Bltz, Opcode.Bgez, Opcode.B, Opcode.Bal,
                     Opcode.J, Opcode.Jal, Opcode.Jr, Opcode.Jalr })
        foreach (var slot in Enum.GetValues<Slot>())
            data.Add(e, op, slot);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BranchesTakeTheSamePathsAsOnTheSwitchEngine(ExecutionEngine engine, Opcode op, Slot slot)
    {
        // $9 = (i & 3) - 1 cycles through -1, 0, 1, 2; $12 = the address of "skip" for the register jumps
        const int branchAt = 3, skipAt = 6; // word offsets in the loop body
        uint delay = slot switch
        {
            Slot.Alu => Assembler.I(Opcode.Addiu, 6, 6, 1),
            Slot.AddressError => Assembler.Mem(Opcode.Lw, 4, 11, 2), // EPC is the branch, Cause.BD set
            _ => Assembler.Mem(Opcode.Lw, 4, 11, 0),
        };
        long rel = skipAt - (branchAt + 1);
        ulong skip = CodeBase + skipAt * 4;
        uint branch = op switch
        {
            Opcode.Beq or Opcode.Bne => Enc(op, ("rs", 9), ("rt", 0), ("imm", rel)),
            Opcode.B or Opcode.Bal => Enc(op, ("imm", rel)),
            Opcode.J or Opcode.Jal => Enc(op, ("target", (long)((skip >> 2) & 0x03FF_FFFF))),
            Opcode.Jr => Enc(op, ("rs", 12)),
            Opcode.Jalr => Assembler.Jalr(12, 13),
            _ => Enc(op, ("rs", 9), ("imm", rel)),
        };
        uint[] body =
        [
            Assembler.I(Opcode.Andi, 9, 7, 3),
            Assembler.I(Opcode.Addiu, 9, 9, -1),
            Assembler.R3(Opcode.Xor, 11, 11, 14),
            branch,
            delay,
            Assembler.I(Opcode.Addiu, 5, 5, 1), // not taken
            Assembler.R3(Opcode.Addu, 8, 8, 4), // skip: what the delay slot loaded
        ];
        Assert.Equal(skipAt, body.Length - 1);
        var program = Loop(body);
        SameAsSwitch(engine, program, regs =>
        {
            regs[12] = skip;
            regs[11] = DataA;
            regs[14] = slot == Slot.LoadMiss ? DataA ^ DataB : 0; // a miss: $11 alternates between pages on one soft-TLB slot
        });
    }
}
