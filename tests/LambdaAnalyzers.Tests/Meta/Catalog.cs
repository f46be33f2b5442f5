using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using LambdaAnalyzers.CodeFixes.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Meta
{
    /// <summary>Every analyzer and code fix the package ships (as the hosts find them), and what the tests check of them.</summary>
    internal static class Catalog
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ShippedAnalyzers.Create();

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = LambdaAnalyzers.CodeFixes.ShippedCodeFixes.Create();

        public static ImmutableArray<Type> CodeFixTypes { get; } = CodeFixes.Select(f => f.GetType()).ToImmutableArray();

        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        public static bool HasFix(string id) => CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));

        public static bool HasFixAll(string id) => CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id) && f.GetFixAllProvider() is not null);

        public static IEnumerable<string> RuleIdConstants => typeof(RuleIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);
    }
}
