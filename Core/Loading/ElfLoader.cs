using ELFSharp.ELF;
using ELFSharp.ELF.Segments;
using VzFast.Memory;

namespace VzFast.Loading;

/// <summary>What loading an ELF placed: its entry point (sign-extended for ELF32) and physical extent.</summary>
public sealed record LoadedImage(ulong Entry, ulong LowPhysical, ulong HighPhysical, bool Is64Bit);

/// <summary>
/// Loads a little-endian MIPS ELF executable's PT_LOAD segments into RAM by physical address,
/// mapped as QEMU's load_elf does for Malta (the segment's physical address through a
/// kseg0-to-physical translation), zero-filling past the file data.
/// </summary>
public static class ElfLoader
{
    public static LoadedImage Load(string path, AddressMap bus, Func<ulong, ulong> toPhysical)
    {
        if (!File.Exists(path)) throw new GuestImageException($"cannot open '{path}': no such file");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GuestImageException($"cannot read '{path}': {e.Message}");
        }
        return Load(bytes, path, bus, toPhysical);
    }

    /// <summary>Loads an ELF image held in memory; <paramref name="name"/> appears in error messages.</summary>
    public static LoadedImage Load(byte[] image, string name, AddressMap bus, Func<ulong, ulong> toPhysical)
    {
        string path = name;
        IELF? elf;
        try
        {
            if (image.Length < 4 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new GuestImageException($"'{path}' is not an ELF file");
            if (!ELFReader.TryLoad(new MemoryStream(image, writable: false), true, out elf) || elf == null)
                throw new GuestImageException($"'{path}' is not a valid ELF file");
        }
        catch (GuestImageException) { throw; }
        catch (Exception)
        {
            throw new GuestImageException($"'{path}' is not a valid ELF file");
        }
        using (elf)
        {
            if (elf.Machine != Machine.MIPS) throw new GuestImageException($"'{path}' is an ELF for {elf.Machine}, not MIPS");
            if (elf.Endianess != ELFSharp.Endianess.LittleEndian)
                throw new GuestImageException($"'{path}' is a big-endian ELF; VzFast emulates little-endian MIPS (mips64el)");
            if (elf.Type != FileType.Executable) throw new GuestImageException($"'{path}' is not an executable ELF (type {elf.Type})");
            return elf.Class == Class.Bit64 ? Place((ELF<ulong>)elf, path, bus, toPhysical) : Place((ELF<uint>)elf, path, bus, toPhysical);
        }
    }

    private static LoadedImage Place<T>(ELF<T> elf, string path, AddressMap bus, Func<ulong, ulong> toPhysical) where T : struct
    {
        bool is64 = typeof(T) == typeof(ulong);
        ulong Wide(T v) => is64 ? (ulong)(object)v : (ulong)(long)(int)(uint)(object)v; // ELF32 addresses sign-extend
        ulong low = ulong.MaxValue, high = 0;
        int loaded = 0;
        foreach (var seg in elf.Segments)
        {
            if (seg.Type != SegmentType.Load) continue;
            ulong memSize = Wide(seg.Size);
            if (memSize == 0) continue;
            ulong pa = toPhysical(Wide(seg.PhysicalAddress));
            byte[] file = seg.GetFileContents();
            var image = new byte[memSize];
            Array.Copy(file, image, Math.Min(file.Length, image.Length));
            if (!bus.TryWriteRam(pa, image))
                throw new GuestImageException($"'{path}': segment at physical 0x{pa:x} ({memSize} bytes) does not fit in RAM");
            low = Math.Min(low, pa);
            high = Math.Max(high, pa + memSize);
            loaded++;
        }
        if (loaded == 0) throw new GuestImageException($"'{path}' has no loadable segments");
        return new LoadedImage(Wide(elf.EntryPoint), low, high, is64);
    }
}
