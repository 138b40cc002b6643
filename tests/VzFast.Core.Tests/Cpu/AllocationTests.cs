using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Tests.Cpu;

public class AllocationTests
{
    /// <summary>A loop of loads, stores, ALU ops and branches: tens of millions of instructions allocate nothing.</summary>
    [Fact]
    public void RunLoop_AllocatesNothingInSteadyState()
    {
        using var m = new TestMachine();
        uint[] loop =
        [
            I(Opcode.Addiu, 1, 0, 0),                 // i = 0
            Mem(Opcode.Lw, 3, 2, 0),                  // loop: x = mem[p]
            R3(Opcode.Addu, 3, 3, 1),
            Mem(Opcode.Sw, 3, 2, 4),
            Mem(Opcode.Ld, 4, 2, 8),
            R3(Opcode.Xor, 4, 4, 3),
            Mem(Opcode.Sd, 4, 2, 8),
            I(Opcode.Addiu, 1, 1, 1),
            Encode(Opcode.Bne, ("rs", 1), ("rt", 5), ("imm", -8)),
            R3(Opcode.Sltu, 6, 1, 5),                 // delay slot
        ];
        m[2] = TestMachine.DataBase;
        m[5] = 1_000_000_000; // never reached within the budget
        m.Run(loop, 1000);     // place the code, warm the soft TLB and the JIT
        m.Cpu.Pc = TestMachine.CodeBase;
        m.Cpu.Run(2_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long ran = m.Cpu.Run(30_000_000);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(30_000_000, ran);
        Assert.Equal(0, after - before);
    }
}
