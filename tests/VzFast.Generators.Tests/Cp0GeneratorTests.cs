namespace VzFast.Generators.Tests;

public class Cp0GeneratorTests
{
    private const string Spec = """
        config: { namespace: C }
        enums: { ExcCode: { Int: 0, Sys: 8 } }
        registers:
          Cause:  { reg: 13, sel: 0, guest: yes, fields: { BD: { bits: "31", access: ro }, IP: { bits: "15:8", writable: "9:8" }, ExcCode: { bits: "6:2", access: ro, enum: ExcCode } } }
          Status: { reg: 12, sel: 0, reset: 0x400004, fields: { TS: { bits: "21", access: clear-only }, KSU: { bits: "4:3" }, CU: { bits: "31:28", access: root-only } } }
        models:
          Tiny: { description: "t", params: { segbits: 40 }, reset: { Cause: 0x8 } }
        """;

    [Fact]
    public void Bitfields_HaveTypedPropertiesMasksAndMerge()
    {
        var r = GeneratorHarness.Run(null, Spec, """
            namespace C;
            public static class Probe
            {
                public static ulong SetSys() { var c = new Cause(0); c.ExcCode = ExcCode.Sys; c.BD = true; return c.Value; }
                public static ulong Masks() => Cause.WriteMask;
                public static ulong GuestWrite(ulong old, ulong v) => Status.Merge(old, v);
                public static ulong RootWrite(ulong old, ulong v) => Status.Merge(old, v, root: true);
                public static int Index() => Cp0Table.Status;
                public static ulong ModelReset() => CpuModels.Tiny.Resets[Cp0Table.Cause];
            }
            """);
        Assert.Empty(r.GeneratorDiagnostics);
        Assert.Empty(r.CompileErrors);
        var probe = GeneratorHarness.Load(r.Output).GetType("C.Probe")!;
        ulong Call(string name, params object[] args) => Convert.ToUInt64(probe.GetMethod(name)!.Invoke(null, args));
        Assert.Equal(0x8000_0020UL, Call("SetSys"));
        Assert.Equal(0x300UL, Call("Masks"));                        // only IP1:0 are writable
        Assert.Equal(0x18UL, Call("GuestWrite", 0UL, 0xF000_0018UL)); // CU is root-only: the guest cannot set it
        Assert.Equal(0xF000_0018UL, Call("RootWrite", 0UL, 0xF000_0018UL));
        Assert.Equal(0UL, Call("GuestWrite", 0x20_0000UL, 0UL));       // TS clears
        Assert.Equal(0x20_0000UL, Call("GuestWrite", 0x20_0000UL, 0x20_0000UL));
        Assert.Equal(0UL, Call("GuestWrite", 0UL, 0x20_0000UL));       // but never sets
        Assert.Equal(96UL, Call("Index"));
        Assert.Equal(8UL, Call("ModelReset"));
    }

    [Fact]
    public void OverlappingBitfields_AreABuildError()
    {
        var r = GeneratorHarness.Run(null, Spec.Replace("KSU: { bits: \"4:3\" }", "KSU: { bits: \"22:21\" }"));
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG005" && d.GetMessage().Contains("Status.KSU"));
    }

    [Fact]
    public void DuplicateRegisterNumber_IsABuildError()
    {
        var r = GeneratorHarness.Run(null, Spec.Replace("reg: 12, sel: 0", "reg: 13, sel: 0"));
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG004");
    }

    [Fact]
    public void UnknownEnumOrRegister_IsABuildError()
    {
        var r = GeneratorHarness.Run(null, Spec.Replace("enum: ExcCode", "enum: Nope").Replace("reset: { Cause: 0x8 }", "reset: { Cuase: 0x8 }"));
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG003" && d.GetMessage().Contains("Nope"));
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG003" && d.GetMessage().Contains("Cuase"));
    }
}
