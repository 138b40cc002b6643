using VzFast.Cp0;

namespace VzFast.Cpu;

/// <summary>Counters the CPU keeps while it runs (printed by --stats).</summary>
public sealed class CpuStats
{
    public readonly long[] ExceptionsByCode = new long[32];
    /// <summary>Exceptions the VZ guest took in its own context (no root involvement).</summary>
    public readonly long[] GuestExceptionsByCode = new long[32];
    public long Interrupts;

    /// <summary>Exceptions taken in root context (under VZ: the guest exits and root faults).</summary>
    public IEnumerable<(ExcCode Code, long Count)> Exceptions() => NonZero(ExceptionsByCode);

    /// <summary>Exceptions the guest took in its own context.</summary>
    public IEnumerable<(ExcCode Code, long Count)> GuestExceptions() => NonZero(GuestExceptionsByCode);

    private static IEnumerable<(ExcCode Code, long Count)> NonZero(long[] counts)
    {
        for (int i = 0; i < counts.Length; i++)
            if (counts[i] != 0) yield return ((ExcCode)i, counts[i]);
    }
}
