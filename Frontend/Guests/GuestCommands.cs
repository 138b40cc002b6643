using System.CommandLine;

namespace VzFast.Frontend.Guests;

/// <summary>`vzfast fetch NAME` and `vzfast boot NAME`.</summary>
internal static class GuestCommands
{
    private static DebianGuest Debian(ParseResult r)
    {
        string name = r.GetValue(Cli.GuestName)!;
        if (name != "debian") throw new UsageException($"unknown guest '{name}' (the guest available is: debian)");
        return new DebianGuest(r.GetValue(Cli.CacheDir) ?? DebianGuest.DefaultCacheDir(), Console.Error);
    }

    public static int Fetch(ParseResult r)
    {
        Debian(r).Fetch(vmlinux: r.GetValue(Cli.WithVmlinux), force: r.GetValue(Cli.Force));
        return 0;
    }

    /// <summary>The run `boot debian` means: the cached kernel and initramfs, console on ttyS0, 256 MiB unless -m says otherwise.</summary>
    public static RunRequest BootRequest(ParseResult r, RunRequest req)
    {
        var guest = Debian(r);
        bool vmlinux = r.GetValue(Cli.BootVmlinux);
        guest.Fetch(vmlinux);
        if (req.Kernel != null || req.Initrd != null) throw new UsageException("boot debian chooses the kernel and initrd itself");
        string append = "console=ttyS0" + (r.GetValue(Cli.PowerOff) ? " " + DebianGuest.PowerOffArgument : "") + (req.Append.Length > 0 ? " " + req.Append : "");
        bool memorySet = r.GetResult(Cli.Memory) is { Implicit: false };
        return req with
        {
            Kernel = vmlinux ? guest.VmlinuxPath : guest.KernelPath,
            Initrd = guest.InitrdPath,
            Append = append,
            RamBytes = memorySet ? req.RamBytes : 256UL << 20,
        };
    }
}
