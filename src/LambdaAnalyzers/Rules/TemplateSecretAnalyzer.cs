using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM405: a literal secret under a secret-named environment variable of a function in a template.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TemplateSecretAnalyzer : DeploymentFileAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.TemplateSecret,
            title: "Plaintext secret in a template's environment variables",
            messageFormat: "Environment variable '{0}' of '{1}' holds a literal secret: it is stored in the template, the stack, and the function's configuration in plaintext; pass the secret's ARN or the parameter's name and read the value at runtime",
            RuleCategories.Deployment,
            DiagnosticSeverity.Error,
            description: "A literal secret in a template's environment variables lives in version control, in CloudFormation and in the function's configuration, readable by anyone who can read any of them. Dynamic references, !Ref / !GetAtt / !Sub values, ARNs and parameter names are not reported.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void Analyze(AdditionalFileAnalysisContext context, DeploymentFile file, LambdaCompilation lambda)
        {
            var names = SecretNames.For(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile));
            foreach (var function in file.Functions)
            {
                foreach (var scope in new[] { function.Properties, function.Globals })
                {
                    var variables = DeploymentFile.Child(DeploymentFile.Child(scope, "Environment") as YamlMappingNode, "Variables") as YamlMappingNode;
                    if (variables is null)
                    {
                        continue;
                    }

                    foreach (var variable in variables.Children)
                    {
                        if (variable.Key is YamlScalarNode { Value: { } name } key
                            && variable.Value is YamlScalarNode { Value: { } value } literal
                            && literal.Tag.IsEmpty
                            && names.IsSecret(name)
                            && IsLiteralSecret(value))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptor, file.LocationOf(key), name, function.LogicalId));
                        }
                    }
                }
            }
        }

        /// <summary>Not a dynamic reference, an ARN, a parameter path or a placeholder.</summary>
        private static bool IsLiteralSecret(string value)
            => !value.StartsWith("{{resolve:", StringComparison.Ordinal)
               && !value.StartsWith("arn:", StringComparison.Ordinal)
               && !value.StartsWith("/", StringComparison.Ordinal)
               && !Placeholders.IsPlaceholder(value);
    }
}
