using System.CommandLine;
using System.CommandLine.Parsing;
using VzFast.Cpu;
using VzFast.Machines;

namespace VzFast.Frontend;

/// <summary>What the command line asked for, after parsing and validation.</summary>
internal sealed record RunRequest
{
    public string Machine { get; init; } = "malta";
    public string Cpu { get; init; } = "5KEc";
    public ulong RamBytes { get; init; } = 128UL << 20;
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string Append { get; init; } = "";
    public string Serial { get; init; } = "stdio";
    public bool NoReboot { get; init; }
    public bool Stats { get; init; }
    public string? StatsJson { get; init; }
    public long MaxInstructions { get; init; } = long.MaxValue;
    public Accelerator Accel { get; init; } = Accelerator.Vz;
    public ExecutionEngine Engine { get; init; } = ExecutionEngine.Jit;
    public DateTimeOffset RtcStart { get; init; } = VzFast.Machines.Malta.MaltaLayout.DefaultRtcStart;
    /// <summary>GDB stub port (null: none; 0: any free port).</summary>
    public int? GdbPort { get; init; }
    public bool StartStopped { get; init; }
    /// <summary>--trace exits: null (off), "-" (stderr) or a file.</summary>
    public string? TraceExits { get; init; }
    /// <summary>The Cirrus VGA on the PCI bus (-vga cirrus, the default) or not (-vga none).</summary>
    public bool Vga { get; init; } = true;
    /// <summary>-screenshot FILE.png: the VGA's frame written at exit.</summary>
    public string? ScreenshotPath { get; init; }
    /// <summary>-display web[:PORT]: the port to serve the display page on (0: any free one); null for no display.</summary>
    public int? WebPort { get; init; }
}

/// <summary>QEMU-style options (single dash, as qemu-system-mips64el spells them) plus VzFast's own.</summary>
internal static class Cli
{
    public static readonly Option<string> Machine = new("-M", "-machine") { Description = "machine type (malta; 'help' lists)", DefaultValueFactory = _ => "malta" };
    public static readonly Option<string> Cpu = new("-cpu") { Description = "CPU model (5KEc, MIPS64R2-generic; 'help' lists)", DefaultValueFactory = _ => "5KEc" };
    public static readonly Option<string> Memory = new("-m") { Description = "RAM size: megabytes, or with a K/M/G suffix (default 128M)", DefaultValueFactory = _ => "128" };
    public static readonly Option<string?> Kernel = new("-kernel") { Description = "ELF kernel image (without one, the bundled demo guest boots)" };
    public static readonly Option<string?> Initrd = new("-initrd") { Description = "initial RAM disk" };
    public static readonly Option<string> Append = new("-append") { Description = "kernel command line", DefaultValueFactory = _ => "" };
    public static readonly Option<bool> NoGraphic = new("-nographic") { Description = "no display; the serial port on stdio (the default: VzFast has no window)" };
    public static readonly Option<string> Serial = new("-serial") { Description = "first serial port: stdio, null or file:PATH", DefaultValueFactory = _ => "stdio" };
    public static readonly Option<string> Display = new("-display") { Description = "none (the default), or web[:PORT]: the VGA, keyboard and serial console in a browser page on 127.0.0.1 (port 5800 unless given; 0 picks a free one)", DefaultValueFactory = _ => "none" };
    public static readonly Option<bool> NoReboot = new("-no-reboot") { Description = "exit instead of rebooting when the guest resets" };
    public static readonly Option<bool> Stats = new("--stats") { Description = "print instructions, time, MIPS and exceptions at exit" };
    public static readonly Option<string?> StatsJson = new("--stats-json") { Description = "also write the statistics as JSON to FILE" };
    public static readonly Option<string> Accel = new("-accel") { Description = "vz (the default: the guest runs in VZ guest mode under the built-in hypervisor; 'kvm' says the same) or none (the CPU runs the guest in root mode; 'tcg' says the same); ',engine=NAME' picks how guest code executes (switch, table, blocks, jit; jit is the default)", DefaultValueFactory = _ => "vz" };
    public static readonly Option<string?> Trace = new("--trace") { Description = "exits[=FILE]: one line per VZ guest exit, like Linux's kvm_exit tracepoint (to stderr, or FILE)" };
    public static readonly Option<string?> Rtc = new("-rtc") { Description = "base=utc (the host's clock now), base=YYYY-MM-DD[THH:MM:SS] or base=default (2026-01-01, fixed so runs repeat)" };
    public static readonly Option<bool> GdbDefault = new("-s") { Description = "shorthand for -gdb tcp::1234" };
    public static readonly Option<string?> Gdb = new("-gdb") { Description = "tcp::PORT: wait for a GDB connection (gdb-multiarch: target remote :PORT)" };
    public static readonly Option<bool> StartStopped = new("-S") { Description = "do not start the guest until the debugger continues it" };
    public static readonly Option<string?> EngineOption = new("--engine") { Description = "execution engine: switch, table, blocks or jit (the default); the same as -accel ...,engine=NAME" };
    public static readonly Option<string> VgaOption = new("-vga") { Description = "cirrus (the default: a Cirrus CL-GD5446 on the PCI bus, as QEMU's Malta has) or none", DefaultValueFactory = _ => "cirrus" };
    public static readonly Option<string?> ScreenshotOption = new("-screenshot") { Description = "write the VGA's frame to FILE.png when the guest stops" };
    public static readonly Option<long?> MaxInstructions = new("--max-instructions") { Description = "stop after this many guest instructions" };

