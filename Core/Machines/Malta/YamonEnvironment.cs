using System.Text;

namespace VzFast.Machines.Malta;

/// <summary>
/// The argument and environment table the YAMON convention passes at physical 0x2000 (as QEMU's
/// prom_set builds it): 16 32-bit pointers, then 16 strings of 256 bytes. argv = [kernel, command
/// line]; envp (from entry 2) = memsize, ememsize, modetty0, rngseed pairs, then NULL.
/// </summary>
public static class YamonEnvironment
{
    public static byte[] Build(string kernelName, string commandLine, ulong ramLowSize, ulong ramSize, string rngSeedHex)
    {
        string[] entries =
        [
            kernelName, commandLine,
            "memsize", ramLowSize.ToString(),
            "ememsize", ramSize.ToString(),
            "modetty0", "38400n8r",
            "rngseed", rngSeedHex,
        ];
        int n = MaltaLayout.EnvEntries;
        var table = new byte[n * 4 + n * MaltaLayout.EnvEntrySize];
        for (int i = 0; i < entries.Length; i++)
        {
            int stringOffset = n * 4 + i * MaltaLayout.EnvEntrySize;
            BitConverter.TryWriteBytes(table.AsSpan(i * 4), (uint)(MaltaLayout.EnvVirtual + (ulong)stringOffset));
            var bytes = Encoding.UTF8.GetBytes(entries[i]);
            int len = Math.Min(bytes.Length, MaltaLayout.EnvEntrySize - 1);
            bytes.AsSpan(0, len).CopyTo(table.AsSpan(stringOffset));
        }
        return table;
    }
}
