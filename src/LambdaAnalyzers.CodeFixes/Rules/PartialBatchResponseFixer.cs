using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
    /// LAM202: return a partial batch response. The record loop's body moves into a try; a failure adds the
    /// record's ID (SQS message ID, or stream sequence number, stopping there so the shard keeps its order)
    /// to <c>BatchItemFailures</c>, and the handler returns them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialBatchResponseFixer)), Shared]
    public sealed class PartialBatchResponseFixer : CodeFixProvider
    {
        private const string FailuresName = "batchItemFailures";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.WholeBatchFails);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create((context, document, diagnostics) => FixAsync(document, diagnostics, context.CancellationToken)!);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root is null || model is null || Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Return {plan.Response} with per-record BatchItemFailures (enable ReportBatchItemFailures on the event source)",
                        ct => FixAsync(document, new[] { diagnostic }, ct),
                        nameof(PartialBatchResponseFixer)),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var plans = diagnostics.Select(d => Plan(root, model, d, cancellationToken)).OfType<BatchPlan>().ToList();
            if (plans.Count == 0)
            {
                return document;
            }

            var changed = root.ReplaceNodes(plans.Select(p => p.Method), (original, _) => Rewrite(plans.First(p => p.Method == original)));
            foreach (var @namespace in new[] { "System", "System.Collections.Generic" }.Concat(plans.Select(p => p.ResponseNamespace)).Distinct())
            {
                changed = Usings.EnsureUsing(changed, model.Compilation, @namespace);
            }

            return document.WithSyntaxRoot(changed);
        }

        private static BatchPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax { Body: { } body } method
                || model.GetDeclaredSymbol(method, cancellationToken) is not { Parameters.Length: > 0 } symbol
                || body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any()
                || symbol.ContainingType.GetMembers(FailuresName).Length > 0
                || body.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(v => v.Identifier.ValueText == FailuresName))
            {
                return null;
            }

            var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
            if (!(symbol.ReturnsVoid && !isAsync) && !(isAsync && symbol.ReturnType.Name == "Task" && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false }))
            {
                return null;
            }

            var events = symbol.Parameters[0];
            // `foreach (var m in evt.Records)`, or over a local alias declared in the body: `var records = evt.Records;`.
            bool IsRecords(ExpressionSyntax expression)
                => expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Records", Expression: IdentifierNameSyntax source }
                   && source.Identifier.ValueText == events.Name;
            var aliases = body.Statements.OfType<LocalDeclarationStatementSyntax>()
                .SelectMany(d => d.Declaration.Variables)
                .Where(v => v.Initializer is { Value: var value } && IsRecords(value))
                .Select(v => v.Identifier.ValueText)
                .ToList();
            var loop = body.Statements.OfType<ForEachStatementSyntax>().FirstOrDefault(l =>
                IsRecords(l.Expression) || (l.Expression is IdentifierNameSyntax alias && aliases.Contains(alias.Identifier.ValueText)));
            if (loop is null)
            {
                return null;
            }

            var record = loop.Identifier.ValueText;
            return events.Type.ToDisplayString() switch
            {
                "Amazon.Lambda.SQSEvents.SQSEvent" => new BatchPlan(method, loop, isAsync, "SQSBatchResponse", "Amazon.Lambda.SQSEvents", record + ".MessageId", stopAtFirstFailure: false),
                "Amazon.Lambda.KinesisEvents.KinesisEvent" => new BatchPlan(method, loop, isAsync, "StreamsEventResponse", "Amazon.Lambda.KinesisEvents", record + ".Kinesis.SequenceNumber", stopAtFirstFailure: true),
                "Amazon.Lambda.DynamoDBEvents.DynamoDBEvent" => new BatchPlan(method, loop, isAsync, "StreamsEventResponse", "Amazon.Lambda.DynamoDBEvents", record + ".Dynamodb.SequenceNumber", stopAtFirstFailure: true),
                _ => null,
            };
        }

        private static MethodDeclarationSyntax Rewrite(BatchPlan plan)
        {
            var method = plan.Method;
            var failure = plan.Response + ".BatchItemFailure";
            var record = ParseStatement($"{FailuresName}.Add(new {failure} {{ ItemIdentifier = {plan.ItemIdentifier} }});");
            var catchStatements = plan.StopAtFirstFailure ? new[] { record, BreakStatement() } : new[] { record };
            var guardedBody = TryStatement(
                plan.Loop.Statement is BlockSyntax block ? block.WithoutTrivia() : Block(plan.Loop.Statement.WithoutTrivia()),
                SingletonList(CatchClause().WithDeclaration(CatchDeclaration(IdentifierName("Exception"))).WithBlock(Block(catchStatements))),
                @finally: null);
            var loop = plan.Loop.WithStatement(Block(guardedBody)).WithAdditionalAnnotations(Formatter.Annotation);

            var statements = method.Body!.Statements;
            var index = statements.IndexOf(plan.Loop);
            statements = statements.Replace(plan.Loop, loop)
                .Insert(index, ParseStatement($"var {FailuresName} = new List<{failure}>();")
                    .WithLeadingTrivia(plan.Loop.GetLeadingTrivia())
                    .WithTrailingTrivia(plan.Method.EndOfLine())
                    .WithAdditionalAnnotations(Formatter.Annotation))
                .Add(ParseStatement($"return new {plan.Response} {{ BatchItemFailures = {FailuresName} }};").WithAdditionalAnnotations(Formatter.Annotation));

            TypeSyntax response = IdentifierName(plan.Response);
            var returnType = plan.IsAsync ? TaskSyntax.Task(response) : response;
            return method
                .WithBody(method.Body.WithStatements(statements))
                .WithReturnType(returnType.WithTriviaFrom(method.ReturnType));
        }

        private sealed class BatchPlan
        {
            public BatchPlan(MethodDeclarationSyntax method, ForEachStatementSyntax loop, bool isAsync, string response, string responseNamespace, string itemIdentifier, bool stopAtFirstFailure)
            {
                Method = method;
                Loop = loop;
                IsAsync = isAsync;
                Response = response;
                ResponseNamespace = responseNamespace;
                ItemIdentifier = itemIdentifier;
                StopAtFirstFailure = stopAtFirstFailure;
            }

            public MethodDeclarationSyntax Method { get; }

            public ForEachStatementSyntax Loop { get; }

            public bool IsAsync { get; }

            public string Response { get; }

            public string ResponseNamespace { get; }

            public string ItemIdentifier { get; }

            /// <summary>Streams: Lambda checkpoints before the first failed record and retries from it, so work after it would only repeat.</summary>
            public bool StopAtFirstFailure { get; }
        }
    }
}
