using System;

namespace VzFast.Generators.Common
{
    internal sealed record GeneratedSource(string HintName, string Text) : IEquatable<GeneratedSource>;

    /// <summary>Everything one spec file produces: sources and errors, all equatable strings.</summary>
    internal sealed record GeneratedOutput(EquatableArray<GeneratedSource> Sources, EquatableArray<SpecDiagnostic> Diagnostics);
}
