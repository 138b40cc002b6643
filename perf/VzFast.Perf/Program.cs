using BenchmarkDotNet.Running;

namespace VzFast.Perf;

public static class Program
{
    /// <summary>dotnet run -c Release --project perf/VzFast.Perf -- --filter '*'</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
