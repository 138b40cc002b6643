using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace VzFast.Frontend.Guests;

/// <summary>
/// Debian bookworm's Malta kernel and an initramfs around busybox-static, fetched for mips64el
/// with apt-get into a cache folder with its own package lists and archive cache (the host's apt
/// setup is only read), then unpacked with dpkg-deb. `vzfast fetch debian`, `vzfast boot debian`
/// and scripts/fetch-debian all come here.
/// </summary>
public sealed class DebianGuest(string cacheDir, TextWriter log)
{
    public const string KernelMetaPackage = "linux-image-5kc-malta";
    public const string BusyboxPackage = "busybox-static";
    /// <summary>What /init prints once the userland is up (the boot tests and perf/ wait for it).</summary>
    public const string Marker = "VZFAST-BOOT-OK";
    /// <summary>On the kernel command line, makes /init power the machine off after the marker.</summary>
    public const string PowerOffArgument = "vzfast.poweroff";

    public string CacheDir { get; } = cacheDir;
    public string KernelPath => Path.Combine(CacheDir, "vmlinuz");
    public string VmlinuxPath => Path.Combine(CacheDir, "vmlinux");
    public string InitrdPath => Path.Combine(CacheDir, "initrd.gz");
    public string KernelVersionPath => Path.Combine(CacheDir, "kernel-version");

