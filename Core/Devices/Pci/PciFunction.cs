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

    public void WriteConfig(int offset, int size, uint value)
    {
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
