using System.Collections.Immutable;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM401: a handler string in a deployment file that the .NET runtime would not resolve to one method.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandlerStringAnalyzer : DeploymentFileAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.HandlerStringUnresolved,
            title: "Handler string does not resolve",
            messageFormat: "Handler '{0}' of '{1}' does not resolve: {2}; the function deploys, then fails on its first invocation",
            RuleCategories.Deployment,
            DiagnosticSeverity.Error,
            description: "The .NET managed runtime resolves Assembly::Namespace.Type::Method when it first loads the function: the type by full metadata name (nested types with +), the method by name on the type or a base type. A name that matches nothing, or several overloads, fails every invocation.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override bool ChecksServerlessFramework => true;

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            if (HandlerString.IsCustomRuntimeExecutable(context.Compilation))
            {
                return;
            }

            context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.projectdir", out var projectDirectory);
            foreach (var function in file.Functions)
            {
                var (result, _, typeName, methodName) = HandlerString.Resolve(function, context.Compilation);
                string? reason = result switch
                {
                    // An old assembly name left in the project's own deployment file (after a rename).
                    HandlerResolution.OtherAssembly when file.DeploysProjectAt(function, string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory)
                        => $"assembly '{function.Handler!.Split(':')[0]}' is not the one this project builds ('{context.Compilation.AssemblyName}'), and the runtime fails with 'could not load assembly'",
                    HandlerResolution.Malformed => "the .NET runtime expects the format Assembly::Namespace.Type::Method",
                    HandlerResolution.TypeNotFound => TypeNotFound(context.Compilation, typeName!),
                    HandlerResolution.MethodNotFound => MethodNotFound(context.Compilation, typeName!, methodName!),
                    HandlerResolution.Overloaded => $"method '{methodName}' of '{typeName}' has several overloads, and the runtime refuses an ambiguous handler",
                    _ => null,
                };
                if (reason is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, function.HandlerLocation ?? function.Location, function.Handler, function.LogicalId, reason));
                }
            }
        }

        private static string TypeNotFound(Compilation compilation, string typeName)
        {
            var reason = $"type '{typeName}' is not in assembly '{compilation.AssemblyName}'";
            var (nearest, nestedSpelling) = HandlerStringHint.NearestType(compilation, typeName);
            return nearest is null ? reason
                : nestedSpelling ? $"{reason}; nested types are written Outer+Inner: did you mean '{HandlerStringHint.MetadataName(nearest)}'?"
                : $"{reason}; did you mean '{HandlerStringHint.MetadataName(nearest)}'?";
        }

        private static string MethodNotFound(Compilation compilation, string typeName, string methodName)
        {
            var reason = $"type '{typeName}' has no method '{methodName}'";
#pragma warning disable RS0030 // A name read from a deployment file, not a well-known type.
            var type = compilation.Assembly.GetTypeByMetadataName(typeName);
#pragma warning restore RS0030
            return type is not null && HandlerStringHint.NearestMethod(type, methodName) is { } nearest ? $"{reason}; did you mean '{nearest}'?" : reason;
        }

    }
}
