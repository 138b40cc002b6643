using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using VzFast.Generators.Common;
using VzFast.Generators.Cp0;
using VzFast.Generators.Isa;

namespace VzFast.Generators
{
    /// <summary>
    /// Turns specs/isa.yaml and specs/cp0.yaml (AdditionalFiles) into C#. Each spec's text is parsed and
    /// emitted in one pipeline step whose output is plain equatable strings, so an unchanged spec is cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SpecGenerator : IIncrementalGenerator
    {
        public const string IsaTextStep = "IsaText";
        public const string IsaOutputStep = "IsaOutput";
        public const string Cp0OutputStep = "Cp0Output";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var texts = context.AdditionalTextsProvider
                .Select((t, ct) => (Name: Path.GetFileName(t.Path), t.Path, Text: t.GetText(ct)?.ToString() ?? ""));

            var isa = texts.Where(t => t.Name == "isa.yaml").WithTrackingName(IsaTextStep)
                .Select((t, _) => Run(t.Path, t.Text, doc => IsaParser.Parse(doc) is { } s ? IsaEmitter.Emit(s) : null))
                .WithTrackingName(IsaOutputStep);
            var cp0 = texts.Where(t => t.Name == "cp0.yaml")
                .Select((t, _) => Run(t.Path, t.Text, doc => Cp0Parser.Parse(doc) is { } s ? Cp0Emitter.Emit(s) : null))
                .WithTrackingName(Cp0OutputStep);

            context.RegisterSourceOutput(isa, Output);
            context.RegisterSourceOutput(cp0, Output);
        }

        private static GeneratedOutput Run(string path, string text, Func<YamlDoc, System.Collections.Generic.IEnumerable<GeneratedSource>?> emit)
        {
            var doc = new YamlDoc(path, text);
            var sources = ImmutableArray<GeneratedSource>.Empty;
            try
            {
                var produced = emit(doc)?.ToImmutableArray() ?? ImmutableArray<GeneratedSource>.Empty;
                // A spec with errors emits nothing, so the build stops at the spec error, not at follow-on C# errors.
                if (doc.Errors.Count == 0) sources = produced;
            }
            catch (Exception e)
            {
                doc.Error(Ids.Schema, "spec could not be processed: " + e.Message, null);
            }
            return new GeneratedOutput(new EquatableArray<GeneratedSource>(sources), new EquatableArray<SpecDiagnostic>(doc.Errors.ToImmutableArray()));
        }

        private static void Output(SourceProductionContext ctx, GeneratedOutput output)
        {
            foreach (var d in output.Diagnostics) ctx.ReportDiagnostic(d.ToDiagnostic());
            foreach (var s in output.Sources) ctx.AddSource(s.HintName, s.Text);
        }
    }
}
