using BenchmarkDotNet.Attributes;
using ELFSharp.ELF;
using VzFast.Cpu;

namespace VzFast.Perf;

/// <summary>Decoder throughput over the instruction words of a real guest's text section.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private uint[] _words = [];

    [GlobalSetup]
    public void Setup()
    {
        using var elf = ELFReader.Load<ulong>(Guests.PathOf("compute.elf"));
        var text = elf.GetSection(".text").GetContents();
        _words = new uint[text.Length / 4];
        Buffer.BlockCopy(text, 0, _words, 0, _words.Length * 4);
    }

    [Benchmark(Description = "decode one guest text section")]
    public int DecodeText()
    {
        int sum = 0;
        foreach (uint w in _words) sum += (int)Decoder.Decode(w);
        return sum;
    }
}
