using System.Text.Json;
using VzFast.Cpu;
using VzFast.Machines;

namespace VzFast.Frontend;

/// <summary>What --stats prints at exit and --stats-json writes.</summary>
internal sealed record RunStats(
    string Exit,
    string Message,
    string Accel,
    string Engine,
    long Instructions,
    double WallSeconds,
    double GuestMips,
    long VirtualCycles,
    long Interrupts,
    int GuestResets,
    Dictionary<string, long> Exceptions,
    Dictionary<string, long>? RootExceptions,
    long? VzExitsTotal,
    Dictionary<string, long>? VzExits,
    Dictionary<string, long>? Jit,
    Dictionary<string, long>? Blocks)
{
    public static RunStats From(Machine machine, MachineExit exit, TimeSpan wall)
    {
        var cpu = machine.Cpu;
        var vcpu = machine.Vcpu;
        static Dictionary<string, long> Named(IEnumerable<(VzFast.Cp0.ExcCode Code, long Count)> e) =>
            e.ToDictionary(x => ExceptionNames.Of(x.Code), x => x.Count);
        // the guest's own exceptions: root ones under -accel none, guest-context ones under VZ
        var exceptions = Named(vcpu == null ? cpu.Stats.Exceptions() : cpu.Stats.GuestExceptions());
        double seconds = wall.TotalSeconds;
        var jit = cpu.Jit;
        return new RunStats(exit.Reason.ToString(), exit.Message, vcpu == null ? "none" : "vz", cpu.Engine.Name(), cpu.InstructionCount, Math.Round(seconds, 4),
            seconds > 0 ? Math.Round(cpu.InstructionCount / seconds / 1e6, 2) : 0, cpu.VirtualTime, cpu.Stats.Interrupts,
            machine.GuestResets, exceptions,
            vcpu == null ? null : Named(cpu.Stats.Exceptions()),
            vcpu?.Stats.TotalExits,
            vcpu?.Stats.All().ToDictionary(s => s.Name, s => s.Value),
            jit == null ? null : new Dictionary<string, long>
            {
                ["blocksCompiled"] = jit.Compiled,
                ["blocksInvalidated"] = jit.Invalidated,
                ["blockInstructions"] = jit.BlockInstructions,
                ["interpretedInstructions"] = jit.Interpreted,
                ["compileMilliseconds"] = jit.CompileTicks * 1000 / System.Diagnostics.Stopwatch.Frequency,
            },
            cpu.Blocks is not { } blocks ? null : new Dictionary<string, long>
            {
                ["blocksDecoded"] = blocks.Decoded,
                ["blocksInvalidated"] = blocks.Cache.Invalidated,
                ["interpretedInstructions"] = blocks.Interpreted,
            });
    }

    public void Print(TextWriter w)
    {
        w.WriteLine($"vzfast: exit            {Exit} ({Message})");
        w.WriteLine($"vzfast: accelerator     {Accel}, engine {Engine}");
        w.WriteLine($"vzfast: instructions    {Instructions:N0}");
        w.WriteLine($"vzfast: wall time       {WallSeconds:F3} s");
        w.WriteLine($"vzfast: guest MIPS      {GuestMips:F1}");
        w.WriteLine($"vzfast: virtual cycles  {VirtualCycles:N0}");
        w.WriteLine($"vzfast: interrupts      {Interrupts:N0}");
        w.WriteLine($"vzfast: exceptions      {List(Exceptions)}");
        if (Jit != null)
            w.WriteLine($"vzfast: jit             {Jit["blocksCompiled"]:N0} blocks compiled ({Jit["compileMilliseconds"]:N0} ms on a second thread), {Jit["blocksInvalidated"]:N0} dropped by writes, {(Instructions > 0 ? 100.0 * Jit["blockInstructions"] / Instructions : 0):F1}% of instructions in blocks");
        if (Blocks != null)
            w.WriteLine($"vzfast: blocks          {Blocks["blocksDecoded"]:N0} blocks decoded, {Blocks["blocksInvalidated"]:N0} dropped by writes, {(Instructions > 0 ? 100.0 * (Instructions - Blocks["interpretedInstructions"]) / Instructions : 0):F1}% of instructions in blocks");
        if (VzExits != null)
        {
            w.WriteLine($"vzfast: root exceptions {List(RootExceptions!)}");
            w.WriteLine($"vzfast: vz exits        {VzExitsTotal:N0}: {List(VzExits.Where(e => e.Value != 0))}");
        }
    }

    private static string List(IEnumerable<KeyValuePair<string, long>> counts) =>
        counts.Any() ? string.Join(", ", counts.Select(e => $"{e.Key} {e.Value:N0}")) : "none";

    public void WriteJson(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
}
