using System.Diagnostics;
using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Frontend;

/// <summary>Builds the machine the request describes, connects the console, runs it and reports.</summary>
internal static class Runner
{
    public static int Run(RunRequest req)
    {
        if (req.Machine == "help")
        {
            Console.WriteLine("Supported machines are:\nmalta                MIPS Malta Core LV (default)");
            return 0;
        }
        if (req.Machine != "malta") throw new UsageException($"-M {req.Machine}: unknown machine (try -M help)");
        if (req.Cpu == "help")
        {
            foreach (var m in VzFast.Cp0.CpuModels.All) Console.WriteLine($"MIPS '{m.Name}'  {m.Description}");
            return 0;
        }
        var model = CpuModel.Find(req.Cpu) ?? throw new UsageException($"-cpu {req.Cpu}: unknown CPU model (try -cpu help)");

        bool demo = req.Kernel == null;
        if (demo && req.Initrd != null) throw new UsageException("-initrd needs -kernel");
        var options = new MaltaOptions
        {
            RamBytes = req.RamBytes,
            Cpu = model,
            Accel = req.Accel,
            Engine = req.Engine,
            RtcStart = req.RtcStart,
            KernelPath = req.Kernel ?? (req.WebPort != null ? "display.elf" : "demo.elf"),
            KernelImage = demo ? DemoGuest.Image(graphical: req.WebPort != null) : null,
            InitrdPath = req.Initrd,
            CommandLine = req.Append,
            Vga = req.Vga,
        };
        using var machine = new Malta(options) { NoReboot = req.NoReboot || demo };
        Stream? serialFile = null;
        SerialConsole? console = null;
        if (req.Serial.StartsWith("file:", StringComparison.Ordinal))
        {
            serialFile = File.Create(req.Serial["file:".Length..]);
            machine.Com1.Output = b => serialFile.WriteByte(b);
        }
        else if (req.Serial is "stdio" or "mon:stdio")
        {
            console = new SerialConsole(machine, machine.Com1, interactive: true);
            if (machine.Vga is { } vga)
                console.TakeScreenshot = () =>
                {
                    string name = $"vzfast-screenshot-{DateTime.Now:yyyyMMdd-HHmmss}.png";
                    Screenshot.Save(vga, name);
                    return name;
                };
            machine.BetweenQuanta = console.Pump;
            machine.PaceIdleToHost = Terminal.StdinIsTerminal; // a person at the keyboard: guest idle time is real time
        }

        Web.WebDisplay? web = null;
        if (req.WebPort is { } webPort)
        {
            web = new Web.WebDisplay(machine, webPort);
            var serialOut = machine.Com1.Output;
            machine.Com1.Output = b =>
            {
                serialOut?.Invoke(b);
                web.SerialOutput(b);
            };
            var between = machine.BetweenQuanta;
            machine.BetweenQuanta = () =>
            {
                between?.Invoke();
                web.Pump();
            };
            machine.PaceIdleToHost = true; // a person at the page: guest idle time is real time
            web.Start();
            Console.Error.WriteLine($"vzfast: display on {web.Url}");
        }

        TextWriter? trace = null;
        if (req.TraceExits != null && machine.Vcpu != null)
        {
            trace = req.TraceExits == "-" ? Console.Error : new StreamWriter(req.TraceExits) { AutoFlush = false };
            machine.Vcpu.Trace = trace;
        }

        VzFast.Debugging.GdbStub? gdb = null;
        if (req.GdbPort is { } port)
        {
            try
            {
                gdb = new VzFast.Debugging.GdbStub(machine, port, req.StartStopped);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new UsageException($"-gdb tcp::{port}: cannot listen ({e.Message})");
            }
            machine.Debugger = gdb;
            Console.Error.WriteLine($"vzfast: gdb stub on tcp::{gdb.Port}{(req.StartStopped ? ", waiting for the debugger to start the guest" : "")}");
        }

        var clock = Stopwatch.StartNew();
        MachineExit exit;
        try
        {
            exit = machine.Run(req.MaxInstructions);
            gdb?.MachineExited(exit.ExitCode);
        }
        finally
        {
            console?.Dispose();
            serialFile?.Dispose();
            web?.Dispose();
            if (trace != null && trace != Console.Error) trace.Dispose();
            gdb?.Dispose();
        }
        clock.Stop();
        if (req.ScreenshotPath != null && machine.Vga != null)
        {
            try
            {
                Screenshot.Save(machine.Vga, req.ScreenshotPath);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"vzfast: -screenshot {req.ScreenshotPath}: {e.Message}");
            }
        }
        if (exit.Reason is StopReason.Halted or StopReason.Error) Console.Error.WriteLine($"vzfast: {exit.Message}");
        if (req.Stats)
        {
            var stats = RunStats.From(machine, exit, clock.Elapsed);
            stats.Print(Console.Error);
            if (req.StatsJson != null) stats.WriteJson(req.StatsJson);
        }
        return exit.ExitCode;
    }
}
