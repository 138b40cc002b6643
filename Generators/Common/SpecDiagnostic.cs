using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VzFast.Generators.Common
{
    /// <summary>A spec error as plain data (no Location objects in the pipeline model).</summary>
    internal sealed record SpecDiagnostic(string Id, string Message, string Path, int Line, int Column) : IEquatable<SpecDiagnostic>
    {
        public Diagnostic ToDiagnostic()
        {
            var pos = new LinePosition(Math.Max(0, Line - 1), Math.Max(0, Column - 1));
            var location = Location.Create(Path, new TextSpan(0, 0), new LinePositionSpan(pos, pos));
            return Diagnostic.Create(Descriptors.For(Id), location, Message);
        }
    }

    internal static class Descriptors
    {
        private const string Category = "VzFast.Specs";

        public static DiagnosticDescriptor For(string id) => new DiagnosticDescriptor(
            id, Title(id), "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        private static string Title(string id) => id switch
        {
            Ids.Yaml => "Spec is not valid YAML",
            Ids.Schema => "Spec entry is malformed",
            Ids.UnknownField => "Unknown field name",
            Ids.Overlap => "Ambiguous or overlapping encoding",
            Ids.BitfieldOverlap => "Bitfield overlaps another",
            _ => "Spec error",
        };
    }

    internal static class Ids
    {
        public const string Yaml = "VZG001";
        public const string Schema = "VZG002";
        public const string UnknownField = "VZG003";
        public const string Overlap = "VZG004";
        public const string BitfieldOverlap = "VZG005";
    }
}
