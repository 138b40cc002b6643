using VzFast.Machines;
using VzFast.Tests.Support;

namespace VzFast.Tests.Machines;

/// <summary>
/// Every bare-metal program in tests/guests prints exactly what it printed on
/// qemu-system-mips64el -M malta -cpu 5KEc (the .expected files, recorded by `make expected`).
/// </summary>
public class GuestCorpusTests
{
    [Theory]
    [MemberData(nameof(GuestFiles.Programs), MemberType = typeof(GuestFiles))]
    public void SerialOutputMatchesQemu(string program)
    {
        string Read(string ext) => File.Exists(GuestFiles.PathOf(program + ext)) ? File.ReadAllText(GuestFiles.PathOf(program + ext)) : "";
        var input = File.Exists(GuestFiles.PathOf(program + ".input")) ? File.ReadAllBytes(GuestFiles.PathOf(program + ".input")) : null;
        var r = MaltaRun.Run(program, input, Read(".append").Trim());
        using (r.Machine)
        {
            Assert.Equal(StopReason.Shutdown, r.Exit.Reason);
            var expected = File.ReadAllBytes(GuestFiles.PathOf(program + ".expected"));
            Assert.Equal(System.Text.Encoding.Latin1.GetString(expected), System.Text.Encoding.Latin1.GetString(r.Output));
        }
    }

    [Fact]
    public void TwoRunsExecuteTheSameInstructions()
    {
        var a = MaltaRun.Run("timer");
        var b = MaltaRun.Run("timer");
        using (a.Machine)
        using (b.Machine)
        {
            Assert.Equal(a.Instructions, b.Instructions);
            Assert.Equal(a.Output, b.Output);
        }
    }
}
