using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;
using Random = System.Random;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// Every engine equals the switch engine instruction for instruction: random looping programs (register
/// arithmetic, loads and stores, branches with their delay slots, overflow and address exceptions,
/// stores into their own code) run on two CPUs, one per engine, cut into random budgets; after
/// every cut the registers, HI/LO, PC, CP0 exception state, instruction count and memory agree
/// (a cut falls anywhere: mid-block, in a delay slot, after a block-ending instruction).
/// </summary>
public class EngineEquivalenceTests
{
    internal const ulong Ram = 1 << 20;
    internal const ulong CodeBase = 0xFFFF_FFFF_8001_0000UL, CodePhys = 0x1_0000;
    internal const ulong DataBase = 0xFFFF_FFFF_8004_0000UL, DataPhys = 0x4_0000;
    private const int DataReg = 20, CodeReg = 21, K0 = 26;

    /// <summary>A CPU of <paramref name="model"/> on 1 MiB of RAM holding the image, its GPRs set, at the program's start; the JIT compiles at once.</summary>
    internal sealed class Rig : IDisposable
    {
        public readonly PhysicalMemory Mem = new(Ram);
        public readonly AddressMap Bus = new();
        public readonly CpuCore Cpu;

        public Rig(ExecutionEngine engine, byte[] image, ulong[] regs, CpuModel? model = null)
        {
            Bus.MapRam("ram", 0, Mem, 0, Ram);
            Cpu = new CpuCore(Bus, model) { Engine = engine };
            if (Cpu.Jit is { } jit)
            {
                jit.HotThreshold = 3;
                jit.RegionThreshold = 4; // both tiers: blocks, then regions chaining block to block
                jit.Background = false;
            }
            Assert.True(Bus.TryWriteRam(0, image));
            Cpu.WriteCp0(Cp0Table.Status, Status.KXMask | Status.SXMask | Status.UXMask);
            for (int i = 1; i < 32; i++) Cpu.SetGpr(i, regs[i]);
            Cpu.Pc = CodeBase;
        }

        public void Dispose()
        {
            Cpu.Dispose();
            Mem.Dispose();
        }
    }

    public static TheoryData<ExecutionEngine, int> EnginesAndSeeds()
    {
        var data = new TheoryData<ExecutionEngine, int>();
        foreach (var e in new[] { ExecutionEngine.Table, ExecutionEngine.Blocks, ExecutionEngine.Jit })
            for (int seed = 1; seed <= 6; seed++) data.Add(e, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(EnginesAndSeeds))]
    public void RandomProgramsRunTheSameAsOnTheSwitchEngine(ExecutionEngine engine, int seed)
    {
        var rng = new Random(seed * 7919);
        var image = new byte[Ram];
        // every exception vector: EPC += 4, ERET
        uint[] handler = [Enc(Opcode.Dmfc0, ("rt", K0), ("rd", 14), ("sel", 0)), Assembler.I(Opcode.Daddiu, K0, K0, 4),
            Enc(Opcode.Dmtc0, ("rt", K0), ("rd", 14), ("sel", 0)), Enc(Opcode.Eret)];
        foreach (int v in (int[])[0x000, 0x080, 0x180, 0x200]) Put(image, (ulong)v, handler);
        var program = Program(rng, 300);
        Put(image, CodePhys, program);
        for (int i = 0; i < 4096; i++) image[DataPhys + (ulong)i] = (byte)rng.Next();
        var regs = new ulong[32];
        for (int i = 1; i < 32; i++) regs[i] = rng.Next(3) == 0 ? (ulong)rng.Next(16) : (ulong)rng.NextInt64();
        regs[DataReg] = DataBase;
        regs[CodeReg] = CodeBase;

        using var sw = new Rig(ExecutionEngine.Switch, image, regs);
        using var jit = new Rig(engine, image, regs);
        long total = 0;
        while (total < 400_000)
        {
            long budget = rng.Next(4) == 0 ? rng.Next(1, 8) : rng.Next(1, 5000);
            sw.Cpu.Run(budget);
            jit.Cpu.Run(budget);
            total += budget;
            Compare(sw.Cpu, jit.Cpu, total);
        }
        Assert.Equal(sw.Mem.Slice(DataPhys, 4096).ToArray(), jit.Mem.Slice(DataPhys, 4096).ToArray());
        Assert.Equal(sw.Mem.Slice(CodePhys, 4096).ToArray(), jit.Mem.Slice(CodePhys, 4096).ToArray());
        // (a program can spend its time in a loop that stores into its own code: then nothing stays compiled)
    }

