using VzFast.Machines;
using VzFast.Tests.Support;

namespace VzFast.Tests.Machines;

public class MachineAllocationTests
{
    /// <summary>
    /// The whole machine loop (CPU, scheduler, devices) allocates nothing per instruction: a run of
    /// 20 million instructions allocates exactly what a run of 2 million does (the exit record).
    /// The block engines allocate when they decode or compile; once the guest's hot code is, nothing.
    /// </summary>
    [Theory]
    [InlineData(VzFast.Cpu.ExecutionEngine.Switch)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Table)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Blocks)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Jit)]
    public void MaltaRunLoop_AllocatesNothingPerInstruction(VzFast.Cpu.ExecutionEngine engine) =>
        AssertSteadyStateAllocatesNothing("compute", "scale=30", 100_000_000, engine);

    /// <summary>
    /// The MSA-heavy guest allocates nothing per instruction either: every pass of msabench.elf runs
    /// its integer, single- and double-precision phases (the whole-vector paths, FPU/MSA owned by the
    /// guest under VZ), so each measured window spans all of them many times.
    /// </summary>
    [Theory]
    [InlineData(VzFast.Cpu.ExecutionEngine.Switch)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Jit)]
    public void MsaGuest_AllocatesNothingPerInstruction(VzFast.Cpu.ExecutionEngine engine) =>
        AssertSteadyStateAllocatesNothing("msabench", "scale=100000", 30_000_000, engine);

    private static void AssertSteadyStateAllocatesNothing(string program, string append, long warmup, VzFast.Cpu.ExecutionEngine engine)
    {
        // warm up (the .NET JIT, caches, and for the block JIT one pass over every phase of the guest)
        var r = MaltaRun.Run(program, append: append, maxInstructions: warmup, engine: engine);
        using var m = r.Machine;
        Assert.True(r.Exit.Reason == StopReason.InstructionLimit, $"{r.Exit.Reason}: {r.Exit.Message} {System.Text.Encoding.ASCII.GetString(r.Output)}");
        long Allocated(long instructions)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var exit = m.Run(instructions);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(StopReason.InstructionLimit, exit.Reason);
            return bytes;
        }
        // compiling allocates: measure windows in which the block JIT compiled nothing new
        long Compiles() => Prepared(m);
        for (int attempt = 0; ; attempt++)
        {
            long c0 = Compiles();
            long small = Allocated(2_000_000);
            long large = Allocated(20_000_000);
            // a window with compiles, or with a path run for the first time (the .NET JIT allocates then), is measured again
            if ((Compiles() != c0 || small != large) && attempt < 10) continue;
            Assert.Equal(c0, Compiles());
            Assert.Equal(small, large);
            Assert.True(large < 1024, $"{large} bytes for one run");
            break;
        }
    }

    /// <summary>Blocks an engine has compiled, requested, decoded or dropped so far (each allocates).</summary>
    private static long Prepared(Machine m) =>
        (m.Cpu.Jit is { } j ? j.Compiled + j.Invalidated + j.Requests : 0) + (m.Cpu.Blocks is { } b ? b.Decoded + b.Cache.Invalidated : 0);

    /// <summary>
    /// Under the hypervisor the exit path allocates nothing either: the demo guest polling its UART
    /// with no input makes an MMIO exit every few instructions (root TLB fault, decode, the board's
    /// device, completion into the register).
    /// </summary>
    [Theory]
    [InlineData(VzFast.Cpu.ExecutionEngine.Switch)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Table)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Blocks)]
    [InlineData(VzFast.Cpu.ExecutionEngine.Jit)]
    public void VzExitLoop_AllocatesNothingPerExit(VzFast.Cpu.ExecutionEngine engine)
    {
        var r = MaltaRun.Run("demo", maxInstructions: 2_000_000, engine: engine);
        using var m = r.Machine;
        Assert.Equal(StopReason.InstructionLimit, r.Exit.Reason);
        long exitsBefore = m.Vcpu!.Stats.mmio_exits;
        long Allocated(long instructions)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            m.Run(instructions);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // as above: windows in which the block JIT compiled nothing new
        long Compiles() => Prepared(m);
        for (int attempt = 0; ; attempt++)
        {
            long c0 = Compiles();
            long small = Allocated(200_000);
            long large = Allocated(2_000_000);
            if ((Compiles() != c0 || small != large) && attempt < 5) continue;
            Assert.Equal(c0, Compiles());
            Assert.True(m.Vcpu.Stats.mmio_exits - exitsBefore > 100_000, $"{m.Vcpu.Stats.mmio_exits - exitsBefore} MMIO exits");
            Assert.Equal(small, large);
            break;
        }
    }
}
