namespace VzFast.Devices.Pci;

/// <summary>
/// PCI bus 0: functions by device and function number, reached by configuration mechanism #1
/// style addresses (bus 23:16, device 15:11, function 10:8, register 7:2). Nothing answers for
/// absent functions: reads are all ones and the host bridge sees a master abort.
/// </summary>
public sealed class PciBus
{
    private readonly PciFunction?[] _functions = new PciFunction?[256];

    public void Attach(int device, int function, PciFunction f)
    {
        int devfn = device << 3 | function;
        if (_functions[devfn] != null) throw new InvalidOperationException($"PCI {device:x2}.{function} is taken");
        _functions[devfn] = f;
    }

    public PciFunction? Find(uint address)
    {
        if (((address >> 16) & 0xFF) != 0) return null; // only bus 0
        return _functions[(address >> 8) & 0xFF];
    }

    /// <summary>A configuration read; null when no function answers (master abort).</summary>
    public uint? Read(uint address, int offset, int size) => Find(address)?.ReadConfig((int)(address & 0xFC) + offset, size);

    /// <summary>A configuration write; false when no function answers.</summary>
    public bool Write(uint address, int offset, int size, uint value)
    {
        var f = Find(address);
        f?.WriteConfig((int)(address & 0xFC) + offset, size, value);
        return f != null;
    }
}
