using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// LAM203: let Lambda see the failure. The analyzer says which fix is safe: end the catch with
    /// <c>throw;</c> so Lambda retries or dead-letters the event; or, in an SQS/stream handler that returns a
    /// partial batch response (where a rethrow would fail the whole batch), add the loop's record to the
    /// response's <c>BatchItemFailures</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RethrowFixer)), Shared]
    public sealed class RethrowFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FailureSwallowed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var catchClause = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>();
                if (catchClause is null || !diagnostic.Properties.TryGetValue(FailureSwallowedAnalyzer.FixProperty, out var kind))
                {
                    continue;
                }

                var document = context.Document;
                if (kind == FailureSwallowedAnalyzer.FixKinds.AddBatchItemFailure)
                {
                    var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    if (model is not null && BatchItemFailureFor(catchClause, model, context.CancellationToken) is { } statements)
                    {
                        var recorded = catchClause.Block.WithStatements(InsertBeforeJump(catchClause.Block.Statements, statements.Select(st => st.WithTrailingTrivia(catchClause.EndOfLine())).ToArray()));
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Add the record to BatchItemFailures so Lambda retries only it",
                                _ => Task.FromResult(document.WithSyntaxRoot(root!.ReplaceNode(catchClause.Block, recorded))),
                                nameof(RethrowFixer) + "." + kind),
                            diagnostic);
                    }

                    continue;
                }

                // After a return or another jump, a rethrow would never run: the user decides what the catch means.
                if (catchClause.Block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax)
                {
                    continue;
                }

                var rethrown = catchClause.Block.AddStatements(ThrowStatement().WithAdditionalAnnotations(Formatter.Annotation));
                context.RegisterCodeFix(
                    CodeAction.Create("Rethrow so Lambda retries the event", _ => Task.FromResult(document.WithSyntaxRoot(root!.ReplaceNode(catchClause.Block, rethrown))), nameof(RethrowFixer)),
                    diagnostic);
            }
        }

        /// <summary>
        /// <c>failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });</c> for the
        /// record of the loop around the catch, into a list of failures (or a response) declared before the loop;
        /// for a stream, then <c>break;</c>: Lambda checkpoints before the first failed record and retries from it.
        /// Null when the catch is in no record loop or there is no such list.
        /// </summary>
        private static StatementSyntax[]? BatchItemFailureFor(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
        {
            var loop = catchClause.Ancestors()
                .TakeWhile(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax))
                .OfType<ForEachStatementSyntax>()
                .FirstOrDefault();
            if (loop is null || model.GetForEachStatementInfo(loop).ElementType is not INamedTypeSymbol record)
            {
                return null;
            }

            var (identifier, isStream) = record.ToDisplayString() switch
            {
                "Amazon.Lambda.SQSEvents.SQSEvent.SQSMessage" => ("MessageId", false),
                "Amazon.Lambda.KinesisEvents.KinesisEvent.KinesisEventRecord" => ("Kinesis.SequenceNumber", true),
                "Amazon.Lambda.DynamoDBEvents.DynamoDBEvent.DynamodbStreamRecord" => ("Dynamodb.SequenceNumber", true),
                _ => (null, false),
            };
            if (identifier is null || FailureList(loop, catchClause, model, cancellationToken) is not { } target)
            {
                return null;
            }

            var failureType = target.FailureType.ToMinimalDisplayString(model, catchClause.SpanStart);
            var add = ParseStatement($"{target.Expression}.Add(new {failureType} {{ ItemIdentifier = {loop.Identifier.ValueText}.{identifier} }});")
                .WithAdditionalAnnotations(Formatter.Annotation);

            // `break` leaves the record loop only when no other loop or switch lies between it and the catch.
            var leavesTheLoop = isStream && catchClause.Ancestors().TakeWhile(n => n != loop).All(n => n is not (ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax));
            return leavesTheLoop && !EndsWithJump(catchClause.Block)
                ? new[] { add, BreakStatement().WithAdditionalAnnotations(Formatter.Annotation) }
                : new[] { add };
        }

        /// <summary>A local declared before the loop, in scope at the catch: a list of batch-item failures, or the response holding one.</summary>
        private static (string Expression, ITypeSymbol FailureType)? FailureList(ForEachStatementSyntax loop, CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
        {
            var body = loop.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax);
            if (body is null)
            {
                return null;
            }

            (string, ITypeSymbol)? response = null;
            foreach (var declarator in body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (declarator.SpanStart >= loop.SpanStart
                    || declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } scope
                    || !scope.Span.Contains(catchClause.Span)
                    || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
                {
                    continue;
                }

                if (FailureElement(local.Type) is { } element)
                {
                    return (local.Name, element);
                }

                if (response is null
                    && local.Type.GetMembers("BatchItemFailures").OfType<IPropertySymbol>().FirstOrDefault() is { } failures
                    && FailureElement(failures.Type) is { } responseElement)
                {
                    response = (local.Name + ".BatchItemFailures", responseElement);
                }
            }

            return response;
        }

        /// <summary>The <c>BatchItemFailure</c> type a list, <c>IList</c> or <c>ICollection</c> holds.</summary>
        private static ITypeSymbol? FailureElement(ITypeSymbol type)
            => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } collection
               && collection.Name is "List" or "IList" or "ICollection"
               && collection.TypeArguments[0].Name == "BatchItemFailure"
                ? collection.TypeArguments[0]
                : null;

        private static bool EndsWithJump(BlockSyntax block)
            => block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax;

        /// <summary>The statements at the end of the block, or before the jump that ends it.</summary>
        private static SyntaxList<StatementSyntax> InsertBeforeJump(SyntaxList<StatementSyntax> statements, StatementSyntax[] added)
            => statements.Count > 0 && EndsWithJump(Block(statements))
                ? statements.InsertRange(statements.Count - 1, added)
                : statements.AddRange(added);
    }
}
