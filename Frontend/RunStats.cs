using System.Text.Json;
using VzFast.Cpu;
using VzFast.Machines;

namespace VzFast.Frontend;

/// <summary>What --stats prints at exit and --stats-json writes.</summary>
internal sealed record RunStats(
    string Exit,
    string Message,
    long Instructions,
    double WallSeconds,
    double GuestMips,
    long VirtualCycles,
    long Interrupts,
    int GuestResets,
    Dictionary<string, long> Exceptions)
{
    public static RunStats From(Machine machine, MachineExit exit, TimeSpan wall)
    {
        var cpu = machine.Cpu;
        var exceptions = cpu.Stats.Exceptions().ToDictionary(e => ExceptionNames.Of(e.Code), e => e.Count);
        double seconds = wall.TotalSeconds;
        return new RunStats(exit.Reason.ToString(), exit.Message, cpu.InstructionCount, Math.Round(seconds, 4),
            seconds > 0 ? Math.Round(cpu.InstructionCount / seconds / 1e6, 2) : 0, cpu.VirtualTime, cpu.Stats.Interrupts,
            machine.GuestResets, exceptions);
    }

    public void Print(TextWriter w)
    {
        w.WriteLine($"vzfast: exit            {Exit} ({Message})");
        w.WriteLine($"vzfast: instructions    {Instructions:N0}");
        w.WriteLine($"vzfast: wall time       {WallSeconds:F3} s");
        w.WriteLine($"vzfast: guest MIPS      {GuestMips:F1}");
        w.WriteLine($"vzfast: virtual cycles  {VirtualCycles:N0}");
        w.WriteLine($"vzfast: interrupts      {Interrupts:N0}");
        w.WriteLine($"vzfast: exceptions      {(Exceptions.Count == 0 ? "none" : string.Join(", ", Exceptions.Select(e => $"{e.Key} {e.Value:N0}")))}");
    }

    public void WriteJson(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
}
