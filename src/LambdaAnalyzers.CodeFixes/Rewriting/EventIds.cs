using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// The ID Lambda's event source gives each record, which stays the same when the record is delivered
    /// again: the natural idempotency key. Found on a record in scope (a <c>foreach</c> variable, a lambda's
    /// or the method's parameter) or on an EventBridge event parameter.
    /// </summary>
    internal static class EventIds
    {
        private static readonly (string Type, string Path)[] Known =
        {
            ("Amazon.Lambda.SQSEvents.SQSEvent.SQSMessage", ".MessageId"),
            ("Amazon.Lambda.SNSEvents.SNSEvent.SNSRecord", ".Sns.MessageId"),
            ("Amazon.Lambda.KinesisEvents.KinesisEvent.KinesisEventRecord", ".EventId"),
            ("Amazon.Lambda.DynamoDBEvents.DynamoDBEvent.DynamodbStreamRecord", ".EventID"),
            ("Amazon.Lambda.CloudWatchEvents.CloudWatchEvent<T>", ".Id"),
        };

        /// <summary>The innermost record in scope at <paramref name="node"/>, as an expression text such as <c>message.MessageId</c>.</summary>
        public static string? InScope(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var ancestor in node.Ancestors())
            {
                var candidates = ancestor switch
                {
                    ForEachStatementSyntax loop => new[] { model.GetDeclaredSymbol(loop, cancellationToken) as ISymbol },
                    AnonymousFunctionExpressionSyntax lambda => (model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol)?.Parameters.Cast<ISymbol>().ToArray() ?? new ISymbol[0],
                    LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax => (model.GetDeclaredSymbol(ancestor, cancellationToken) as IMethodSymbol)?.Parameters.Cast<ISymbol>().ToArray() ?? new ISymbol[0],
                    _ => new ISymbol?[0],
                };

                foreach (var candidate in candidates)
                {
                    var type = candidate switch
                    {
                        ILocalSymbol local => local.Type,
                        IParameterSymbol parameter => parameter.Type,
                        _ => null,
                    };

                    for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
                    {
                        var name = current.OriginalDefinition.ToDisplayString();
                        var known = Known.FirstOrDefault(k => k.Type == name);
                        if (known.Path is not null)
                        {
                            return candidate!.Name + known.Path;
                        }
                    }
                }
            }

            return null;
        }
    }
}