    private static unsafe void Compare(CpuCore a, CpuCore b, long at)
    {
        for (int i = 0; i < 32; i++)
            Assert.True(a.GetGpr(i) == b.GetGpr(i), $"after {at}: ${i} switch 0x{a.GetGpr(i):x} jit 0x{b.GetGpr(i):x} (pc 0x{a.Pc:x} / 0x{b.Pc:x})");
        Assert.Equal(a.State.Hi, b.State.Hi);
        Assert.Equal(a.State.Lo, b.State.Lo);
        Assert.True(a.Pc == b.Pc, $"after {at}: pc switch 0x{a.Pc:x} jit 0x{b.Pc:x}");
        Assert.Equal(a.State.NextPc, b.State.NextPc);
        Assert.Equal(a.State.DelaySlot, b.State.DelaySlot);
        Assert.Equal(a.InstructionCount, b.InstructionCount);
        foreach (int r in (int[])[Cp0Table.EPC, Cp0Table.Cause, Cp0Table.Status, Cp0Table.BadVAddr])
            Assert.True(a.ReadCp0(r) == b.ReadCp0(r), $"after {at}: CP0 {r} switch 0x{a.ReadCp0(r):x} jit 0x{b.ReadCp0(r):x}");
    }

    internal static uint Enc(Opcode op, params (string, long)[] f) => Assembler.Encode(op, f);

    internal static void Put(byte[] image, ulong at, uint[] words)
    {
        for (int i = 0; i < words.Length; i++) BitConverter.TryWriteBytes(image.AsSpan((int)at + i * 4), words[i]);
    }

    private static int Reg(Random r)
    {
        int x;
        do x = r.Next(1, 26); while (x is DataReg or CodeReg);
        return x;
    }

    private static readonly Opcode[] Alu3 = [Opcode.Addu, Opcode.Subu, Opcode.Daddu, Opcode.Dsubu, Opcode.And, Opcode.Or, Opcode.Xor, Opcode.Nor,
        Opcode.Slt, Opcode.Sltu, Opcode.Sllv, Opcode.Srlv, Opcode.Srav, Opcode.Dsllv, Opcode.Dsrlv, Opcode.Dsrav, Opcode.Movz, Opcode.Movn,
        Opcode.Mul, Opcode.Add, Opcode.Sub, Opcode.Dadd, Opcode.Dsub];
    private static readonly Opcode[] Imm = [Opcode.Addiu, Opcode.Daddiu, Opcode.Slti, Opcode.Sltiu, Opcode.Addi, Opcode.Daddi];
    private static readonly Opcode[] Logic = [Opcode.Andi, Opcode.Ori, Opcode.Xori];
    private static readonly Opcode[] Shifts = [Opcode.Sll, Opcode.Srl, Opcode.Sra, Opcode.Dsll, Opcode.Dsrl, Opcode.Dsra, Opcode.Dsll32, Opcode.Dsrl32, Opcode.Dsra32, Opcode.Rotr];
    private static readonly Opcode[] MulDiv = [Opcode.Mult, Opcode.Multu, Opcode.Div, Opcode.Divu, Opcode.Dmult, Opcode.Dmultu, Opcode.Ddiv, Opcode.Ddivu];
    private static readonly (Opcode Op, int Size)[] Memory = [(Opcode.Lb, 1), (Opcode.Lbu, 1), (Opcode.Lh, 2), (Opcode.Lhu, 2), (Opcode.Lw, 4), (Opcode.Lwu, 4),
        (Opcode.Ld, 8), (Opcode.Sb, 1), (Opcode.Sh, 2), (Opcode.Sw, 4), (Opcode.Sd, 8), (Opcode.Lwl, 1), (Opcode.Swr, 1)];
    private static readonly Opcode[] CondBranches = [Opcode.Beq, Opcode.Bne, Opcode.Beql, Opcode.Bnel];
    private static readonly Opcode[] ZeroBranches = [Opcode.Blez, Opcode.Bgtz, Opcode.Bltz, Opcode.Bgez, Opcode.Bltzal, Opcode.Bgezal];

