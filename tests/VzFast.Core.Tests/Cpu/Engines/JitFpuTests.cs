using VzFast.Cp0;
using Random = System.Random;
using VzFast.Cpu;
using VzFast.Tests.Support;
using static VzFast.Tests.Support.Asm;

namespace VzFast.Core.Tests.Cpu.Engines;

// The COP1 helpers compiled blocks call (CpuCore.JitFpu.cs) against the handlers: on random
// operands (zeros, subnormals, infinities, NaNs, huge and tiny values) and FCSR settings, a helper
// either leaves exactly what the handler leaves (the result register and FCSR) or reports false
// having changed nothing; and it does take ordinary operands at round to nearest.
public class JitFpuTests
{
    private static ulong RandomDouble(Random rng) => rng.Next(12) switch
    {
        0 => (ulong)rng.Next(2) << 63,
        1 => (ulong)rng.Next(2) << 63 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF),          // subnormal
        2 => (ulong)rng.Next(2) << 63 | 0x7FF0_0000_0000_0000UL | (ulong)(uint)rng.Next(3),        // infinity, NaNs
        3 => (ulong)rng.Next(2) << 63 | (ulong)rng.Next(1, 60) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF), // tiny
        4 => (ulong)rng.Next(2) << 63 | (ulong)rng.Next(1990, 2047) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF), // huge
        5 => (ulong)rng.Next(2) << 63 | (ulong)(uint)rng.Next(1000, 1050) << 52,               // short: exact results
        _ => (ulong)rng.Next(2) << 63 | (ulong)rng.Next(900, 1150) << 52 | ((ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF),
    };

    private static ulong RandomSingle(Random rng)
    {
        ulong d = RandomDouble(rng);
        double v = BitConverter.UInt64BitsToDouble(d);
        uint bits = rng.Next(6) == 0 ? (uint)rng.Next() : BitConverter.SingleToUInt32Bits((float)v);
        return 0xDEAD_BEEF_0000_0000UL | bits; // the high word must survive a single-precision write
    }

    private static TestMachine Machine()
    {
        var m = new TestMachine(model: CpuModel.Find("MIPS64R2-generic")!);
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) | (1UL << 29) | Status.FRMask);
        return m;
    }

    [Theory]
    [InlineData(Opcode.AddD, CpuCore.JitFpAdd)]
    [InlineData(Opcode.SubD, CpuCore.JitFpSub)]
    [InlineData(Opcode.MulD, CpuCore.JitFpMul)]
    [InlineData(Opcode.DivD, CpuCore.JitFpDiv)]
    [InlineData(Opcode.AddS, CpuCore.JitFpAdd)]
    [InlineData(Opcode.SubS, CpuCore.JitFpSub)]
    [InlineData(Opcode.MulS, CpuCore.JitFpMul)]
    [InlineData(Opcode.DivS, CpuCore.JitFpDiv)]
    public unsafe void Helper_MatchesHandlerOrDeclines(Opcode op, int kind)
    {
        bool dbl = op is Opcode.AddD or Opcode.SubD or Opcode.MulD or Opcode.DivD;
        uint w = Encode(op, ("fd", 2), ("fs", 4), ("ft", 6));
        using var fast = Machine();
        using var reference = Machine();
        var rng = new Random((int)op);
        int taken = 0, ordinary = 0, ordinaryTaken = 0;
        for (int n = 0; n < 20_000; n++)
        {
            ulong a = dbl ? RandomDouble(rng) : RandomSingle(rng), b = dbl ? RandomDouble(rng) : RandomSingle(rng), d = (ulong)rng.NextInt64();
            uint fcsr = rng.Next(4) switch { 0 => (uint)rng.Next(4), 1 => 1u << (7 + rng.Next(5)), 2 => 1u << 24, _ => 0 } | (uint)rng.Next(0x20) << 2;
            if (rng.Next(8) == 0) fcsr |= 0x3Fu << 12; // a stale Cause
            foreach (var m in new[] { fast, reference })
            {
                m.Cpu.State.Fpr[4] = a;
                m.Cpu.State.Fpr[6] = b;
                m.Cpu.State.Fpr[2] = d;
                m.Cpu.Fcsr = fcsr;
            }
            bool done = dbl ? fast.Cpu.JitArithD(w, kind) : fast.Cpu.JitArithS(w, kind);
            bool isOrdinary = fcsr == (fcsr & 0x7C) && ((a >> 52) & 0x7FF) is > 900 and < 1150 && ((b >> 52) & 0x7FF) is > 900 and < 1150 && dbl;
            if (isOrdinary) ordinary++;
            if (!done)
            {
                Assert.Equal(d, fast.Cpu.State.Fpr[2]);
                Assert.Equal(fcsr, fast.Cpu.Fcsr);
                continue;
            }
            taken++;
            if (isOrdinary) ordinaryTaken++;
            reference.Run(w);
            Assert.Null(reference.LastException);
            Assert.True(reference.Cpu.State.Fpr[2] == fast.Cpu.State.Fpr[2] && reference.Cpu.Fcsr == fast.Cpu.Fcsr,
                $"{op} {a:x16} {b:x16} fcsr {fcsr:x8}: helper {fast.Cpu.State.Fpr[2]:x16}/{fast.Cpu.Fcsr:x8}, handler {reference.Cpu.State.Fpr[2]:x16}/{reference.Cpu.Fcsr:x8}");
        }
        Assert.True(taken > 1000, $"{op}: the helper took only {taken} cases");
        if (dbl) Assert.True(ordinaryTaken > ordinary * 9 / 10, $"{op}: {ordinaryTaken} of {ordinary} ordinary cases");
    }

    /// <summary>Compares (all sixteen conditions, both formats), CVT.D.W, the sign-bit moves and GPR-to-FPR moves.</summary>
    [Theory]
    [InlineData(Opcode.CD)]
    [InlineData(Opcode.CS)]
    [InlineData(Opcode.CvtDW)]
    [InlineData(Opcode.TruncWD)]
    [InlineData(Opcode.TruncWS)]
    [InlineData(Opcode.CvtSD)]
    [InlineData(Opcode.CvtDS)]
    [InlineData(Opcode.CvtSW)]
    [InlineData(Opcode.MovD)]
    [InlineData(Opcode.NegD)]
    [InlineData(Opcode.AbsD)]
    [InlineData(Opcode.Dmtc1)]
    [InlineData(Opcode.Mtc1)]
    public unsafe void OtherHelpers_MatchHandlerOrDecline(Opcode op)
    {
        using var fast = Machine();
        using var reference = Machine();
        var rng = new Random((int)op + 17);
        int taken = 0;
        for (int n = 0; n < 5_000; n++)
        {
            uint w = op switch
            {
                Opcode.CD or Opcode.CS => Encode(op, ("ft", 6), ("fs", 4), ("cc", rng.Next(8)), ("cond", rng.Next(16))),
                Opcode.Dmtc1 or Opcode.Mtc1 => Encode(op, ("rt", 9), ("fs", 2)),
                _ => Encode(op, ("fd", 2), ("fs", 4)),
            };
            bool single = op is Opcode.CS or Opcode.TruncWS or Opcode.CvtDS or Opcode.CvtSW;
            ulong a = single ? RandomSingle(rng) : RandomDouble(rng), b = single ? RandomSingle(rng) : RandomDouble(rng), d = (ulong)rng.NextInt64(), gpr = (ulong)rng.NextInt64();
            uint fcsr = rng.Next(4) switch { 0 => (uint)rng.Next(4), 1 => 1u << (7 + rng.Next(5)), _ => 0 } | (uint)rng.Next(0x20) << 2 | (uint)rng.Next(0x40) << 12 | (uint)rng.Next(2) << 23;
            ulong status = fast.GetCp0(Cp0Table.Status) | (1UL << 29) | Status.FRMask;
            if (rng.Next(6) == 0) status &= ~Status.FRMask;
            if (rng.Next(10) == 0) status &= ~(1UL << 29);
            foreach (var m in new[] { fast, reference })
            {
                m.SetCp0(Cp0Table.Status, status);
                m.Cpu.State.Fpr[4] = a;
                m.Cpu.State.Fpr[6] = b;
                m.Cpu.State.Fpr[2] = d;
                m[9] = gpr;
                m.Cpu.Fcsr = fcsr;
            }
            bool done = op switch
            {
                Opcode.CD => fast.Cpu.JitCompareD(w),
                Opcode.CS => fast.Cpu.JitCompareS(w),
                Opcode.CvtDW => fast.Cpu.JitConvert(w, CpuCore.JitCvtDW),
                Opcode.TruncWD => fast.Cpu.JitConvert(w, CpuCore.JitTruncWD),
                Opcode.TruncWS => fast.Cpu.JitConvert(w, CpuCore.JitTruncWS),
                Opcode.CvtSD => fast.Cpu.JitConvert(w, CpuCore.JitCvtSD),
                Opcode.CvtDS => fast.Cpu.JitConvert(w, CpuCore.JitCvtDS),
                Opcode.CvtSW => fast.Cpu.JitConvert(w, CpuCore.JitCvtSW),
                Opcode.MovD => fast.Cpu.JitMoveD(w, 0),
                Opcode.NegD => fast.Cpu.JitMoveD(w, 1),
                Opcode.AbsD => fast.Cpu.JitMoveD(w, 2),
                _ => fast.Cpu.JitMoveToFpr(gpr, w, op == Opcode.Dmtc1),
            };
            if (!done)
            {
                Assert.Equal(d, fast.Cpu.State.Fpr[2]);
                Assert.Equal(fcsr, fast.Cpu.Fcsr);
                continue;
            }
            taken++;
            reference.Run(w);
            Assert.Null(reference.LastException);
            Assert.True(reference.Cpu.State.Fpr[2] == fast.Cpu.State.Fpr[2] && reference.Cpu.Fcsr == fast.Cpu.Fcsr,
                $"{op} {w:x8} {a:x16} {b:x16} fcsr {fcsr:x8}: helper {fast.Cpu.State.Fpr[2]:x16}/{fast.Cpu.Fcsr:x8}, handler {reference.Cpu.State.Fpr[2]:x16}/{reference.Cpu.Fcsr:x8}");
        }
        Assert.True(taken > 1000, $"{op}: the helper took only {taken} cases");
    }

    [Fact]
    public unsafe void Helpers_DeclineWithoutCu1OrWithFr0()
    {
        using var m = Machine();
        uint w = Encode(Opcode.AddD, ("fd", 2), ("fs", 4), ("ft", 6));
        m.Cpu.State.Fpr[4] = BitConverter.DoubleToUInt64Bits(1.5);
        m.Cpu.State.Fpr[6] = BitConverter.DoubleToUInt64Bits(2.25);
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) & ~Status.FRMask);
        Assert.False(m.Cpu.JitArithD(w, CpuCore.JitFpAdd));
        Assert.False(m.Cpu.JitLdc1(TestMachine.DataBase, Encode(Opcode.Ldc1, ("base", 0), ("ft", 2), ("imm", 0))));
        m.SetCp0(Cp0Table.Status, (m.GetCp0(Cp0Table.Status) | Status.FRMask) & ~(1UL << 29));
        Assert.False(m.Cpu.JitArithD(w, CpuCore.JitFpAdd));
        Assert.False(m.Cpu.JitArithS(w, CpuCore.JitFpAdd));
        m.SetCp0(Cp0Table.Status, m.GetCp0(Cp0Table.Status) | (1UL << 29));
        Assert.True(m.Cpu.JitArithD(w, CpuCore.JitFpAdd));
        Assert.Equal(3.75, BitConverter.UInt64BitsToDouble(m.Cpu.State.Fpr[2]));
    }
}