    /// <summary>$VZFAST_CACHE, else $XDG_CACHE_HOME/vzfast, else ~/.cache/vzfast; then /debian.</summary>
    public static string DefaultCacheDir()
    {
        string? root = Environment.GetEnvironmentVariable("VZFAST_CACHE");
        if (string.IsNullOrEmpty(root))
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "vzfast");
        }
        return Path.Combine(root, "debian");
    }

    public bool Ready(bool vmlinux = false) => File.Exists(KernelPath) && File.Exists(InitrdPath) && (!vmlinux || File.Exists(VmlinuxPath));

    /// <summary>Fetches what is missing (everything with <paramref name="force"/>). Throws <see cref="FetchException"/> with a clear message.</summary>
    public void Fetch(bool vmlinux = false, bool force = false)
    {
        if (!force && Ready(vmlinux))
        {
            log.WriteLine($"vzfast: the Debian guest is in {CacheDir}");
            return;
        }
        try
        {
            Directory.CreateDirectory(CacheDir);
            string debs = Path.Combine(CacheDir, "debs");
            Directory.CreateDirectory(debs);
            UpdateLists();
            string kernelPackage = ResolveKernelPackage();
            log.WriteLine($"vzfast: downloading {kernelPackage} and {BusyboxPackage} (mips64el)");
            Apt("apt-get", debs, "download", kernelPackage, BusyboxPackage);
            string kernelDeb = FindDeb(debs, kernelPackage);
            string busyboxDeb = FindDeb(debs, BusyboxPackage);

            string unpack = Path.Combine(CacheDir, "unpack");
            if (Directory.Exists(unpack)) Directory.Delete(unpack, true);
            Directory.CreateDirectory(unpack);
            Run("dpkg-deb", CacheDir, "-x", kernelDeb, Path.Combine(unpack, "kernel"));
            Run("dpkg-deb", CacheDir, "-x", busyboxDeb, Path.Combine(unpack, "busybox"));
            string vmlinuz = Directory.GetFiles(Path.Combine(unpack, "kernel", "boot"), "vmlinuz-*").SingleOrDefault()
                ?? throw new FetchException($"{kernelPackage} has no /boot/vmlinuz-*");
            File.Copy(vmlinuz, KernelPath, overwrite: true);
            File.WriteAllText(KernelVersionPath, Path.GetFileName(vmlinuz)["vmlinuz-".Length..] + "\n");
            byte[] busybox = File.ReadAllBytes(Path.Combine(unpack, "busybox", "bin", "busybox"));
            WriteInitramfs(busybox, InitrdPath);
            Directory.Delete(unpack, true);
            log.WriteLine($"vzfast: kernel {KernelPath}");
            log.WriteLine($"vzfast: initramfs {InitrdPath}");
            if (vmlinux) FetchVmlinux(kernelPackage, debs);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new FetchException($"the disk holding {CacheDir} is full ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FetchException($"cannot write to {CacheDir}: {e.Message}");
        }
    }

    /// <summary>The plain vmlinux with symbols, from the -dbg package (about 660 MB; only vmlinux is extracted).</summary>
    private void FetchVmlinux(string kernelPackage, string debs)
    {
        string dbg = kernelPackage + "-dbg";
        log.WriteLine($"vzfast: downloading {dbg} for the plain vmlinux with symbols (large)");
        Apt("apt-get", debs, "download", dbg);
        string deb = FindDeb(debs, dbg);
        string version = File.ReadAllText(KernelVersionPath).Trim();
        string member = $"./usr/lib/debug/boot/vmlinux-{version}";
        string tmp = Path.Combine(CacheDir, "vmlinux.partial");
        using (var tar = Process.Start(new ProcessStartInfo("sh", ["-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -xO \"$2\" > \"$3\"", "sh", deb, member, tmp])
                   { RedirectStandardError = true }) ?? throw new FetchException("cannot start dpkg-deb"))
        {
            string err = tar.StandardError.ReadToEnd();
            tar.WaitForExit();
            if (tar.ExitCode != 0 || new FileInfo(tmp).Length == 0) throw new FetchException($"cannot extract {member} from {deb}: {err.Trim()}");
        }
        File.Move(tmp, VmlinuxPath, overwrite: true);
        File.Delete(deb); // the rest of the package is debug info for modules
        log.WriteLine($"vzfast: vmlinux {VmlinuxPath}");
    }

    /// <summary>The initramfs: busybox, /init, /dev/console, and the mount points /init uses.</summary>
    public static void WriteInitramfs(byte[] busybox, string path)
    {
        string tmp = path + ".partial";
        using (var file = File.Create(tmp))
        using (var gz = new GZipStream(file, CompressionLevel.Optimal))
        {
            var cpio = new CpioNewc(gz);
            foreach (var d in new[] { "bin", "sbin", "dev", "proc", "sys", "tmp", "root", "etc" }) cpio.AddDirectory(d);
            cpio.AddCharDevice("dev/console", 5, 1);
            cpio.AddCharDevice("dev/null", 1, 3, 0x1B6);
            cpio.AddFile("bin/busybox", busybox, 0x1ED);
            cpio.AddSymlink("bin/sh", "busybox");
            cpio.AddFile("init", Encoding.ASCII.GetBytes(InitScript), 0x1ED);
            cpio.AddFile("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"u8);
            cpio.Finish();
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>/init: mounts, the marker, then power off (when asked on the command line) or a shell on the console.</summary>
    public const string InitScript = $$"""
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev 2>/dev/null
        echo {{Marker}}
        if grep -q {{PowerOffArgument}} /proc/cmdline; then poweroff -f; fi
        echo "VzFast: a busybox shell on the console; 'poweroff -f' or Ctrl-A x ends it"
        export HOME=/root PS1='# '
        cd /root
        setsid cttyhack sh
        poweroff -f

        """;

    private string Lists => Path.Combine(CacheDir, "apt", "lists");

    private const string Keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    /// <summary>Debian bookworm's archive (and its updates, which carry the current kernel) for mips64el.</summary>
    private string SourcesList => Path.Combine(CacheDir, "apt", "sources.list");

    /// <summary>apt options that keep apt's state and sources in the cache folder and select mips64el.</summary>
    private string[] AptOptions() =>
    [
        "-oAPT::Architecture=mips64el", "-oAPT::Architectures=mips64el",
        $"-oDir::State::Lists={Lists}", $"-oDir::Cache={Path.Combine(CacheDir, "apt", "cache")}",
        $"-oDir::Etc::SourceList={SourcesList}", "-oDir::Etc::SourceParts=/nonexistent",
        "-oAPT::Sandbox::User=root", "-qq",
    ];

    private void UpdateLists()
    {
        Directory.CreateDirectory(Path.Combine(Lists, "partial"));
        Directory.CreateDirectory(Path.Combine(CacheDir, "apt", "cache", "archives", "partial"));
        if (!File.Exists(Keyring)) throw new FetchException($"{Keyring} is missing: install debian-archive-keyring");
        File.WriteAllText(SourcesList,
            $"deb [arch=mips64el signed-by={Keyring}] http://deb.debian.org/debian bookworm main\n" +
            $"deb [arch=mips64el signed-by={Keyring}] http://deb.debian.org/debian bookworm-updates main\n" +
            $"deb [arch=mips64el signed-by={Keyring}] http://deb.debian.org/debian-security bookworm-security main\n");
        log.WriteLine("vzfast: updating the mips64el package lists");
        Apt("apt-get", CacheDir, "update");
    }

    private string ResolveKernelPackage()
    {
        string deps = Apt("apt-cache", CacheDir, "depends", KernelMetaPackage);
        foreach (var line in deps.Split('\n'))
        {
            string t = line.Trim();
            if (t.StartsWith("Depends: linux-image-", StringComparison.Ordinal)) return t["Depends: ".Length..].Trim();
        }
        throw new FetchException($"the package lists do not say which kernel {KernelMetaPackage} depends on");
    }

    private static string FindDeb(string dir, string package) =>
        Directory.GetFiles(dir, package + "_*_mips64el.deb").OrderBy(f => f).LastOrDefault()
        ?? throw new FetchException($"apt-get did not leave {package}_*_mips64el.deb in {dir}");

    private string Apt(string tool, string workDir, params string[] args) => Run(tool, workDir, [.. AptOptions(), .. args]);

    private static string Run(string tool, string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, args) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new FetchException($"cannot start {tool}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new FetchException($"{tool} is not installed: fetching the Debian guest needs a Debian host (apt-get, dpkg-deb)");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                string why = string.Join(" ", stderr.Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal) || l.StartsWith("dpkg-deb", StringComparison.Ordinal)).Take(3));
                if (why.Length == 0) why = stderr.Trim().Split('\n').LastOrDefault() ?? "";
                if (why.Contains("No space left", StringComparison.Ordinal)) throw new FetchException($"the disk is full ({why})");
                if (tool == "apt-get" && args.Contains("update"))
                    throw new FetchException($"cannot reach the Debian package registry: {why}");
                throw new FetchException($"{tool} {string.Join(' ', args.Where(a => !a.StartsWith("-o", StringComparison.Ordinal)))} failed: {why}");
            }
            return stdout.Result;
        }
    }

    private static bool IsDiskFull(IOException e) => e.HResult == 28 || (e.HResult & 0xFFFF) == 28 || e.Message.Contains("No space left", StringComparison.Ordinal);
}

public sealed class FetchException(string message) : Exception(message);
