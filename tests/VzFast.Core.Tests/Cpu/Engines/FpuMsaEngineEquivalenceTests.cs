using VzFast.Cp0;
using VzFast.Cpu;
using Random = System.Random;

using static VzFast.Tests.Cpu.Engines.EngineEquivalenceTests;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// The COP1 and MSA instructions on every engine equal the switch engine: random looping programs
/// on a Loongson-3A4000 (FPU, MSA) mixing arithmetic on random and ordinary values, compares,
/// conversions, moves to and from GPRs, FPU and vector loads and stores (some misaligned), FCSR and
/// MSACSR writes (rounding modes, enables: FP exceptions), and Status/Config5 writes that take the
/// FPU (CU1), the register model (FR) and MSA (MSAEn) away and back; after every cut of the run the
/// GPRs, FPRs, vector registers, FCSR, MSACSR, PC, count and CP0 exception state agree.
/// </summary>
public class FpuMsaEngineEquivalenceTests
{
    // $20 data, $21..$25 the Status/Config5 values the program switches between, $26 the handler's
    private const int DataReg = 20, StatusOn = 21, StatusFr0 = 22, StatusOff = 23, MsaOn = 24, MsaOff = 25, K0 = 26;
    private const ulong BaseStatus = Status.KXMask | Status.SXMask | Status.UXMask, Cu1 = 1UL << 29, MsaEnBit = 1UL << 27;

    private static EngineEquivalenceTests.Rig NewRig(ExecutionEngine engine, byte[] image, ulong[] regs)
    {
        var rig = new EngineEquivalenceTests.Rig(engine, image, regs, CpuModel.Find("Loongson-3A4000"));
        rig.Cpu.WriteCp0(Cp0Table.Status, BaseStatus | Cu1 | Status.FRMask);
        rig.Cpu.WriteCp0(Cp0Table.Config5, MsaEnBit);
        return rig;
    }

    public static TheoryData<ExecutionEngine, int> EnginesAndSeeds()
    {
        var data = new TheoryData<ExecutionEngine, int>();
        foreach (var e in new[] { ExecutionEngine.Table, ExecutionEngine.Blocks, ExecutionEngine.Jit })
            for (int seed = 1; seed <= 10; seed++) data.Add(e, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(EnginesAndSeeds))]
    public unsafe void RandomFpuMsaProgramsRunTheSameAsOnTheSwitchEngine(ExecutionEngine engine, int seed)
    {
        var rng = new Random(seed * 104729);
        var image = new byte[Ram];
        uint[] handler = [Enc(Opcode.Dmfc0, ("rt", K0), ("rd", 14), ("sel", 0)), Assembler.I(Opcode.Daddiu, K0, K0, 4),
            Enc(Opcode.Dmtc0, ("rt", K0), ("rd", 14), ("sel", 0)), Enc(Opcode.Eret)];
        foreach (int v in (int[])[0x000, 0x080, 0x180, 0x200]) Put(image, (ulong)v, handler);
        Put(image, CodePhys, Program(rng, 300));
        for (int i = 0; i < 4096; i += 8) // ordinary doubles and random bits
            BitConverter.TryWriteBytes(image.AsSpan((int)DataPhys + i), rng.Next(2) == 0 ? BitConverter.DoubleToInt64Bits(rng.NextDouble() * 100 - 50) : rng.NextInt64());
        var regs = new ulong[32];
        for (int i = 1; i < 32; i++)
            regs[i] = rng.Next(3) switch
            {
                0 => (ulong)BitConverter.DoubleToInt64Bits(rng.Next(-1000, 1000) / 8.0),
                1 => (ulong)(uint)BitConverter.SingleToInt32Bits(rng.Next(-1000, 1000) / 4f),
                _ => (ulong)rng.NextInt64(),
            };
        regs[DataReg] = DataBase;
        regs[StatusOn] = BaseStatus | Cu1 | Status.FRMask;
        regs[StatusFr0] = BaseStatus | Cu1;
        regs[StatusOff] = BaseStatus | Status.FRMask;
        regs[MsaOn] = MsaEnBit;
        regs[MsaOff] = 0;

        using var sw = NewRig(ExecutionEngine.Switch, image, regs);
        using var other = NewRig(engine, image, regs);
        long total = 0;
        while (total < 300_000)
        {
            long budget = rng.Next(4) == 0 ? rng.Next(1, 8) : rng.Next(1, 5000);
            sw.Cpu.Run(budget);
            other.Cpu.Run(budget);
            total += budget;
            Compare(sw.Cpu, other.Cpu, total);
        }
        Assert.Equal(sw.Mem.Slice(DataPhys, 4096).ToArray(), other.Mem.Slice(DataPhys, 4096).ToArray());
        int written = 0;
        for (int f = 0; f < 32; f++) written += sw.Cpu.State.Fpr[f] != 0 || sw.Cpu.State.VprHigh[f] != 0 ? 1 : 0;
        Assert.True(written > 8, $"the programs wrote only {written} FPU/vector registers");
    }

