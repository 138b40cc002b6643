namespace VzFast.Memory;

/// <summary>A device register window on the physical bus. Offsets are relative to the window start.</summary>
public interface IMmioDevice
{
    /// <summary>Reads <paramref name="size"/> bytes (1, 2, 4 or 8), little-endian.</summary>
    ulong Read(ulong offset, int size);

    void Write(ulong offset, int size, ulong value);
}