    public static RootCommand Build()
    {
        var root = new RootCommand("VzFast: a MIPS64 machine emulator with the MIPS VZ module and a built-in hypervisor.\n" +
                                   "Options follow qemu-system-mips64el; with no options the bundled demo guest boots.");
        foreach (var o in MachineOptions)
        {
            o.Recursive = true; // `boot debian` takes them too
            root.Options.Add(o);
        }
        root.Subcommands.Add(BuildFetch());
        root.Subcommands.Add(BuildBoot());
        root.SetAction(_ => 0); // the machine run itself; without an action a subcommand would be required
        return root;
    }

    private static Option[] MachineOptions =>
        [Machine, Cpu, Memory, Kernel, Initrd, Append, NoGraphic, Serial, Display, NoReboot, Accel, EngineOption, Rtc, GdbDefault, Gdb, StartStopped, Trace, Stats, StatsJson, MaxInstructions, VgaOption, ScreenshotOption];

    public static readonly Argument<string> GuestName = new("guest") { Description = "the guest to fetch or boot: debian" };
    public static readonly Option<string?> CacheDir = new("--cache") { Description = "where guest files are kept (default $VZFAST_CACHE, else ~/.cache/vzfast)" };
    public static readonly Option<bool> WithVmlinux = new("--vmlinux") { Description = "also fetch the plain vmlinux with symbols (a 660 MB package; for gdb)" };
    public static readonly Option<bool> Force = new("--force") { Description = "fetch again even if the files are there" };
    public static readonly Option<bool> BootVmlinux = new("--vmlinux") { Description = "boot the plain vmlinux instead of the compressed vmlinuz (fetched with --vmlinux)" };
    public static readonly Option<bool> PowerOff = new("--poweroff") { Description = "have /init power off after printing its marker (a boot benchmark)" };

    private static Command BuildFetch()
    {
        var fetch = new Command("fetch", "download a guest into the cache: 'fetch debian' gets Debian bookworm's 5kc-malta kernel and builds a busybox initramfs");
        fetch.Arguments.Add(GuestName);
        fetch.Options.Add(CacheDir);
        fetch.Options.Add(WithVmlinux);
        fetch.Options.Add(Force);
        return fetch;
    }

    private static Command BuildBoot()
    {
        var boot = new Command("boot", "fetch a guest once, then boot it: 'boot debian' starts a busybox shell on the console");
        boot.Arguments.Add(GuestName);
        boot.Options.Add(CacheDir);
        boot.Options.Add(BootVmlinux);
        boot.Options.Add(PowerOff);
        return boot;
    }

    public static ParserConfiguration Parser => new() { EnablePosixBundling = false };

