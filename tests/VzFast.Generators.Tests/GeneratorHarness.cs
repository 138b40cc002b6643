using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace VzFast.Generators.Tests;

/// <summary>An additional file held in memory.</summary>
internal sealed class MemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Runs SpecGenerator on in-memory specs and compiles what it emits.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll" or "System.Collections.dll" or "System.Runtime.InteropServices.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "SpecTest",
        sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Preview))),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(params AdditionalText[] texts) => CSharpGeneratorDriver.Create(
        [new SpecGenerator().AsSourceGenerator()],
        texts,
        new CSharpParseOptions(LanguageVersion.Preview),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public string Source(string hint) => Run.Results.Single().GeneratedSources.Single(s => s.HintName == hint).SourceText.ToString();
        public IEnumerable<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static Result Run(string? isa = null, string? cp0 = null, params string[] sources)
    {
        var texts = new List<AdditionalText>();
        if (isa != null) texts.Add(new MemoryText("/specs/isa.yaml", isa));
        if (cp0 != null) texts.Add(new MemoryText("/specs/cp0.yaml", cp0));
        var driver = Driver(texts.ToArray()).RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var diags);
        return new Result(driver.GetRunResult(), output, diags);
    }

    public static Assembly Load(Compilation c)
    {
        using var ms = new MemoryStream();
        var emit = c.Emit(ms);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(ms.ToArray());
    }
}