    /// <summary>Straight-line or "simple" instructions (what may sit in a delay slot).</summary>
    private static uint Simple(Random r)
    {
        int kind = r.Next(10);
        if (kind < 4) return Assembler.R3(Alu3[r.Next(Alu3.Length)], Reg(r), Reg(r), Reg(r));
        if (kind == 4) return Assembler.I(Imm[r.Next(Imm.Length)], Reg(r), Reg(r), r.Next(-32768, 32768));
        if (kind == 5) return Assembler.I(Logic[r.Next(Logic.Length)], Reg(r), Reg(r), r.Next(65536));
        if (kind == 6) return Assembler.Shift(Shifts[r.Next(Shifts.Length)], Reg(r), Reg(r), r.Next(32));
        if (kind == 7)
        {
            return r.Next(3) switch
            {
                0 => Enc(MulDiv[r.Next(MulDiv.Length)], ("rs", Reg(r)), ("rt", Reg(r))),
                1 => Enc(r.Next(2) == 0 ? Opcode.Mfhi : Opcode.Mflo, ("rd", Reg(r))),
                _ => Assembler.Lui(Reg(r), r.Next(-32768, 32768)),
            };
        }
        var (op, size) = Memory[r.Next(Memory.Length)];
        // aligned offsets mostly; now and then a misaligned one for an address error
        int offset = r.Next(0, 4096 / size) * size + (r.Next(40) == 0 ? 1 : 0);
        return Assembler.Mem(op, Reg(r), DataReg, offset);
    }

    private static uint[] Program(Random r, int n)
    {
        var code = new uint[n + 2];
        for (int i = 0; i < n; i++)
        {
            int kind = r.Next(12);
            if (kind == 0 && i < n - 10)
            {
                int skip = r.Next(1, 8);
                code[i] = r.Next(3) == 0
                    ? Enc(ZeroBranches[r.Next(ZeroBranches.Length)], ("rs", Reg(r)), ("imm", skip))
                    : Enc(CondBranches[r.Next(CondBranches.Length)], ("rs", Reg(r)), ("rt", Reg(r)), ("imm", skip));
                code[++i] = Simple(r); // its delay slot
            }
            else if (kind == 1 && i > 20 && r.Next(3) == 0)
            {
                // a backward branch: loops make blocks hot
                code[i] = Enc(Opcode.Bne, ("rs", Reg(r)), ("rt", 0), ("imm", -(long)r.Next(2, Math.Min(i, 40))));
                code[++i] = Simple(r);
            }
            else if (kind == 2 && r.Next(4) == 0)
            {
                // rewrite one of this program's own instructions with a register-only one
                int slot = r.Next(0, n);
                code[i] = Assembler.Mem(Opcode.Sw, 0, CodeReg, slot * 4); // stores $0 = nop
            }
            else code[i] = Simple(r);
        }
        code[n] = Enc(Opcode.B, ("imm", -(long)(n + 1)));
        code[n + 1] = 0;
        return code;
    }
}
