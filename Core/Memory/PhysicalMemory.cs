using System.Runtime.InteropServices;

namespace VzFast.Memory;

/// <summary>
/// The machine's RAM: one pinned native block, handed out as spans and raw pointers.
/// It never moves, so the CPU's translation cache can keep host pointers into it.
/// </summary>
public sealed unsafe class PhysicalMemory : IDisposable
{
    public const int PageShift = 12;
    public const ulong PageSize = 1UL << PageShift;

    public byte* Base { get; private set; }
    private byte* _allocation;

    /// <summary>Raised when something other than the CPU writes the block (loaders, debuggers): host address and length, for code caches.</summary>
    public event Action<nint, int>? Written;

    internal void NotifyWritten(byte* host, int length) => Written?.Invoke((nint)host, length);
    public ulong Size { get; }

    public PhysicalMemory(ulong size)
    {
        if (size == 0 || (size & (PageSize - 1)) != 0) throw new ArgumentException("RAM size must be a non-zero multiple of 4 KiB", nameof(size));
        Size = size;
        // calloc: large blocks come zeroed from mmap, so untouched guest RAM costs no host memory;
        // one page more, so the block starts on a host page as guest pages do (code caches rely on it)
        _allocation = (byte*)NativeMemory.AllocZeroed((nuint)(size + PageSize));
        Base = (byte*)(((nuint)_allocation + (nuint)(PageSize - 1)) & ~(nuint)(PageSize - 1));
    }

    /// <summary>A view of <paramref name="length"/> bytes at <paramref name="offset"/> into the block.</summary>
    public Span<byte> Slice(ulong offset, int length)
    {
        if (offset > Size || (ulong)length > Size - offset) throw new ArgumentOutOfRangeException(nameof(offset));
        return new Span<byte>(Base + offset, length);
    }

    public void Dispose()
    {
        if (_allocation != null)
        {
            NativeMemory.Free(_allocation);
            _allocation = null;
            Base = null;
        }
    }
}