    /// <summary>Turns a parse result into a request, or an error message for one line on stderr.</summary>
    public static RunRequest ToRequest(ParseResult r)
    {
        string display = r.GetValue(Display)!;
        int? webPort = null;
        if (display == "web") webPort = 5800;
        else if (display.StartsWith("web:", StringComparison.Ordinal))
            webPort = int.TryParse(display[4..], out int wp) && wp is >= 0 and <= 65535 ? wp : throw new UsageException($"-display {display}: the port must be 0-65535");
        else if (display != "none") throw new UsageException($"-display {display}: use none or web[:PORT]");
        if (webPort != null && r.GetValue(NoGraphic)) throw new UsageException("-display web and -nographic contradict each other");
        string serial = r.GetValue(Serial)!;
        if (serial is not ("stdio" or "null" or "none" or "mon:stdio") && !serial.StartsWith("file:", StringComparison.Ordinal))
            throw new UsageException($"-serial {serial}: use stdio, null or file:PATH");
        long? max = r.GetValue(MaxInstructions);
        if (max is <= 0) throw new UsageException("--max-instructions must be positive");
        string[] accelParts = r.GetValue(Accel)!.Split(',');
        var accel = accelParts[0] switch
        {
            "vz" or "kvm" => Accelerator.Vz,
            "none" or "tcg" => Accelerator.None,
            var a => throw new UsageException($"-accel {a}: use vz or none"),
        };
        string engines = string.Join(", ", ExecutionEngines.Names);
        var engine = ExecutionEngine.Jit;
        foreach (var part in accelParts.Skip(1))
            engine = part.StartsWith("engine=", StringComparison.Ordinal) && ExecutionEngines.Parse(part[7..]) is { } e ? e
                : throw new UsageException($"-accel {r.GetValue(Accel)}: '{part}' is not engine=NAME ({engines})");
        if (r.GetValue(EngineOption) is { } name)
            engine = ExecutionEngines.Parse(name) ?? throw new UsageException($"--engine {name}: use one of {engines}");
        string? trace = r.GetValue(Trace);
        string? traceExits = trace switch
        {
            null => null,
            "exits" => "-",
            _ when trace.StartsWith("exits=", StringComparison.Ordinal) && trace.Length > 6 => trace[6..],
            _ => throw new UsageException($"--trace {trace}: the trace available is exits or exits=FILE"),
        };
        if (traceExits != null && accel != Accelerator.Vz) throw new UsageException("--trace exits needs -accel vz");
        var rtc = ParseRtc(r.GetValue(Rtc));
        int? gdbPort = r.GetValue(GdbDefault) ? 1234 : null;
        if (r.GetValue(Gdb) is { } gdb)
        {
            int colon = gdb.LastIndexOf(':');
            if (!gdb.StartsWith("tcp:", StringComparison.Ordinal) || !int.TryParse(gdb[(colon + 1)..], out int port) || port is < 0 or > 65535)
                throw new UsageException($"-gdb {gdb}: use tcp::PORT");
            gdbPort = port;
        }
        if (r.GetValue(StartStopped) && gdbPort == null) throw new UsageException("-S needs a debugger: add -s or -gdb tcp::PORT");
        bool vga = r.GetValue(VgaOption) switch
        {
            "cirrus" or "std" => true,
            "none" => false,
            var v => throw new UsageException($"-vga {v}: use cirrus or none"),
        };
        string? screenshot = r.GetValue(ScreenshotOption);
        if (screenshot != null && !vga) throw new UsageException("-screenshot needs the VGA (not -vga none)");
        if (webPort != null && !vga) throw new UsageException("-display web needs the VGA (not -vga none)");
        return new RunRequest
        {
            Accel = accel,
            Engine = engine,
            RtcStart = rtc,
            GdbPort = gdbPort,
            StartStopped = r.GetValue(StartStopped),
            TraceExits = traceExits,
            Machine = r.GetValue(Machine)!,
            Cpu = r.GetValue(Cpu)!,
            RamBytes = ParseSize(r.GetValue(Memory)!),
            Kernel = r.GetValue(Kernel),
            Initrd = r.GetValue(Initrd),
            Append = r.GetValue(Append)!,
            Serial = serial,
            NoReboot = r.GetValue(NoReboot),
            Stats = r.GetValue(Stats) || r.GetValue(StatsJson) != null,
            StatsJson = r.GetValue(StatsJson),
            MaxInstructions = max ?? long.MaxValue,
            Vga = vga,
            ScreenshotPath = screenshot,
            WebPort = webPort,
        };
    }

    /// <summary>QEMU's -rtc base=: utc (now), a date or date-time (UTC), or default.</summary>
    public static DateTimeOffset ParseRtc(string? text)
    {
        if (text == null) return VzFast.Machines.Malta.MaltaLayout.DefaultRtcStart;
        foreach (var part in text.Split(','))
        {
            if (!part.StartsWith("base=", StringComparison.Ordinal)) throw new UsageException($"-rtc {text}: only base= is supported");
            string v = part[5..];
            if (v == "utc") return DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            if (v == "default") return VzFast.Machines.Malta.MaltaLayout.DefaultRtcStart;
            if (DateTimeOffset.TryParseExact(v, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var t) && t.Year is >= 2000 and <= 2099)
                return t;
            throw new UsageException($"-rtc {text}: base must be utc, default, or a date 2000-2099 as YYYY-MM-DD[THH:MM:SS]");
        }
        return VzFast.Machines.Malta.MaltaLayout.DefaultRtcStart;
    }

    /// <summary>QEMU's -m syntax: a number of MiB, or a number with a K, M, G or T suffix.</summary>
    public static ulong ParseSize(string text)
    {
        string t = text.Trim();
        if (t.Length == 0) throw new UsageException("-m needs a size");
        ulong unit = 1UL << 20;
        char last = char.ToUpperInvariant(t[^1]);
        if (char.IsLetter(last))
        {
            unit = last switch
            {
                'K' => 1UL << 10,
                'M' => 1UL << 20,
                'G' => 1UL << 30,
                'T' => 1UL << 40,
                _ => throw new UsageException($"-m {text}: unknown size suffix '{t[^1]}'"),
            };
            t = t[..^1];
        }
        if (!ulong.TryParse(t, out ulong n) || n == 0) throw new UsageException($"-m {text}: not a size");
        return checked(n * unit);
    }
}

internal sealed class UsageException(string message) : Exception(message);
