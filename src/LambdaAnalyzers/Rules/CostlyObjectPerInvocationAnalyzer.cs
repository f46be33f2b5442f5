using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM004: objects that cache expensive work internally (serializer metadata, compiled regexes, DI graphs, parsed certificates) thrown away after each invocation.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CostlyObjectPerInvocationAnalyzer : PerInvocationCreationAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = LambdaAnalyzers.Rule.Create(
            RuleIds.CostlyObjectPerInvocation,
            title: "Costly reusable object built per invocation",
            messageFormat: "'{0}' is built on every invocation of '{1}'{2}; {3}",
            RuleCategories.Reuse,
            DiagnosticSeverity.Info,
            description: "JsonSerializerOptions, Regex, a DI ServiceProvider, an IConfiguration root and loaded certificates cache expensive work inside themselves. Built per invocation, that work is repeated on every warm invocation. Build them once per execution environment, in a static readonly field.");

        public CostlyObjectPerInvocationAnalyzer()
            : base(Descriptor)
        {
        }

        private protected override string Remedy(ReuseCandidate candidate)
            => "build it once in a static readonly field so warm invocations reuse its cached work";

        private protected override string KeyedRemedy(ReuseCandidate candidate)
            => "its pattern comes from the event (or its options do); call the static Regex methods (Regex.IsMatch(input, pattern)), which keep recently used patterns parsed in Regex's own cache, or keep one Regex per pattern in a static ConcurrentDictionary";
    }
}
