using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers
{
    /// <summary>The analyzers this assembly ships, found as a compiler finds them (their export attribute), for hosts that run them directly: lambda-review, the benchmarks, the tests.</summary>
    internal static class ShippedAnalyzers
    {
        public static ImmutableArray<DiagnosticAnalyzer> Create()
            => typeof(ShippedAnalyzers).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
    }
}
