using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM103: a secret value, or text built from it, written to the logs.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SecretLoggedAnalyzer : LambdaAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = Rule.Create(
            RuleIds.SecretLogged,
            title: "Secret value written to logs",
            messageFormat: "'{0}' writes a secret value to the logs: CloudWatch Logs keeps it in plaintext, for the log group's retention, for anyone who can read the group; log its name, its length or a hash instead",
            RuleCategories.Secrets,
            DiagnosticSeverity.Warning,
            description: "Everything a Lambda function writes to its logger or to the console goes to CloudWatch Logs. A secret written there (the value of a secret-named variable, SecretString, a parameter's Value, or text built from them) leaks to every reader of the log group and to every log export.");

        private const int MaxHops = 4;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal sealed override bool ReportsAtTheOperation => true;

        private protected override void OnLambdaCompilationStart(CompilationStartAnalysisContext context, LambdaCompilation lambda)
        {
            context.RegisterOperationAction(c => Analyze(c, lambda), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, LambdaCompilation lambda)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!LogSinks.IsLogSink(invocation.TargetMethod, lambda.Types))
            {
                return;
            }

            var names = SecretNames.For(context.Options, invocation.Syntax.SyntaxTree);
            var root = invocation.Root();
            if (invocation.Arguments.Any(a => CarriesSecret(a.Value, root, lambda.Types, names, MaxHops)))
            {
                var sink = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), sink));
            }
        }

        /// <summary>
        /// The value is a secret, or text made from one (concatenation, interpolation, string.Format/Concat/Join,
        /// string methods on it), directly or through locals. Metadata (Name, ARN, Length) and other derived
        /// facts (a hash, IsNullOrEmpty) are not the secret.
        /// </summary>
        private static bool CarriesSecret(IOperation value, IOperation root, WellKnownTypes types, SecretNames names, int hops)
        {
            value = value.WithoutConversions();
            switch (value)
            {
                case var _ when SecretSources.IsSecretValue(value, types):
                    return true;
                case var _ when SecretSources.PlaintextSecretKey(value, types, names) is not null:
                    return !SecretSources.IsDecryptedWithKms(value, types);
                case ILocalReferenceOperation local when hops > 0:
                    return InvocationInput.ValuesOf(local.Local, root).Any(v => CarriesSecret(v, root, types, names, hops - 1));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return CarriesSecret(binary.LeftOperand, root, types, names, hops) || CarriesSecret(binary.RightOperand, root, types, names, hops);
                case IInterpolatedStringOperation interpolated:
                    return interpolated.Parts.OfType<IInterpolatedStringContentOperation>()
                        .SelectMany(p => p.ChildOperations)
                        .Any(part => CarriesSecret(part, root, types, names, hops));
                case IInterpolationOperation interpolation:
                    return CarriesSecret(interpolation.Expression, root, types, names, hops);
                case IArrayCreationOperation { Initializer: { } elements }:
                    return elements.ElementValues.Any(e => CarriesSecret(e, root, types, names, hops));
                case IInvocationOperation call when call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String:
                    return call.TargetMethod.IsStatic
                        ? call.TargetMethod.Name is "Concat" or "Format" or "Join" && call.Arguments.Any(a => CarriesSecret(a.Value, root, types, names, hops))
                        : call.Instance is { } text && call.Type?.SpecialType == SpecialType.System_String && CarriesSecret(text, root, types, names, hops);
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } receiver }:
                    return CarriesSecret(receiver, root, types, names, hops);
                default:
                    return false;
            }
        }
    }
}
