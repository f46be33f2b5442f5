using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM102: a credential written in the code: an AWS access key ID, BasicAWSCredentials from literals, a connection string with a password, a literal given to a secret-named member.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardcodedCredentialAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.HardcodedCredential,
            title: "Hard-coded credential",
            messageFormat: "{0} is written in the code: it ships in the deployment package, the repository and every copy of them, and cannot be rotated without a release; read it at runtime from Secrets Manager or Parameter Store, and use the function's execution role instead of access keys",
            RuleCategories.Secrets,
            DiagnosticSeverity.Error,
            description: "Credentials in source code end up in the deployment package, in version control and in build logs. A Lambda function gets AWS credentials from its execution role; other secrets belong in Secrets Manager or Parameter Store.");

        private static readonly Regex AccessKeyId = new(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant);
        private static readonly Regex ConnectionStringPassword = new(@"(?:^|;)\s*(?:password|pwd)\s*=\s*(?<value>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            var scope = TestProjects.For(context.Compilation, context.Options);
            context.RegisterOperationAction(
                c =>
                {
                    if (scope.Includes(c.Operation.Syntax.SyntaxTree))
                    {
                        AnalyzeLiteral(c, lambda);
                    }
                },
                OperationKind.Literal);
            context.RegisterOperationAction(
                c =>
                {
                    if (scope.Includes(c.Operation.Syntax.SyntaxTree))
                    {
                        AnalyzeCredentials(c, lambda);
                    }
                },
                OperationKind.ObjectCreation);
        }

        private protected override bool LooksAtDeployedProjects => true;

        private static void AnalyzeLiteral(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            if (context.Operation.ConstantValue is not { HasValue: true, Value: string text } || Placeholders.IsPlaceholder(text) || IsInAssertion(context.Operation)
                || IsInTestMethod(context.ContainingSymbol) || IsCredentialsArgument(context.Operation, lambda.Types))
            {
                return;
            }

            string? what = null;
            if (AccessKeyId.Match(text) is { Success: true } key && key.Value != "AKIAIOSFODNN7EXAMPLE")
            {
                what = "An AWS access key ID";
            }
            else if (ConnectionStringPassword.Match(text) is { Success: true } password && !Placeholders.IsPlaceholder(password.Groups["value"].Value.Trim()))
            {
                what = "A connection string with a password";
            }
            else if (!LooksLikeConnectionString(text)
                     && !NamesASecret(text)
                     && SecretNameOfTarget(context.Operation) is { } name
                     && SecretNames.For(context.Options, context.Operation.Syntax.SyntaxTree).IsSecret(name))
            {
                what = $"The value of '{name}'";
            }

            if (what is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), what));
            }
        }

        private static void AnalyzeCredentials(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if ((creation.Type.Is(lambda.Types.BasicAWSCredentials) || creation.Type.Is(lambda.Types.SessionAWSCredentials))
                && !IsInTestMethod(context.ContainingSymbol)
                && creation.Arguments.Length >= 2
                && creation.Arguments.Take(2).All(a => a.Value.ConstantValue is { HasValue: true, Value: string value } && !Placeholders.IsPlaceholder(value)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, creation.Syntax.GetLocation(), $"'{creation.Type!.Name}' built from literal keys"));
            }
        }

        /// <summary>The name a literal is given to: a local, field, property, object-initializer member or named parameter.</summary>
        private static string? SecretNameOfTarget(IOperation literal)
        {
            var value = literal;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Name,
                IFieldInitializerOperation field => field.InitializedFields.FirstOrDefault()?.Name,
                IPropertyInitializerOperation property => property.InitializedProperties.FirstOrDefault()?.Name,
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment when assignment.Value == value
                    => indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } ? key : null, // headers["x-api-key"] = "…"
                ISimpleAssignmentOperation assignment when assignment.Value == value => assignment.Target.ReferencedMember()?.Name
                                                                                           ?? (assignment.Target as ILocalReferenceOperation)?.Local.Name,
                IArgumentOperation { Parameter: { } parameter } when IsCredentialApi(parameter.ContainingSymbol as IMethodSymbol) => parameter.Name,
                _ => null,
            };
        }

        private static readonly string[] CredentialTypeSuffixes = { "Credential", "Credentials", "ConnectionStringBuilder", "Config", "ClientConfiguration", "ClientOptions", "ConnectionOptions", "Authenticator" };

        /// <summary>
        /// Whether a method's parameters take credentials by their names: members of credentials classes
        /// (<c>NetworkCredential</c>, <c>BasicAWSCredentials</c>), connection-string builders, client configs and
        /// options, authenticators, and the constructors of clients (<c>new StripeClient(apiKey: …)</c>). A
        /// parameter named <c>token</c> or <c>key</c> of a JSON, parsing or collection API names a slot in a
        /// document, not a credential.
        /// </summary>
        private static bool IsCredentialApi(IMethodSymbol? method)
        {
            if (method?.ContainingType is not { } declaring)
            {
                return false;
            }

            for (var type = declaring; type is not null; type = type.BaseType)
            {
                var name = type.Name;
                if (CredentialTypeSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal))
                    || (method.MethodKind == MethodKind.Constructor && name.EndsWith("Client", StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An ARN (<c>arn:aws:secretsmanager:…</c>) or a Parameter Store name (<c>/orders/db/password</c>) points to a
        /// secret: keeping it in code is the compliant pattern, whatever the member is called.
        /// </summary>
        private static bool NamesASecret(string text)
            => text.StartsWith("arn:aws", StringComparison.Ordinal)
               || (text.Length > 1 && text[0] == '/' && text.All(c => char.IsLetterOrDigit(c) || c is '/' or '-' or '_' or '.'));

        /// <summary>A connection string shows whether it holds a password: without one it is no credential, whatever it is called.</summary>
        private static bool LooksLikeConnectionString(string text) => text.IndexOf('=') > 0 && text.IndexOf(';') > 0;

        /// <summary>The keys given to BasicAWSCredentials are reported once, on the creation.</summary>
        private static bool IsCredentialsArgument(IOperation literal, WellKnownTypes types)
            => literal.Parent is IArgumentOperation { Parent: IObjectCreationOperation creation }
               && (creation.Type.Is(types.BasicAWSCredentials) || creation.Type.Is(types.SessionAWSCredentials));

        private static readonly string[] TestAttributes = { "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute", "TestCaseSourceAttribute", "TestMethodAttribute", "DataTestMethodAttribute", "DataRowAttribute", "InlineDataAttribute" };

        /// <summary>
        /// A test's own inputs and expectations (xunit, NUnit, MSTest, and attributes derived from theirs): fixtures
        /// such as the source a test feeds an analyzer, fake keys by convention. Found by name, so no test
        /// framework needs to be referenced for the rule to know one.
        /// </summary>
        private static bool IsInTestMethod(ISymbol containingSymbol)
        {
            for (var symbol = containingSymbol; symbol is not null and not INamedTypeSymbol; symbol = symbol.ContainingSymbol)
            {
                if (symbol is IMethodSymbol method && method.GetAttributes().Any(a => IsTestAttribute(a.AttributeClass)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTestAttribute(INamedTypeSymbol? attribute)
        {
            for (var type = attribute; type is not null; type = type.BaseType)
            {
                if (Array.IndexOf(TestAttributes, type.Name) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInAssertion(IOperation literal)
            => literal.Ancestors().OfType<IInvocationOperation>().Any(call => call.TargetMethod.ContainingType.Name is "Assert" or "CollectionAssert" or "StringAssert" || call.TargetMethod.Name.StartsWith("Should", StringComparison.Ordinal));
    }
}
