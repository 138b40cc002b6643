using VzFast.Cp0;

namespace VzFast.Cpu;

/// <summary>Exception cause names as the MIPS manuals spell them (Vol. III table 9.x, Cause.ExcCode).</summary>
public static class ExceptionNames
{
    private static readonly string[] Names =
    [
        "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU", "Ov", "Tr", "MSAFPE", "FPE",
        "16", "17", "C2E", "TLBRI", "TLBXI", "MSADis", "MDMX", "WATCH", "MCheck", "Thread", "DSPDis", "GE", "28", "29", "CacheErr", "31",
    ];

    public static string Of(ExcCode code) => Names[(int)code & 31];
}
