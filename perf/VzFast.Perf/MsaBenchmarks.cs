using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using VzFast.Cpu;
using VzFast.Machines;
using VzFast.Machines.Malta;

namespace VzFast.Perf;

/// <summary>
/// The MSA datapath with System.Runtime.Intrinsics against the element-by-element loop it replaced
/// (the portable path: one Elem/WithElem per lane, as the MSA pseudocode reads), 1024 operations per
/// call: integer add and multiply on halfwords, the byte interleave with SSE2's unpack and portably,
/// and single-precision FMADD on the whole vector (exact Inexact) against the element soft-float.
/// </summary>
[MemoryDiagnoser]
public class MsaOpBenchmarks
{
    private const int Ops = 1024;
    private Vector128<ulong> _a = Vector128.Create(0x0123_4567_89AB_CDEFUL, 0xFEDC_BA98_7654_3210UL);
    private Vector128<ulong> _b = Vector128.Create(0x1111_2222_3333_4444UL, 0x5555_6666_7777_8888UL);
    private Vector128<ulong> _fa = Vector128.Create(1.25f, 0.5f, -3.0f, 7.75f).AsUInt64();
    private Vector128<ulong> _fb = Vector128.Create(0.01f, 0.02f, 0.03f, 0.04f).AsUInt64();

    private static Vector128<ulong> Elementwise(int df, Vector128<ulong> s, Vector128<ulong> t, Func<long, long, long> f)
    {
        var r = Vector128<ulong>.Zero;
        for (int i = 0; i < CpuCore.Lanes(df); i++) r = CpuCore.WithElem(r, df, i, f(CpuCore.Elem(s, df, i), CpuCore.Elem(t, df, i)));
        return r;
    }

    private static readonly Func<long, long, long> Add = (a, b) => a + b, Mul = (a, b) => a * b;

    [Benchmark(Description = "ADDV.H Vector128")]
    public Vector128<ulong> AddVector() { var r = _a; for (int i = 0; i < Ops; i++) r = CpuCore.VAdd(1, r, _b); return r; }

    [Benchmark(Description = "ADDV.H element loop")]
    public Vector128<ulong> AddElements() { var r = _a; for (int i = 0; i < Ops; i++) r = Elementwise(1, r, _b, Add); return r; }

    [Benchmark(Description = "MULV.H Vector128")]
    public Vector128<ulong> MulVector() { var r = _a; for (int i = 0; i < Ops; i++) r = CpuCore.VMul(1, r, _b); return r; }

    [Benchmark(Description = "MULV.H element loop")]
    public Vector128<ulong> MulElements() { var r = _a; for (int i = 0; i < Ops; i++) r = Elementwise(1, r, _b, Mul); return r; }

    [Benchmark(Description = "ILVR.B SSE2 unpack")]
    public Vector128<ulong> InterleaveSse2() { var r = _a; for (int i = 0; i < Ops; i++) r = CpuCore.VInterleaveSse2(0, r, _b, false); return r; }

    [Benchmark(Description = "ILVR.B portable")]
    public Vector128<ulong> InterleavePortable() { var r = _a; for (int i = 0; i < Ops; i++) r = CpuCore.VInterleavePortable(0, r, _b, false); return r; }

    [Benchmark(Description = "FMADD.W Vector128 (exact Inexact)")]
    public Vector128<ulong> FmaddVector()
    {
        var r = _fa;
        for (int i = 0; i < Ops; i++)
            if (CpuCore.FastFma32(_fa.AsSingle(), _fb.AsSingle(), r.AsSingle(), out var x, out _)) r = x;
        return r;
    }

    [Benchmark(Description = "FMADD.W element soft-float")]
    public Vector128<ulong> FmaddElements()
    {
        var r = _fa;
        for (int i = 0; i < Ops; i++)
        {
            var x = Vector128<ulong>.Zero;
            for (int l = 0; l < 4; l++)
            {
                int f = 0;
                ulong e = VzFast.Cpu.Fpu.MsaFloat.MulAdd(CpuCore.UElem(_fa, 2, l), CpuCore.UElem(_fb, 2, l), CpuCore.UElem(r, 2, l), false, false, 0, ref f);
                x = CpuCore.WithElem(x, 2, l, (long)e);
            }
            r = x;
        }
        return r;
    }
}

/// <summary>The MSA-heavy guest (msabench.elf, -cpu Loongson-3A4000) from power-on under both accelerators.</summary>
[MemoryDiagnoser]
public class MsaGuestBenchmarks
{
    [Params(Accelerator.Vz, Accelerator.None)]
    public Accelerator Accel { get; set; }

    [Benchmark(Description = "msabench.elf scale=10 on Malta, Loongson-3A4000")]
    public long MsaBench()
    {
        using var m = new Malta(new MaltaOptions { RamBytes = 64UL << 20, KernelPath = Guests.PathOf("msabench.elf"), CommandLine = "scale=10", Accel = Accel, Cpu = CpuModel.Find("Loongson-3A4000")! }) { NoReboot = true };
        m.Com1.Output = _ => { };
        var exit = m.Run();
        if (exit.Reason != StopReason.Shutdown) throw new InvalidOperationException(exit.Message);
        return m.Cpu.InstructionCount;
    }
}
