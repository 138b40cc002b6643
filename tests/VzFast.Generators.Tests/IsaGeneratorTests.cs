using Microsoft.CodeAnalysis;

namespace VzFast.Generators.Tests;

public class IsaGeneratorTests
{
    private const string SmallSpec = """
        config: { namespace: T, handlers: Cpu, reserved: Reserved }
        fields: { rs: "25:21", rt: "20:16", rd: "15:11", sa: "10:6", imm: "15:0s" }
        formats: { R3: [rs, rt, rd], IType: [rs, rt, imm], Sh: [rt, rd, sa], None: [] }
        instructions:
          alu:
            ADDU:  { fmt: R3,   bits: "000000 ..... ..... ..... 00000 100001" }
            ADDIU: { fmt: IType, bits: "001001 ..... ..... ................" }
            SLL:   { fmt: Sh,   bits: "000000 00000 ..... ..... ..... 000000" }
            NOP:   { fmt: None, bits: "000000 00000 00000 00000 00000 000000", overrides: SLL }
            MADD:  { fmt: R3,   bits: "011100 ..... ..... ..... 00000 000000", impl: false }
        """;

    private const string Handlers = """
        namespace T;
        public partial class Cpu
        {
            public string Last = "";
            private partial void Addu(R3 op) => Last = $"addu {op.Rd},{op.Rs},{op.Rt}";
            private partial void Addiu(IType op) => Last = $"addiu {op.Rt},{op.Rs},{op.Imm}";
            private partial void Sll(Sh op) => Last = $"sll {op.Rd},{op.Rt},{op.Sa}";
            private partial void Nop(None op) => Last = "nop";
            private void Reserved(uint w) => Last = $"ri {w:x8}";
        }
        """;

    [Fact]
    public void SmallSpec_EmitsOpcodesOperandViewsDecoderAndDispatch()
    {
        var r = GeneratorHarness.Run(SmallSpec, null, Handlers);
        Assert.Empty(r.GeneratorDiagnostics);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("Addiu = 2,", r.Source("Opcode.g.cs"));
        Assert.Contains("public long Imm", r.Source("Operands.g.cs"));
        Assert.Contains("private partial void Addu(R3 op);", r.Source("Cpu.Dispatch.g.cs"));
        Assert.DoesNotContain("Madd(", r.Source("Cpu.Dispatch.g.cs")); // not implemented: no handler required
        // the table engine's dispatch: primary opcode table, SPECIAL's function table, reserved by default
        var tables = r.Source("Cpu.Tables.g.cs");
        Assert.Contains("internal void DispatchTable(uint w) => T0[(w >> 26) & 0x3Fu](this, w);", tables);
        Assert.Contains("private static void H_Addiu(Cpu c, uint w) => c.Addiu(new IType(w));", tables);
        Assert.Contains("&H_Reserved", tables);
        Assert.DoesNotContain("H_Madd", tables);

        var asm = GeneratorHarness.Load(r.Output);
        var decode = asm.GetType("T.Decoder")!.GetMethod("Decode")!;
        string Decode(uint w) => decode.Invoke(null, [w])!.ToString()!;
        Assert.Equal("Addu", Decode(0x0022_1821));  // addu v1, at, v0
        Assert.Equal("Addiu", Decode(0x2402_FFFF));
        Assert.Equal("Nop", Decode(0));
        Assert.Equal("Sll", Decode(0x0002_1880));
        Assert.Equal("Madd", Decode(0x7022_0000));
        Assert.Equal("Invalid", Decode(0x0022_1822));

        var cpu = Activator.CreateInstance(asm.GetType("T.Cpu")!)!;
        var execute = cpu.GetType().GetMethod("Execute", [typeof(uint)])!;
        string Run(uint w) { execute.Invoke(cpu, [w]); return (string)cpu.GetType().GetField("Last")!.GetValue(cpu)!; }
        Assert.Equal("addiu 2,0,-1", Run(0x2402_FFFF));
        Assert.Equal("addu 3,1,2", Run(0x0022_1821));
        Assert.Equal("ri 70220000", Run(0x7022_0000)); // decoded but not implemented
        Assert.Equal("ri 00221822", Run(0x0022_1822));
    }

    [Fact]
    public void MissingHandler_FailsTheBuildNamingIt()
    {
        var r = GeneratorHarness.Run(SmallSpec, null, Handlers.Replace("private partial void Sll(Sh op) => Last = $\"sll {op.Rd},{op.Rt},{op.Sa}\";", ""));
        var error = Assert.Single(r.CompileErrors);
        Assert.Equal("CS8795", error.Id);
        Assert.Contains("Sll", error.GetMessage());
    }

