using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Calls whose effect happens again when Lambda delivers the same event again, unless something makes
    /// the second run a no-op. Each recognition is deliberately narrow: a side effect is reported only when
    /// the code shows it is not idempotent (a generated key, an increment, a standard queue, an INSERT with
    /// no conflict clause); anything the code does not show stays unreported.
    /// </summary>
    internal static class SideEffects
    {
        private static readonly Regex Increment = new(@"\bADD\b|(\b[\w#.]+)\s*=\s*(if_not_exists\s*\(\s*)?\1\b[^,]*[+-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Insert = new(@"\bINSERT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ConflictHandled = new(@"\bON\s+CONFLICT\b|\bIF\s+NOT\s+EXISTS\b|\bWHERE\s+NOT\s+EXISTS\b|\bMERGE\b|\bON\s+DUPLICATE\s+KEY\b|\bINSERT\s+IGNORE\b|\bINSERT\s+OR\s+(IGNORE|REPLACE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>What the call does again on a redelivery, or null when it is not a recognised non-idempotent side effect.</summary>
        public static string? RepeatedEffect(IInvocationOperation invocation, WellKnownTypes types)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "PutItem" or "PutItemAsync" when types.Implements(type, types.IAmazonDynamoDB):
                    return Request(invocation) is { } put && !put.Has("ConditionExpression") && put.ValuesOf("Item").Any(IsGenerated)
                        ? "writes another item under a newly generated key"
                        : null;
                case "UpdateItem" or "UpdateItemAsync" when types.Implements(type, types.IAmazonDynamoDB):
                    return Request(invocation) is { } update && !update.Has("ConditionExpression") && update.ConstantOf("UpdateExpression") is { } expression && Increment.IsMatch(expression)
                        ? "increments the counter again"
                        : null;
                case "SendMessage" or "SendMessageAsync" or "SendMessageBatch" or "SendMessageBatchAsync" when types.Implements(type, types.IAmazonSQS):
                    return SendsToStandardQueue(invocation) ? "sends another message" : null;
                case "PostAsync" or "PutAsync" or "PatchAsync" when type.IsOrDerivesFrom(types.HttpClient):
                case "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync" when type.Name == "HttpClientJsonExtensions":
                    return "sends the request again";
                case "ExecuteNonQuery" or "ExecuteNonQueryAsync" when type.IsOrDerivesFrom(types.DbCommand) || types.Implements(type, types.IDbCommand):
                    return IsUnguardedInsert(CommandText(invocation)) ? "inserts another row" : null;
                case "Execute" or "ExecuteAsync" when type.Is(types.DapperSqlMapper):
                    var sql = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "sql")?.Value.ConstantValue;
                    return sql is { HasValue: true, Value: string text } && IsUnguardedInsert(text) ? "inserts another row" : null;
                default:
                    return null;
            }
        }

        /// <summary>A conditional write that can only succeed once (<c>attribute_not_exists</c>): the usual idempotency guard.</summary>
        public static bool IsIdempotencyGuard(IInvocationOperation invocation, WellKnownTypes types)
            => invocation.TargetMethod.Name is "PutItem" or "PutItemAsync" or "UpdateItem" or "UpdateItemAsync" or "TransactWriteItems" or "TransactWriteItemsAsync"
               && types.Implements(invocation.TargetMethod.ContainingType, types.IAmazonDynamoDB)
               && invocation.Syntax.DescendantTokens().Any(t => t.ValueText.IndexOf("attribute_not_exists", StringComparison.OrdinalIgnoreCase) >= 0)
               || (Request(invocation)?.ConstantOf("ConditionExpression")?.IndexOf("attribute_not_exists", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0;

        private static RequestShape? Request(IInvocationOperation invocation)
            => invocation.Arguments.FirstOrDefault(a => a.Value.Type?.Name.EndsWith("Request", StringComparison.Ordinal) == true)?.Value is { } request
                ? RequestShape.Of(request)
                : null;

        /// <summary>Guid.NewGuid(), the clock, a random number: a value that differs on the second delivery.</summary>
        private static bool IsGenerated(IOperation item)
            => item.DescendantsAndSelf().Any(o => o switch
            {
                IInvocationOperation { TargetMethod: { Name: "NewGuid", ContainingType.Name: "Guid" } } => true,
                IPropertyReferenceOperation { Property: { Name: "Now" or "UtcNow", ContainingType.Name: "DateTime" or "DateTimeOffset" } } => true,
                IInvocationOperation { TargetMethod.ContainingType.Name: "Random" } => true,
                _ => false,
            });

        /// <summary>A FIFO queue (URL ending in .fifo) or a deduplication ID makes a resend a no-op for five minutes.</summary>
        private static bool SendsToStandardQueue(IInvocationOperation invocation)
        {
            var queueUrlArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "queueUrl")?.Value.ConstantValue;
            if (queueUrlArgument is { HasValue: true, Value: string url })
            {
                return !url.EndsWith(".fifo", StringComparison.Ordinal);
            }

            if (Request(invocation) is not { } request)
            {
                return queueUrlArgument is null || !queueUrlArgument.HasValue;
            }

            return !request.Has("MessageDeduplicationId")
                   && !(request.ConstantOf("QueueUrl")?.EndsWith(".fifo", StringComparison.Ordinal) ?? false);
        }

        /// <summary>The SQL of <c>command.ExecuteNonQuery()</c> when the command is built here with constant text.</summary>
        private static string? CommandText(IInvocationOperation invocation)
        {
            if (invocation.Instance?.WithoutConversions() is not ILocalReferenceOperation command)
            {
                return null;
            }

            var creation = invocation.Root().Descendants().OfType<IVariableDeclaratorOperation>()
                .Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, command.Local))
                .Select(d => d.GetVariableInitializer()?.Value.WithoutConversions())
                .FirstOrDefault();
            var text = creation switch
            {
                IObjectCreationOperation { Arguments.Length: > 0 } created => created.Arguments[0].Value.ConstantValue,
                IInvocationOperation { TargetMethod.Name: "CreateCommand", Arguments.Length: > 0 } created => created.Arguments[0].Value.ConstantValue,
                _ => default,
            };
            return text.HasValue ? text.Value as string : RequestShape.Of(command)?.ConstantOf("CommandText");
        }

        private static bool IsUnguardedInsert(string? sql) => sql is not null && Insert.IsMatch(sql) && !ConflictHandled.IsMatch(sql);
    }
}
