using VzFast.Cp0;

namespace VzFast.Cpu;

/// <summary>Counters the CPU keeps while it runs (printed by --stats).</summary>
public sealed class CpuStats
{
    public readonly long[] ExceptionsByCode = new long[32];
    /// <summary>Exceptions the VZ guest took in its own context (no root involvement).</summary>
    public readonly long[] GuestExceptionsByCode = new long[32];
    public long Interrupts;

    public IEnumerable<(ExcCode Code, long Count)> Exceptions()
    {
        for (int i = 0; i < ExceptionsByCode.Length; i++)
            if (ExceptionsByCode[i] != 0) yield return ((ExcCode)i, ExceptionsByCode[i]);
    }
}