    [Fact]
    public void OverlappingEncodings_AreABuildError()
    {
        var spec = SmallSpec.Replace("overrides: SLL", "impl: true");
        var r = GeneratorHarness.Run(spec, null, Handlers);
        var d = Assert.Single(r.GeneratorDiagnostics);
        Assert.Equal("VZG004", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("'SLL' and 'NOP' overlap", d.GetMessage());
        Assert.Empty(r.Run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void AmbiguousSiblingEncodings_AreABuildError()
    {
        var spec = SmallSpec.Replace("""    MADD:  { fmt: R3,   bits: "011100 ..... ..... ..... 00000 000000", impl: false }""",
                                     """    MADD:  { fmt: R3,   bits: "001001 ..... ..... ..... 00000 000000" }""");
        var r = GeneratorHarness.Run(spec, null, Handlers);
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG004" && d.GetMessage().Contains("'ADDIU' and 'MADD'"));
    }

    [Fact]
    public void ChainedOverrides_DecodeTheNarrowestAndTheBaseStillRejectsStrangers()
    {
        // SLL <- SHX (rs = 0, sa = 1) <- SSNOP (rt = rd = 0 too), as MSA <- SLDI <- CTCMSA
        var spec = SmallSpec.Replace("""    MADD:  { fmt: R3,   bits: "011100 ..... ..... ..... 00000 000000", impl: false }""",
            """    SHX:   { fmt: None, bits: "000000 00000 ..... ..... 00001 000000", overrides: SLL }""" + "\n" +
            """    SSNOP: { fmt: None, bits: "000000 00000 00000 00000 00001 000000", overrides: SHX }""");
        var handlers = Handlers.Replace("    private void Reserved",
            "    private partial void Shx(None op) => Last = \"shx\";\n    private partial void Ssnop(None op) => Last = \"ssnop\";\n    private void Reserved");
        var r = GeneratorHarness.Run(spec, null, handlers);
        Assert.Empty(r.GeneratorDiagnostics);
        Assert.Empty(r.CompileErrors);
        var decode = GeneratorHarness.Load(r.Output).GetType("T.Decoder")!.GetMethod("Decode")!;
        string Decode(uint w) => decode.Invoke(null, [w])!.ToString()!;
        Assert.Equal("Ssnop", Decode(0x0000_0040));
        Assert.Equal("Shx", Decode(0x0001_0840));
        Assert.Equal("Sll", Decode(0x0001_0880));

        // SSNOP overriding NOP instead: it still overlaps SHX with no chain between them
        var r2 = GeneratorHarness.Run(spec.Replace("overrides: SHX", "overrides: SLL"), null, handlers);
        Assert.Contains(r2.GeneratorDiagnostics, d => d.Id == "VZG004" && d.GetMessage().Contains("'SHX' and 'SSNOP'"));
    }

    [Fact]
    public void OverrideMustBeStrictlyNarrower()
    {
        var spec = SmallSpec.Replace("""NOP:   { fmt: None, bits: "000000 00000 00000 00000 00000 000000", overrides: SLL }""",
                                     """NOP:   { fmt: None, bits: "000000 00000 00000 00000 00000 000001", overrides: SLL }""");
        var r = GeneratorHarness.Run(spec, null, Handlers);
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG004" && d.GetMessage().Contains("strict special case"));
    }

    [Fact]
    public void UnknownFieldName_IsABuildError()
    {
        var r = GeneratorHarness.Run(SmallSpec.Replace("R3: [rs, rt, rd]", "R3: [rs, rt, rdd]"), null, Handlers);
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG003" && d.GetMessage().Contains("'rdd'"));
    }

    [Fact]
    public void FieldNamedLikeItsFormat_IsABuildError()
    {
        var r = GeneratorHarness.Run(SmallSpec.Replace("IType: [rs, rt, imm]", "Imm: [rs, rt, imm]").Replace("fmt: IType", "fmt: Imm"), null, Handlers);
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG002" && d.GetMessage().Contains("'Imm'"));
    }

    [Fact]
    public void FieldOverFixedBits_IsABuildError()
    {
        var r = GeneratorHarness.Run(SmallSpec.Replace("Sh: [rt, rd, sa]", "Sh: [rs, rt, rd, sa]"), null, Handlers);
        Assert.Contains(r.GeneratorDiagnostics, d => d.Id == "VZG002" && d.GetMessage().Contains("covers fixed bits"));
    }

    [Fact]
    public void MalformedYaml_IsABuildErrorWithALine()
    {
        var r = GeneratorHarness.Run("fields: { rs: \"25:21\"\ninstructions: [", null);
        var d = Assert.Single(r.GeneratorDiagnostics, x => x.Id == "VZG001");
        Assert.Equal("VZG001", d.Id);
        Assert.True(d.Location.GetLineSpan().StartLinePosition.Line >= 0);
    }

    [Fact]
    public void UnchangedSpec_IsServedFromTheGeneratorCache()
    {
        var driver = GeneratorHarness.Driver(new MemoryText("/specs/isa.yaml", SmallSpec));
        var compilation = GeneratorHarness.Compilation(Handlers);
        driver = driver.RunGenerators(compilation);
        // A new compilation (an edited C# file) with the same spec text: the spec step must not re-run.
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated {}", new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview))));
        var steps = driver.GetRunResult().Results.Single().TrackedSteps[SpecGenerator.IsaOutputStep];
        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void ChangedSpec_IsRegenerated()
    {
        var text = new MemoryText("/specs/isa.yaml", SmallSpec);
        var driver = GeneratorHarness.Driver(text);
        var compilation = GeneratorHarness.Compilation(Handlers);
        driver = driver.RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(text, new MemoryText("/specs/isa.yaml", SmallSpec.Replace("100001", "100011")));
        driver = driver.RunGenerators(compilation);
        var reasons = driver.GetRunResult().Results.Single().TrackedSteps[SpecGenerator.IsaOutputStep].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    [Fact]
    public void RepositorySpecs_GenerateWithoutDiagnostics()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "specs", "isa.yaml"))) root = Path.GetDirectoryName(root)!;
        var r = GeneratorHarness.Run(File.ReadAllText(Path.Combine(root, "specs", "isa.yaml")), File.ReadAllText(Path.Combine(root, "specs", "cp0.yaml")));
        Assert.Empty(r.GeneratorDiagnostics);
        Assert.Equal(9, r.Run.Results.Single().GeneratedSources.Length); // Opcode, Operands, Decoder, Dispatch, Tables; CP0: four
    }
}
