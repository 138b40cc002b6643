using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Tests.Support;

/// <summary>Runs a guest ELF on the Malta board in-process, serial output captured, input fed as typed.</summary>
public static class MaltaRun
{
    public sealed record Result(MachineExit Exit, byte[] Output, long Instructions, Malta Machine);

    public static Result Run(string program, byte[]? input = null, string append = "", long maxInstructions = 20_000_000_000, Action<Malta>? configure = null, Accelerator accel = Accelerator.Vz, VzFast.Cpu.ExecutionEngine engine = VzFast.Cpu.ExecutionEngine.Jit, string? cpu = null)
    {
        // a program with a .cpu file runs on that model (as the Makefile records its expected output)
        string cpuFile = GuestFiles.PathOf(program + ".cpu");
        cpu ??= File.Exists(cpuFile) ? File.ReadAllText(cpuFile).Trim() : null;
        var output = new MemoryStream();
        var machine = new Malta(new MaltaOptions
        {
            RamBytes = 256UL << 20,
            KernelPath = GuestFiles.PathOf(program + ".elf"),
            KernelName = program + ".elf",
            CommandLine = append,
            Accel = accel,
            Engine = engine,
            Cpu = cpu == null ? VzFast.Cpu.CpuModel.Default : VzFast.Cpu.CpuModel.Find(cpu) ?? throw new ArgumentException($"unknown CPU model {cpu}"),
        }) { NoReboot = true };
        machine.Com1.Output = output.WriteByte;
        int fed = 0;
        if (input != null)
            machine.BetweenQuanta = () =>
            {
                while (fed < input.Length && machine.Com1.CanReceive) machine.Com1.Receive(input[fed++]);
            };
        configure?.Invoke(machine);
        var exit = machine.Run(maxInstructions);
        return new Result(exit, output.ToArray(), machine.Cpu.InstructionCount, machine);
    }
}
