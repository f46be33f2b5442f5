using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>The code fixes this assembly ships, found by their export attribute, for hosts that apply them directly.</summary>
    internal static class ShippedCodeFixes
    {
        public static ImmutableArray<CodeFixProvider> Create()
            => typeof(ShippedCodeFixes).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .ToImmutableArray();
    }
}
