using System.Text;

namespace VzFast.Frontend.Guests;

/// <summary>
/// Writes a cpio archive in the "newc" format the Linux kernel unpacks as an initramfs
/// (Documentation/driver-api/early-userspace/buffer-format.rst): a 110-byte ASCII header per
/// entry, the name and the data each padded to four bytes, and a TRAILER!!! entry. Device nodes
/// are written without needing root, which is why the initramfs is built here and not by cpio(1).
/// </summary>
public sealed class CpioNewc(Stream output)
{
    private const uint Directory = 0x4000, Regular = 0x8000, CharDevice = 0x2000, Symlink = 0xA000;
    private uint _inode = 1;
    private long _written;

    public void AddDirectory(string name, uint mode = 0x1ED) => Add(name, Directory | mode, 2, [], 0, 0);

    public void AddFile(string name, ReadOnlySpan<byte> data, uint mode = 0x1A4) => Add(name, Regular | mode, 1, data, 0, 0);

    public void AddCharDevice(string name, uint major, uint minor, uint mode = 0x180) => Add(name, CharDevice | mode, 1, [], major, minor);

    public void AddSymlink(string name, string target) => Add(name, Symlink | 0x1FF, 1, Encoding.UTF8.GetBytes(target), 0, 0);

    /// <summary>Ends the archive.</summary>
    public void Finish() => Add("TRAILER!!!", 0, 1, [], 0, 0, inode: 0);

    private void Add(string name, uint mode, uint nlink, ReadOnlySpan<byte> data, uint rdevMajor, uint rdevMinor, uint? inode = null)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        string header = "070701" + string.Concat(new uint[]
        {
            inode ?? _inode++, mode, 0, 0, nlink, 0, (uint)data.Length, 0, 0, rdevMajor, rdevMinor, (uint)nameBytes.Length + 1, 0,
        }.Select(v => v.ToString("X8")));
        Write(Encoding.ASCII.GetBytes(header));
        Write(nameBytes);
        Write([0]);
        Pad();
        Write(data);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _written += bytes.Length;
    }

    private void Pad()
    {
        while (_written % 4 != 0) Write([0]);
    }
}
