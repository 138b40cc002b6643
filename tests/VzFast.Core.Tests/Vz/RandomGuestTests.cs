using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Tests.Support;
using VzFast.Vz;
using Random = System.Random;
using Xunit.Abstractions;

namespace VzFast.Tests.Vz;

/// <summary>
/// A guest executing random words cannot crash the host: every run ends in a guest exception, an
/// exit the VMM serves, or a clean internal-error stop with a message (fixed seed, millions of
/// instructions, a quarter of the words drawn from the privileged and VZ-sensitive encodings).
/// </summary>
public class RandomGuestTests(ITestOutputHelper output)
{
    private const int Seed = 20261125;
    private const long TargetInstructions = 4_000_000;

    [Fact]
    public void RandomWordsNeverCrashTheHost()
    {
        var rng = new Random(Seed);
        using var g = new VzGuest();
        long executed = 0;
        int runs = 0;
        var reasons = new Dictionary<ExitReason, int>();
        var words = new uint[g.Ram.Size / 4];
        while (executed < TargetInstructions && runs < 4000)
        {
            runs++;
            if (runs % 8 == 1)
            {
                for (int i = 0; i < words.Length; i++) words[i] = NextWord(rng);
                var bytes = new byte[words.Length * 4];
                Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
                Assert.True(g.GuestBus.TryWriteRam(0, bytes));
            }
            // every vector skips the faulting instruction, so the random code runs on
            foreach (ulong vector in (ulong[])[0x000, 0x080, 0x100, 0x180, 0x200])
                g.WriteCode(vector, SkipAndReturn);
            g.Vcpu.Reset();
            g.Vcpu.SetOneReg(g.Vcpu.Cp0RegId(Cp0Table.Status), (ulong)rng.Next() & (Status.KXMask | Status.UXMask | Status.IEMask | Status.IMMask));
            g.Vcpu.SetOneReg(Vcpu.RegPc, 0xFFFF_FFFF_8000_0000UL + ((ulong)rng.Next((int)g.Ram.Size) & ~3UL));
            for (int r = 1; r < 32; r++) g.Vcpu.SetOneReg(Vcpu.RegGpr(r), RandomValue(rng));
            long before = g.Vcpu.Cpu.InstructionCount;
            var exit = g.Run(e =>
            {
                if (e.IsFetch || rng.Next(8) == 0) e.BusError = true; // as a VMM answers: code cannot run from devices
                else e.Data = RandomValue(rng);
            }, maxInstructions: 20_000, throwOnBudget: false);
            executed += g.Vcpu.Cpu.InstructionCount - before;
            reasons[exit.Reason] = reasons.GetValueOrDefault(exit.Reason) + 1;
            if (exit.Reason == ExitReason.InternalError) Assert.False(string.IsNullOrEmpty(exit.Message));
        }
        output.WriteLine($"{runs} runs, {executed} instructions; exits: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))}");
        output.WriteLine(string.Join(", ", g.Vcpu.Stats.All().Where(x => x.Value != 0).Select(x => $"{x.Name}={x.Value}")));
        output.WriteLine($"guest exceptions: {string.Join(", ", g.Vcpu.Cpu.Stats.GuestExceptions().Select(e => $"{e.Code} {e.Count}"))}");
        Assert.True(executed >= TargetInstructions, $"only {executed} instructions in {runs} runs");
        var s = g.Vcpu.Stats;
        // the fuzz reached the hypervisor's paths, not only the guest's own exceptions
        Assert.True(s.vz_gpsi_exits > 0 && s.vz_hc_exits > 0 && s.mmio_exits > 0 && s.tlbmiss_ld_exits > 0 && s.tlbmiss_st_exits > 0,
            string.Join(", ", s.All().Where(x => x.Value != 0).Select(x => $"{x.Name}={x.Value}")));
        Assert.True(g.Vcpu.Cpu.Stats.GuestExceptionsByCode.Sum() > 1000);
    }

    /// <summary>EPC += 4; ERET (k0 = $26).</summary>
    private static readonly uint[] SkipAndReturn =
    [
        Assembler.Encode(Opcode.Dmfc0, ("rt", 26), ("rd", 14), ("sel", 0)),
        Assembler.I(Opcode.Daddiu, 26, 26, 4),
        Assembler.Encode(Opcode.Dmtc0, ("rt", 26), ("rd", 14), ("sel", 0)),
        Assembler.Encode(Opcode.Eret),
    ];

    private static ulong RandomValue(Random rng) => rng.Next(4) switch
    {
        0 => (ulong)rng.Next(0x1000),
        1 => 0xFFFF_FFFF_8000_0000UL + (ulong)rng.Next(1 << 21),
        2 => 0xFFFF_FFFF_B000_0000UL + (ulong)rng.Next(1 << 16),
        _ => (ulong)rng.NextInt64(),
    };

    /// <summary>Three quarters uniform words; the rest CP0 moves, cache ops, WAIT, TLB ops, ERET, HYPCALL, loads and stores.</summary>
    private static uint NextWord(Random rng)
    {
        uint u = (uint)rng.NextInt64(0, 1L << 32);
        if (rng.Next(4) != 0) return u;
        int rt = rng.Next(32), rd = rng.Next(32), sel = rng.Next(8), b = rng.Next(32);
        return rng.Next(10) switch
        {
            0 => Assembler.Encode(Opcode.Mfc0, ("rt", rt), ("rd", rd), ("sel", sel)),
            1 => Assembler.Encode(Opcode.Mtc0, ("rt", rt), ("rd", rd), ("sel", sel)),
            2 => Assembler.Encode(Opcode.Cache, ("op", rng.Next(32)), ("base", b), ("imm", (long)(short)u)),
            3 => Assembler.Encode(Opcode.Wait),
            4 => Assembler.Encode(new[] { Opcode.Tlbwi, Opcode.Tlbwr, Opcode.Tlbp, Opcode.Tlbr, Opcode.Eret }[rng.Next(5)]),
            5 => Assembler.Encode(Opcode.Hypcall, ("hcode", rng.Next(8) == 0 ? rng.Next(1024) : 0)),
            6 => Assembler.Ori(2, 0, (uint)rng.Next(6)),
            7 or 8 => Assembler.Mem(new[] { Opcode.Lb, Opcode.Lhu, Opcode.Lw, Opcode.Ld, Opcode.Sb, Opcode.Sh, Opcode.Sw, Opcode.Sd, Opcode.Lwl, Opcode.Sdr, Opcode.Ll, Opcode.Sc }[rng.Next(12)], rt, b, (short)u),
            _ => Assembler.Encode(Opcode.Rdhwr, ("rt", rt), ("rd", rng.Next(4))),
        };
    }
}
