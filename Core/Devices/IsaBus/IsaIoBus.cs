using VzFast.Memory;

namespace VzFast.Devices.IsaBus;

/// <summary>A device on the ISA I/O port space.</summary>
public interface IIoPortDevice
{
    /// <summary>Accesses wider than this are split into consecutive ports (a 16550 is byte-wide).</summary>
    int AccessWidth { get; }

    ulong ReadPort(int offset, int size);

    void WritePort(int offset, int size, ulong value);
}

/// <summary>
/// The 64 KiB ISA I/O port space as the PCI I/O window exposes it. Ports no device claims read
/// as all ones and ignore writes; offsets past 64 KiB read 0 (both as measured on QEMU's Malta).
/// </summary>
public sealed class IsaIoBus : IMmioDevice
{
    private readonly IIoPortDevice?[] _ports = new IIoPortDevice?[0x10000];
    private readonly ushort[] _base = new ushort[0x10000];

    public void Attach(int port, int count, IIoPortDevice device)
    {
        for (int p = port; p < port + count; p++)
        {
            if (_ports[p] != null) throw new InvalidOperationException($"I/O port 0x{p:x} is claimed twice");
            _ports[p] = device;
            _base[p] = (ushort)port;
        }
    }

    public void Detach(int port, int count)
    {
        for (int p = port; p < port + count; p++) _ports[p] = null;
    }

    public bool IsFree(int port, int count)
    {
        if (port < 0 || port + count > 0x10000) return false;
        for (int p = port; p < port + count; p++)
            if (_ports[p] != null) return false;
        return true;
    }

    public ulong Read(ulong offset, int size)
    {
        if (offset >= 0x10000) return 0;
        ulong value = 0;
        int done = 0;
        while (done < size)
        {
            int port = (int)offset + done;
            var dev = port < 0x10000 ? _ports[port] : null;
            int chunk = dev == null ? 1 : Math.Min(size - done, Math.Max(1, dev.AccessWidth));
            ulong part = dev == null ? (port < 0x10000 ? 0xFFUL : 0UL) : dev.ReadPort(port - _base[port], chunk);
            value |= (part & (chunk == 8 ? ulong.MaxValue : (1UL << (chunk * 8)) - 1)) << (done * 8);
            done += chunk;
        }
        return value;
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if (offset >= 0x10000) return;
        int done = 0;
        while (done < size)
        {
            int port = (int)offset + done;
            var dev = port < 0x10000 ? _ports[port] : null;
            int chunk = dev == null ? 1 : Math.Min(size - done, Math.Max(1, dev.AccessWidth));
            dev?.WritePort(port - _base[port], chunk, value >> (done * 8));
            done += chunk;
        }
    }
}
