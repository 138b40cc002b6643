using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Tests.Support;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>The JIT on whole guests: it compiles the hot code and changes nothing the guest can see.</summary>
public class JitTests
{
    [Theory]
    [InlineData(Accelerator.Vz)]
    [InlineData(Accelerator.None)]
    public void ComputeGuestRunsInBlocksWithTheSwitchEnginesResult(Accelerator accel)
    {
        var a = MaltaRun.Run("compute", append: "scale=4", accel: accel);
        var b = MaltaRun.Run("compute", append: "scale=4", accel: accel, configure: m => m.Cpu.Engine = ExecutionEngine.Jit);
        using (a.Machine)
        using (b.Machine)
        {
            Assert.Equal(StopReason.Shutdown, b.Exit.Reason);
            Assert.Equal(a.Output, b.Output);
            Assert.Equal(a.Instructions, b.Instructions);
            var jit = b.Machine.Cpu.Jit!;
            Assert.True(jit.BlockInstructions > b.Instructions * 8 / 10, $"{jit.BlockInstructions} of {b.Instructions} in blocks");
            Assert.True(jit.Compiled > 10);
        }
    }

    [Fact]
    public void SelfModifyingCodeIsSeen()
    {
        // the llsc and tlb programs rewrite nothing; exceptions.elf and usermode.elf copy code around
        var a = MaltaRun.Run("usermode", accel: Accelerator.None);
        var b = MaltaRun.Run("usermode", accel: Accelerator.None, configure: m =>
        {
            m.Cpu.Engine = ExecutionEngine.Jit;
            m.Cpu.Jit!.HotThreshold = 1;
            m.Cpu.Jit.Background = false;
        });
        using (a.Machine)
        using (b.Machine)
        {
            Assert.Equal(a.Output, b.Output);
            Assert.Equal(a.Instructions, b.Instructions);
        }
    }
}
