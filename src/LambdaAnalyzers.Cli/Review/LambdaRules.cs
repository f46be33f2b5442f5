using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>The analyzers and code fixes the package ships, found the way a host finds them: by their export attributes.</summary>
    internal static class LambdaRules
    {
        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(ShippedAnalyzers.Create);

        private static readonly Lazy<ImmutableArray<CodeFixProvider>> LazyFixers = new(LambdaAnalyzers.CodeFixes.ShippedCodeFixes.Create);

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers => LazyAnalyzers.Value;

        public static ImmutableArray<CodeFixProvider> Fixers => LazyFixers.Value;

        public static IReadOnlyList<RuleInfo> Catalog
            => Analyzers.SelectMany(a => a.SupportedDiagnostics)
                .GroupBy(d => d.Id)
                .Select(g => g.First())
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => new RuleInfo(d.Id, d.Title.ToString(), d.Description.ToString(), d.Category, d.DefaultSeverity, d.HelpLinkUri))
                .ToList();

        public static IEnumerable<CodeFixProvider> FixersFor(string diagnosticId) => Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnosticId));
    }
}
