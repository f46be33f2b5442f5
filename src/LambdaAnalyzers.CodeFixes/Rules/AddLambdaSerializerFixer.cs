using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM306, serializer reason: add <c>[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]</c>, offered
    /// when Amazon.Lambda.Serialization.SystemTextJson is referenced. One assembly attribute serves every handler of
    /// the project, so there is nothing for Fix All to add.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddLambdaSerializerFixer)), Shared]
    public sealed class AddLambdaSerializerFixer : CodeFixProvider
    {
        private const string Attribute = "[assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.HandlerRuntimeRefuses);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics.FirstOrDefault(d =>
                d.Properties.TryGetValue(HandlerContractAnalyzer.ReasonProperty, out var reason) && reason == HandlerContractAnalyzer.SerializerReason);
            var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (diagnostic is null || compilation is null || root is not CompilationUnitSyntax unit
                || LambdaCompilation.For(compilation).Types.DefaultLambdaJsonSerializer is null)
            {
                return;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]",
                    _ =>
                    {
                        var attribute = SyntaxFactory.ParseCompilationUnit(Attribute).AttributeLists[0]
                            .WithLeadingTrivia(unit.Usings.Count > 0 ? SyntaxFactory.TriviaList(unit.EndOfLine()) : SyntaxFactory.TriviaList())
                            .WithTrailingTrivia(unit.EndOfLine());
                        return Task.FromResult(document.WithSyntaxRoot(unit.AddAttributeLists(attribute)));
                    },
                    nameof(AddLambdaSerializerFixer)),
                diagnostic);
        }
    }
}