    private static unsafe void Compare(CpuCore a, CpuCore b, long at)
    {
        for (int i = 0; i < 32; i++)
        {
            Assert.True(a.GetGpr(i) == b.GetGpr(i), $"after {at}: ${i} switch 0x{a.GetGpr(i):x} other 0x{b.GetGpr(i):x} (pc 0x{a.Pc:x} / 0x{b.Pc:x})");
            Assert.True(a.State.Fpr[i] == b.State.Fpr[i], $"after {at}: $f{i} switch 0x{a.State.Fpr[i]:x} other 0x{b.State.Fpr[i]:x} (pc 0x{a.Pc:x} / 0x{b.Pc:x})");
            Assert.True(a.State.VprHigh[i] == b.State.VprHigh[i], $"after {at}: $w{i} high switch 0x{a.State.VprHigh[i]:x} other 0x{b.State.VprHigh[i]:x}");
        }
        Assert.True(a.Fcsr == b.Fcsr, $"after {at}: FCSR switch 0x{a.Fcsr:x} other 0x{b.Fcsr:x} (pc 0x{a.Pc:x})");
        Assert.True(a.Msacsr == b.Msacsr, $"after {at}: MSACSR switch 0x{a.Msacsr:x} other 0x{b.Msacsr:x} (pc 0x{a.Pc:x})");
        Assert.True(a.Pc == b.Pc, $"after {at}: pc switch 0x{a.Pc:x} other 0x{b.Pc:x}");
        Assert.Equal(a.State.DelaySlot, b.State.DelaySlot);
        Assert.Equal(a.InstructionCount, b.InstructionCount);
        foreach (int r in (int[])[Cp0Table.EPC, Cp0Table.Cause, Cp0Table.Status, Cp0Table.Config5, Cp0Table.BadVAddr])
            Assert.True(a.ReadCp0(r) == b.ReadCp0(r), $"after {at}: CP0 {r} switch 0x{a.ReadCp0(r):x} other 0x{b.ReadCp0(r):x}");
    }

    private const int Counter = 19; // the loops' counter: set before a loop, counted down in its branch's delay slot
    private const int Control = 18; // a value for FCSR or MSACSR, set just before the write

    private static int Gpr(Random r) => r.Next(1, Control);
    private static int Fpr(Random r) => r.Next(8) == 0 ? r.Next(32) : r.Next(8) * 2; // mostly even: legal with FR = 0 too

    private static readonly Opcode[] Fp3 = [Opcode.AddD, Opcode.SubD, Opcode.MulD, Opcode.DivD, Opcode.AddS, Opcode.SubS, Opcode.MulS, Opcode.DivS];
    private static readonly Opcode[] Fp2 = [Opcode.CvtDW, Opcode.MovD, Opcode.NegD, Opcode.AbsD, Opcode.SqrtD, Opcode.CvtSD, Opcode.TruncWD,
        Opcode.TruncWS, Opcode.CvtDS, Opcode.CvtSW];
    private static readonly Opcode[] Msa3R = [Opcode.Addv, Opcode.Subv, Opcode.Mulv, Opcode.MaxS, Opcode.MinU, Opcode.Ceq, Opcode.CltS, Opcode.AsubU,
        Opcode.Ilvr, Opcode.Ilvl, Opcode.Ilvev, Opcode.Pckev, Opcode.Pckod, Opcode.DotpS, Opcode.DpaddU, Opcode.HaddS, Opcode.Maddv, Opcode.Vshf,
        Opcode.MsadivS, Opcode.ModU, Opcode.Sld, Opcode.Splat];
    private static readonly Opcode[] MsaVec = [Opcode.AndV, Opcode.OrV, Opcode.XorV, Opcode.BselV];
    private static readonly Opcode[] MsaFp = [Opcode.Fadd, Opcode.Fsub, Opcode.Fmul, Opcode.Fdiv, Opcode.Fmadd, Opcode.Fmsub, Opcode.Fmax, Opcode.Fceq];
    private static readonly Opcode[] MsaMem = [Opcode.LdB, Opcode.LdH, Opcode.LdW, Opcode.LdD, Opcode.StB, Opcode.StW, Opcode.StD];

