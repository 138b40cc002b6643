namespace VzFast.Devices.Pci;

/// <summary>
/// One PCI function's 256-byte configuration space (PCI Local Bus Specification 2.2, chapter 6):
/// the header fields the function presents, with a per-byte mask of what software may write.
/// Functions with side effects on writes override <see cref="Written"/>.
/// </summary>
public class PciFunction
{
    protected readonly byte[] Config = new byte[256];
    protected readonly byte[] WriteMask = new byte[256];

    public string Name { get; }

    public PciFunction(string name, ushort vendor, ushort device, uint classRevision)
    {
        Name = name;
        Set16(0x00, vendor);
        Set16(0x02, device);
        Set32(0x08, classRevision);
        WriteMask[0x04] = 0xFF; // command
        WriteMask[0x05] = 0x07;
        WriteMask[0x0C] = 0xFF; // cache line size
        WriteMask[0x0D] = 0xFF; // latency timer
        WriteMask[0x3C] = 0xFF; // interrupt line
    }

    public ushort Vendor => Get16(0x00);

    private readonly uint[] _barSizes = new uint[6];

    /// <summary>
    /// Declares base address register <paramref name="index"/>: <paramref name="size"/> bytes (a power of
    /// two) of memory space, or of I/O space (PCI 2.2, 6.2.5.1). Software sizes it by writing all ones
    /// and reading back the mask, then writes the address.
    /// </summary>
    protected void DefineBar(int index, uint size, bool io = false, bool prefetchable = false)
    {
        if (size == 0 || (size & (size - 1)) != 0) throw new ArgumentException("a BAR's size is a power of two", nameof(size));
        _barSizes[index] = size;
        int o = 0x10 + index * 4;
        uint flags = io ? 1u : prefetchable ? 8u : 0u;
        Set32(o, flags);
        uint mask = ~(size - 1) & (io ? ~3u : ~0xFu);
        for (int i = 0; i < 4; i++) WriteMask[o + i] = (byte)(mask >> (i * 8));
    }

    /// <summary>The address BAR <paramref name="index"/> holds (flag bits cleared), and its size; size 0 when undeclared.</summary>
    public (uint Address, uint Size) Bar(int index)
    {
        uint v = Get32(0x10 + index * 4);
        return ((v & 1) != 0 ? v & ~3u : v & ~0xFu, _barSizes[index]);
    }

    /// <summary>Command register: memory space decoding enabled.</summary>
    public bool MemoryEnabled => (Config[0x04] & 2) != 0;

    /// <summary>Command register: I/O space decoding enabled.</summary>
    public bool IoEnabled => (Config[0x04] & 1) != 0;

    public ushort Get16(int offset) => (ushort)(Config[offset] | Config[offset + 1] << 8);

    public uint Get32(int offset) => (uint)(Config[offset] | Config[offset + 1] << 8 | Config[offset + 2] << 16 | Config[offset + 3] << 24);

    protected void Set16(int offset, ushort v)
    {
        Config[offset] = (byte)v;
        Config[offset + 1] = (byte)(v >> 8);
    }

    protected void Set32(int offset, uint v)
    {
        for (int i = 0; i < 4; i++) Config[offset + i] = (byte)(v >> (i * 8));
    }

    protected void Writable(int offset, int length, byte mask = 0xFF)
    {
        for (int i = 0; i < length; i++) WriteMask[offset + i] = mask;
    }

    public virtual uint ReadConfig(int offset, int size)
    {
        uint v = 0;
        for (int i = 0; i < size; i++) v |= (uint)Config[(offset + i) & 0xFF] << (i * 8);
        return v;
    }

    private byte[]? _powerOn;

    /// <summary>Back to the power-on configuration (a board reset).</summary>
    public void ResetConfig()
    {
        if (_powerOn != null) _powerOn.CopyTo(Config, 0);
    }

    public void WriteConfig(int offset, int size, uint value)
    {
        _powerOn ??= (byte[])Config.Clone();
        for (int i = 0; i < size; i++)
        {
            int o = (offset + i) & 0xFF;
            byte m = WriteMask[o];
            Config[o] = (byte)((Config[o] & ~m) | ((byte)(value >> (i * 8)) & m));
        }
        Written(offset, size);
    }

    /// <summary>Called after a configuration write (the affected bytes).</summary>
    protected virtual void Written(int offset, int size) { }
}