    /// <summary>What may sit in a delay slot: one FPU, MSA or integer instruction.</summary>
    private static uint Simple(Random r)
    {
        switch (r.Next(24))
        {
            case < 5: return Enc(Fp3[r.Next(Fp3.Length)], ("ft", Fpr(r)), ("fs", Fpr(r)), ("fd", Fpr(r)));
            case 5: return Enc(r.Next(2) == 0 ? Opcode.CD : Opcode.CS, ("ft", Fpr(r)), ("fs", Fpr(r)), ("cc", r.Next(8)), ("cond", r.Next(16)));
            case 6: return Enc(Fp2[r.Next(Fp2.Length)], ("fs", Fpr(r)), ("fd", Fpr(r)));
            case 7: return Enc(r.Next(2) == 0 ? Opcode.Dmtc1 : Opcode.Mtc1, ("rt", Gpr(r)), ("fs", Fpr(r)));
            case 8: return Enc(r.Next(2) == 0 ? Opcode.Dmfc1 : Opcode.Mfc1, ("rt", Gpr(r)), ("fs", Fpr(r)));
            case 9:
            {
                int offset = r.Next(0, 4088 / 8) * 8 + (r.Next(30) == 0 ? 4 : 0);
                return Enc(r.Next(3) == 0 ? Opcode.Sdc1 : Opcode.Ldc1, ("ft", Fpr(r)), ("base", DataReg), ("imm", offset));
            }
            case 10 or 11: return Enc(Msa3R[r.Next(Msa3R.Length)], ("df", r.Next(4)), ("wt", r.Next(32)), ("ws", r.Next(32)), ("wd", r.Next(32)));
            case 12: return Enc(MsaVec[r.Next(MsaVec.Length)], ("wt", r.Next(32)), ("ws", r.Next(32)), ("wd", r.Next(32)));
            case 13: return Enc(r.Next(2) == 0 ? Opcode.Slli : Opcode.Srai, ("dfm", r.Next(128)), ("ws", r.Next(32)), ("wd", r.Next(32)));
            case 14 or 15: return Enc(MsaFp[r.Next(MsaFp.Length)], ("dfw", r.Next(2)), ("wt", r.Next(32)), ("ws", r.Next(32)), ("wd", r.Next(32)));
            case 16:
            {
                var op = MsaMem[r.Next(MsaMem.Length)];
                int df = op is Opcode.LdB or Opcode.StB ? 0 : op == Opcode.LdH ? 1 : op is Opcode.LdW or Opcode.StW ? 2 : 3;
                int s10 = r.Next(0, Math.Min(511, (4096 - 16) >> df)) & (r.Next(4) == 0 ? ~0 : ~(7 >> df));
                return Enc(op, ("s10", s10), ("mrs", DataReg), ("wd", r.Next(32)));
            }
            case 17: return Enc(Opcode.Fill, ("df2", r.Next(4)), ("mrs", Gpr(r)), ("wd", r.Next(32)));
            case 18: return Enc(Opcode.CopyS, ("dfn", 0x20 | r.Next(4)), ("ws", r.Next(32)), ("mrd", Gpr(r)));
            case 21: return Assembler.I(Opcode.Daddiu, Gpr(r), Gpr(r), r.Next(-100, 100));
            default: return Assembler.R3(Opcode.Daddu, Gpr(r), Gpr(r), Gpr(r));
        }
    }

    private static uint[] Program(Random r, int n)
    {
        var code = new uint[n + 2];
        int lastLoop = 8;
        for (int i = 0; i < n; i++)
        {
            int kind = r.Next(30);
            if (kind == 0 && i < n - 10)
            {
                code[i] = r.Next(2) == 0
                    ? Enc(Opcode.Bne, ("rs", Gpr(r)), ("rt", Gpr(r)), ("imm", r.Next(1, 8)))
                    : Enc(r.Next(2) == 0 ? Opcode.Bc1t : Opcode.Bc1f, ("bcc", r.Next(8)), ("imm", r.Next(1, 8))); // on a compare's cc
                code[++i] = Simple(r);
            }
            else if (kind == 1 && i > lastLoop + 12 && r.Next(2) == 0)
            {
                // a counted loop (not overlapping another, whose counter it would reset): hot enough to compile, and it ends
                int back = r.Next(2, Math.Min(i - lastLoop - 2, 40));
                lastLoop = i + 1;
                code[i - back - 1] = Assembler.I(Opcode.Ori, Counter, 0, r.Next(5, 200));
                code[i] = Enc(Opcode.Bne, ("rs", Counter), ("rt", 0), ("imm", -(long)back));
                code[++i] = Assembler.I(Opcode.Daddiu, Counter, Counter, -1);
            }
            else if (kind == 2 && r.Next(3) == 0) // take the FPU, FR or MSA away, or (mostly) give them back
                code[i] = r.Next(2) == 0
                    ? Enc(Opcode.Mtc0, ("rt", r.Next(10) switch { < 7 => StatusOn, < 9 => StatusFr0, _ => StatusOff }), ("rd", 12), ("sel", 0))
                    : Enc(Opcode.Mtc0, ("rt", r.Next(5) == 0 ? MsaOff : MsaOn), ("rd", 16), ("sel", 5));
            else if (kind == 3 && i < n - 2)
            {
                // FCSR or MSACSR: a rounding mode, now and then flush-to-zero or an enable (then FP exceptions)
                uint value = (uint)r.Next(4) | (r.Next(5) == 0 ? 1u << 24 : 0) | (r.Next(5) == 0 ? 1u << (7 + r.Next(5)) : 0);
                if (r.Next(2) == 0) value &= 3; // round to nearest or not, nothing else
                code[i] = Assembler.Lui(Control, value >> 16);
                code[++i] = Assembler.I(Opcode.Ori, Control, Control, value & 0xFFFF);
                code[++i] = r.Next(2) == 0 ? Enc(Opcode.Ctc1, ("rt", Control), ("fs", 31)) : Enc(Opcode.Ctcmsa, ("mrs", Control), ("wd", 1));
            }
            else code[i] = Simple(r);
        }
        code[n] = Enc(Opcode.B, ("imm", -(long)(n + 1)));
        code[n + 1] = 0;
        return code;
    }
}
