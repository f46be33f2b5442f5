using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Calls whose effect happens again when Lambda delivers the same event again, unless something makes
    /// the second run a no-op. Each recognition is deliberately narrow: a side effect is reported only when
    /// the code shows it is not idempotent (a generated key, an increment, a standard queue or topic, an
    /// unnamed execution, an INSERT with no conflict clause) or when the service has no way to take the
    /// effect back or deduplicate it (an e-mail, an event on a bus, a stream record); anything the code does
    /// not show stays unreported.
    /// </summary>
    internal static class SideEffects
    {
        private static readonly Regex Increment = new(@"\bADD\b|(\b[\w#.]+)\s*=\s*(if_not_exists\s*\(\s*)?\1\b[^,]*[+-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Insert = new(@"\bINSERT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ConflictHandled = new(@"\bON\s+CONFLICT\b|\bIF\s+NOT\s+EXISTS\b|\bWHERE\s+NOT\s+EXISTS\b|\bMERGE\b|\bON\s+DUPLICATE\s+KEY\b|\bINSERT\s+IGNORE\b|\bINSERT\s+OR\s+(IGNORE|REPLACE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public const string SideEffectMethodsOption = "side_effect_methods";

        /// <summary>What the call does again on a redelivery, or null when it is not a recognised non-idempotent side effect.</summary>
        public static string? RepeatedEffect(IInvocationOperation invocation, WellKnownTypes types, ValueTrail? trail = null)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "PutItem" or "PutItemAsync" when types.Implements(type, types.IAmazonDynamoDB):
                    return Request(invocation) is { } put && !put.Has("ConditionExpression") && put.ValuesOf("Item").Any(item => IsGenerated(item, trail))
                        ? "writes another item under a newly generated key"
                        : null;
                case "UpdateItem" or "UpdateItemAsync" when types.Implements(type, types.IAmazonDynamoDB):
                    return Request(invocation) is { } update && !update.Has("ConditionExpression") && update.ConstantOf("UpdateExpression") is { } expression && Increment.IsMatch(expression)
                        ? "increments the counter again"
                        : null;
                case "SendMessage" or "SendMessageAsync" or "SendMessageBatch" or "SendMessageBatchAsync" when types.Implements(type, types.IAmazonSQS):
                    return SendsToStandardQueue(invocation) ? "sends another message" : null;
                case "PutObject" or "PutObjectAsync" when types.Implements(type, types.IAmazonS3):
                    return Request(invocation) is { } putObject && putObject.ValuesOf("Key").Any(key => IsGeneratedKey(key, types, trail))
                        ? "writes another object under a newly generated key"
                        : null;
                case "Save" or "SaveAsync" when types.Implements(type, types.IDynamoDBContext):
                    return SavesUnderGeneratedKey(invocation, types, trail) ? "saves another item under a newly generated key" : null;
                case "Publish" or "PublishAsync" or "PublishBatch" or "PublishBatchAsync" when types.Implements(type, types.IAmazonSimpleNotificationService):
                    return PublishesToStandardTopic(invocation) ? "publishes another notification" : null;
                case "SendEmail" or "SendEmailAsync" or "SendRawEmail" or "SendRawEmailAsync" or "SendTemplatedEmail" or "SendTemplatedEmailAsync"
                    when types.Implements(type, types.IAmazonSimpleEmailService) || types.Implements(type, types.IAmazonSimpleEmailServiceV2):
                case "Send" or "SendAsync" or "SendMailAsync" when type.IsOrDerivesFrom(types.SmtpClient):
                    return "sends the e-mail again";
                case "PutEvents" or "PutEventsAsync" when types.Implements(type, types.IAmazonEventBridge):
                    return "puts the events on the bus again";
                case "PutRecord" or "PutRecordAsync" or "PutRecords" or "PutRecordsAsync" when types.Implements(type, types.IAmazonKinesis):
                case "PutRecord" or "PutRecordAsync" or "PutRecordBatch" or "PutRecordBatchAsync" when types.Implements(type, types.IAmazonKinesisFirehose):
                    return "writes the records to the stream again";
                case "StartExecution" or "StartExecutionAsync" when types.Implements(type, types.IAmazonStepFunctions):
                    return StartsUnnamedExecution(invocation, types) ? "starts another execution of the state machine" : null;
                case "SaveChanges" or "SaveChangesAsync" when type.IsOrDerivesFrom(types.DbContext):
                    return AddsBeforeSaving(invocation, types) ? "inserts the added rows again" : null;
                case "SendMutationAsync" when types.Implements(type, types.IGraphQLClient) || type.Is(types.GraphQLClientExtensions):
                    return "sends the mutation again";
                case "ExecuteNonQuery" or "ExecuteNonQueryAsync" when type.IsOrDerivesFrom(types.DbCommand) || types.Implements(type, types.IDbCommand):
                    return IsUnguardedInsert(CommandText(invocation)) ? "inserts another row" : null;
                case "Execute" or "ExecuteAsync" when type.Is(types.DapperSqlMapper):
                    var sql = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "sql")?.Value.ConstantValue;
                    return sql is { HasValue: true, Value: string text } && IsUnguardedInsert(text) ? "inserts another row" : null;
            }

            return IsHttpRequest(invocation, types) ? "sends the request again" : null;
        }

        /// <summary>A write that is a side effect only when the code shows its key is generated (PutItem, PutObject, SaveAsync, StartExecution).</summary>
        public static bool KeysOnValues(IInvocationOperation invocation, WellKnownTypes types)
        {
            var type = invocation.TargetMethod.ContainingType;
            return invocation.TargetMethod.Name switch
            {
                "PutItem" or "PutItemAsync" => types.Implements(type, types.IAmazonDynamoDB),
                "PutObject" or "PutObjectAsync" => types.Implements(type, types.IAmazonS3),
                "Save" or "SaveAsync" => types.Implements(type, types.IDynamoDBContext),
                _ => false,
            };
        }

        /// <summary>A call to a method the user declared as a side effect (<c>lambda_analyzers.side_effect_methods</c>).</summary>
        public static string? DeclaredEffect(IInvocationOperation invocation, ConfiguredMethods declared)
            => !declared.IsEmpty && declared.Contains(invocation.TargetMethod)
                ? "repeats its side effect (declared in lambda_analyzers." + SideEffectMethodsOption + ")"
                : null;

        /// <summary>
        /// An HTTP request that changes something (POST, PUT, PATCH), through HttpClient or a client library: the
        /// calls an idempotency-key header can make safe.
        /// </summary>
        public static bool IsHttpRequest(IInvocationOperation invocation, WellKnownTypes types)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            var name = method.Name;
            if (!(name.StartsWith("P", StringComparison.Ordinal) || name.StartsWith("Execute", StringComparison.Ordinal) || name == "SendMutationAsync"))
            {
                return false; // every call of the compilation comes here: most are answered by their name
            }

            if (type.IsOrDerivesFrom(types.HttpClient))
            {
                return name is "PostAsync" or "PutAsync" or "PatchAsync";
            }

            if (type.Name == "HttpClientJsonExtensions")
            {
                return name is "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync";
            }

            if (type.Is(types.RestClientExtensions) || types.Implements(type, types.IRestClient))
            {
                return name.StartsWith("Post", StringComparison.Ordinal)
                       || name.StartsWith("ExecutePost", StringComparison.Ordinal)
                       || (name is "Execute" or "ExecuteAsync" && IsRestSharpPost(invocation, types));
            }

            if (type.Is(types.FlurlGeneratedExtensions))
            {
                return name.StartsWith("Post", StringComparison.Ordinal) || name.StartsWith("Put", StringComparison.Ordinal) || name.StartsWith("Patch", StringComparison.Ordinal);
            }

            return name == "SendMutationAsync" && (types.Implements(type, types.IGraphQLClient) || type.Is(types.GraphQLClientExtensions));
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

        /// <summary>Guid.NewGuid(), the clock, a random number, directly or through locals: a value that differs on the second delivery.</summary>
        /// <remarks>
        /// Which attribute is the key is not known here. Carried in from a caller, only a new GUID counts: a
        /// clock reading or a random number handed down on a domain object is usually a <c>createdAt</c> or a
        /// price beside the key, not the key.
        /// </remarks>
        private static bool IsGenerated(IOperation item, ValueTrail? trail = null)
            => Parts(item, trail, backToCallers: true).Any(IsNewId) || Parts(item, trail, backToCallers: false).Any(o => IsUniqueValue(o) || IsClock(o));

        private static bool IsNewId(IOperation operation)
            => operation is IInvocationOperation { TargetMethod: { Name: "NewGuid" or "CreateVersion7", ContainingType.Name: "Guid" } };

        private static IEnumerable<IOperation> Parts(IOperation value, ValueTrail? trail, bool backToCallers)
            => ValueParts(value, value.Root(), MaxLocalHops, trail, MaxCrossings, ImmutableStack<IInvocationOperation>.Empty, backToCallers);

        /// <summary>
        /// A key that differs on the second delivery: it holds a new GUID or a random number, or the clock with
        /// nothing from the event beside it (a key that puts the event's ID under a date prefix names the same
        /// object when the event comes back). Values are followed through locals: <c>var id = Guid.NewGuid();</c>.
        /// </summary>
        private static bool IsGeneratedKey(IOperation key, WellKnownTypes types, ValueTrail? trail = null)
        {
            return Parts(key, trail, backToCallers: true).Any(IsUniqueValue)
                   || (Parts(key, trail, backToCallers: false).Any(IsClock) && !InvocationInput.Carries(key, types));
        }

        private const int MaxLocalHops = 3;

        /// <summary>How many methods a value is followed across: into a helper's return, back to a caller's argument.</summary>
        private const int MaxCrossings = 4;

        /// <summary>
        /// The operations a value is built from, through the locals it reads (their initializers and assignments).
        /// With a <see cref="ValueTrail"/>, also through the return values of the project's methods it calls
        /// (<c>Epoch()</c> reading the clock), and from a parameter back to the argument its caller passed, the
        /// caller being the method that was entered or the one before on the handler's path.
        /// </summary>
        private static IEnumerable<IOperation> ValueParts(IOperation value, IOperation body, int hops, ValueTrail? trail, int crossings, ImmutableStack<IInvocationOperation> entered, bool backToCallers)
        {
            foreach (var part in value.DescendantsAndSelf())
            {
                yield return part;
                if (hops > 0 && part is ILocalReferenceOperation local)
                {
                    foreach (var assigned in InvocationInput.ValuesOf(local.Local, body))
                    {
                        foreach (var inner in ValueParts(assigned, body, hops - 1, trail, crossings, entered, backToCallers))
                        {
                            yield return inner;
                        }
                    }
                }

                if (trail is null || crossings == 0)
                {
                    continue;
                }

                if (part is IInvocationOperation call && call.TargetMethod.IsInSource())
                {
                    foreach (var calleeBody in trail.BodiesOf(call.TargetMethod))
                    {
                        foreach (var returned in calleeBody.Descendants().OfType<IReturnOperation>())
                        {
                            if (returned.ReturnedValue is { } result)
                            {
                                foreach (var inner in ValueParts(result, calleeBody, MaxLocalHops, trail, crossings - 1, entered.Push(call), backToCallers))
                                {
                                    yield return inner;
                                }
                            }
                        }
                    }
                }
                else if (part is IParameterReferenceOperation { Parameter: var parameter })
                {
                    foreach (var (argument, callerBody, callerEntered) in trail.ArgumentsFor(parameter, entered, backToCallers))
                    {
                        foreach (var inner in ValueParts(argument, callerBody, MaxLocalHops, trail, crossings - 1, callerEntered, backToCallers))
                        {
                            yield return inner;
                        }
                    }
                }
            }
        }

        private static bool IsUniqueValue(IOperation operation) => operation switch
        {
            IInvocationOperation { TargetMethod: { Name: "NewGuid" or "CreateVersion7", ContainingType.Name: "Guid" } } => true,
            IInvocationOperation { TargetMethod.ContainingType.Name: "Random" or "RandomNumberGenerator" } => true,
            _ => false,
        };

        private static bool IsClock(IOperation operation)
            => operation is IPropertyReferenceOperation { Property: { Name: "Now" or "UtcNow", ContainingType.Name: "DateTime" or "DateTimeOffset" } }
               || operation is IInvocationOperation { TargetMethod: { Name: "GetUtcNow" or "GetTimestamp", ContainingType.Name: "TimeProvider" or "Stopwatch" } };

        /// <summary>
        /// <c>context.SaveAsync(order)</c> right after <c>order.Id = Guid.NewGuid()</c> (or a new object with such a
        /// key): the hash or range key (<c>[DynamoDBHashKey]</c>, <c>[DynamoDBRangeKey]</c>; <c>Id</c> or <c>PK</c>
        /// on a type without key attributes) holds a generated value.
        /// </summary>
        private static bool SavesUnderGeneratedKey(IInvocationOperation invocation, WellKnownTypes types, ValueTrail? trail)
        {
            var saved = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "value")?.Value.WithoutConversions();
            if (saved?.Type is not INamedTypeSymbol itemType || RequestShape.Of(saved) is not { } item)
            {
                return false;
            }

            var properties = itemType.GetMembers().OfType<IPropertySymbol>().ToList();
            var keys = properties.Where(p => p.GetAttributes().Any(a => a.AttributeClass.IsOrDerivesFrom(types.DynamoDBHashKeyAttribute) || a.AttributeClass.IsOrDerivesFrom(types.DynamoDBRangeKeyAttribute))).ToList();
            if (keys.Count == 0)
            {
                keys = properties.Where(p => p.Name is "Id" or "PK" or "Pk" or "pk").ToList();
            }

            return keys.Any(key => item.ValuesOf(key.Name).Any(value => IsGeneratedKey(value, types, trail)));
        }

        /// <summary>A FIFO topic (ARN ending in .fifo), a deduplication ID or a message group (FIFO only) makes a republish a no-op for five minutes.</summary>
        private static bool PublishesToStandardTopic(IInvocationOperation invocation)
            => ToStandardDestination(invocation, "topicArn", "TopicArn", _ => SetsAnywhere(invocation, "MessageDeduplicationId", "MessageGroupId"));

        /// <summary>A FIFO queue (URL ending in .fifo) or a deduplication ID makes a resend a no-op for five minutes.</summary>
        private static bool SendsToStandardQueue(IInvocationOperation invocation)
            => ToStandardDestination(invocation, "queueUrl", "QueueUrl", request => request.Has("MessageDeduplicationId") || request.Has("MessageGroupId"));

        /// <summary>
        /// Whether a send goes to a standard queue or topic: the address (a parameter, or a request property)
        /// does not end in .fifo, and the request carries no deduplication.
        /// </summary>
        private static bool ToStandardDestination(IInvocationOperation invocation, string addressParameter, string addressProperty, Func<RequestShape, bool> deduplicated)
        {
            var address = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == addressParameter)?.Value.ConstantValue;
            if (address is { HasValue: true, Value: string text })
            {
                return !text.EndsWith(".fifo", StringComparison.Ordinal);
            }

            if (Request(invocation) is not { } request)
            {
                return address is null || !address.HasValue;
            }

            return !deduplicated(request)
                   && !(request.ConstantOf(addressProperty)?.EndsWith(".fifo", StringComparison.Ordinal) ?? false);
        }

        /// <summary>An execution name is unique per state machine for 90 days: a name from the event makes a second start fail instead of running twice.</summary>
        private static bool StartsUnnamedExecution(IInvocationOperation invocation, WellKnownTypes types)
            => Request(invocation) is { } request
               && (!request.Has("Name") || request.ValuesOf("Name").Any(name => IsGeneratedKey(name, types)));

        /// <summary>
        /// <c>SaveChanges</c> after an <c>Add</c> in the same body, unless the added entity is built there with its
        /// key set from something other than a generated value (a key from the event makes the second insert fail
        /// on the primary key instead of adding a row).
        /// </summary>
        private static bool AddsBeforeSaving(IInvocationOperation save, WellKnownTypes types)
            => save.Root().Descendants().OfType<IInvocationOperation>().Any(call =>
                call.TargetMethod.Name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync"
                && (call.TargetMethod.ContainingType.IsOrDerivesFrom(types.DbContext) || call.TargetMethod.ContainingType.IsOrDerivesFrom(types.DbSet))
                && call.Syntax.SpanStart < save.Syntax.SpanStart
                && !IsKeyedEntity(call, types));

        private static bool IsKeyedEntity(IInvocationOperation add, WellKnownTypes types)
        {
            if (add.TargetMethod.Name is "AddRange" or "AddRangeAsync"
                || add.Arguments.FirstOrDefault(a => a.Parameter?.Name == "entity")?.Value.WithoutConversions() is not { Type: INamedTypeSymbol entityType } entity
                || RequestShape.Of(entity) is not { } shape)
            {
                return false;
            }

            var properties = entityType.GetMembers().OfType<IPropertySymbol>().ToList();
            var key = properties.FirstOrDefault(p => p.GetAttributes().Any(a => a.AttributeClass.Is(types.KeyAttribute)))
                      ?? properties.FirstOrDefault(p => p.Name == "Id" || p.Name == entityType.Name + "Id");
            if (key is null)
            {
                return false;
            }

            // Set in the initializer or later, or passed to a constructor parameter of the same name (positional records).
            var values = shape.ValuesOf(key.Name)
                .Concat(CreationOf(entity)?.Arguments
                    .Where(a => a.ArgumentKind != ArgumentKind.DefaultValue && string.Equals(a.Parameter?.Name, key.Name, StringComparison.OrdinalIgnoreCase))
                    .Select(a => a.Value) ?? Enumerable.Empty<IOperation>())
                .ToList();
            return values.Count > 0 && !values.Any(value => IsGeneratedKey(value, types));
        }

        /// <summary>A RestSharp <c>Execute</c> of a POST: the method argument, or the request's constructor or <c>Method</c> property.</summary>
        private static bool IsRestSharpPost(IInvocationOperation invocation, WellKnownTypes types)
        {
            if (invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.Is(types.RestSharpMethod) == true && a.ArgumentKind != ArgumentKind.DefaultValue) is { } method)
            {
                return IsPost(method.Value);
            }

            if (invocation.Arguments.FirstOrDefault(a => a.Value.Type.IsOrDerivesFrom(types.RestRequest))?.Value is not { } request)
            {
                return false;
            }

            return CreationOf(request) is { } creation
                   && (creation.Arguments.Any(a => a.Parameter?.Type.Is(types.RestSharpMethod) == true && IsPost(a.Value))
                       || (RequestShape.Of(request)?.ValuesOf("Method").Any(IsPost) ?? false));

            bool IsPost(IOperation value)
                => value.WithoutConversions() is IFieldReferenceOperation { Field.Name: "Post" } field && field.Field.ContainingType.Is(types.RestSharpMethod);
        }

        /// <summary>
        /// The <c>new</c> that built a request: the argument itself, the initializer of the local it names, or the
        /// start of a fluent chain that returns the same request (<c>new RestRequest(...).AddJsonBody(body)</c>).
        /// </summary>
        private static IObjectCreationOperation? CreationOf(IOperation value)
        {
            value = value.WithoutConversions();
            for (var hops = 0; hops < 8 && value is IInvocationOperation fluent && SymbolEqualityComparer.Default.Equals(fluent.Type, (fluent.Instance ?? fluent.Arguments.FirstOrDefault()?.Value)?.Type); hops++)
            {
                value = (fluent.Instance ?? fluent.Arguments[0].Value).WithoutConversions();
            }

            if (value is IObjectCreationOperation creation)
            {
                return creation;
            }

            return value is ILocalReferenceOperation reference
                ? value.Root().Descendants().OfType<IVariableDeclaratorOperation>()
                    .Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, reference.Local))
                    .Select(d => d.GetVariableInitializer()?.Value.WithoutConversions())
                    .OfType<IObjectCreationOperation>()
                    .FirstOrDefault()
                : null;
        }

        /// <summary>Whether the request passed to the call sets one of these properties anywhere in its construction (batch entries included).</summary>
        private static bool SetsAnywhere(IInvocationOperation invocation, params string[] properties)
        {
            if (invocation.Arguments.FirstOrDefault(a => a.Value.Type?.Name.EndsWith("Request", StringComparison.Ordinal) == true)?.Value is not { } request
                || CreationOf(request) is not { } creation)
            {
                return false;
            }

            var scopes = new List<IOperation> { creation };
            if (request.WithoutConversions() is ILocalReferenceOperation)
            {
                scopes.Add(request.Root());
            }

            return scopes.Any(scope => scope.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>()
                .Any(a => a.Target is IPropertyReferenceOperation property && properties.Contains(property.Property.Name)));
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

    /// <summary>
    /// Where values come from beyond the method at hand: the bodies of the project's methods, and the chain of
    /// calls from the handler to the method doing the side effect.
    /// </summary>
    internal sealed class ValueTrail
    {
        private readonly LambdaCompilation _lambda;
        private readonly ImmutableArray<ISymbol> _chain;

        public ValueTrail(LambdaCompilation lambda, ImmutableArray<ISymbol> chain)
        {
            _lambda = lambda;
            _chain = chain;
        }

        public IEnumerable<IOperation> BodiesOf(IMethodSymbol method) => _lambda.BodiesOf(method, System.Threading.CancellationToken.None);

        /// <summary>The arguments a parameter receives: from the call that was entered, or from the caller before it on the chain.</summary>
        public IEnumerable<(IOperation Argument, IOperation CallerBody, ImmutableStack<IInvocationOperation> Entered)> ArgumentsFor(IParameterSymbol parameter, ImmutableStack<IInvocationOperation> entered, bool backToCallers)
        {
            if (!entered.IsEmpty)
            {
                var call = entered.Peek();
                if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, parameter.ContainingSymbol.OriginalDefinition)
                    && call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal) is { } argument)
                {
                    yield return (argument.Value, argument.Root(), entered.Pop());
                }

                yield break;
            }

            if (!backToCallers)
            {
                yield break;
            }

            var index = _chain.IndexOf(parameter.ContainingSymbol, SymbolEqualityComparer.Default);
            if (index < 1 || _chain[index - 1] is not IMethodSymbol caller || parameter.ContainingSymbol is not IMethodSymbol callee)
            {
                yield break;
            }

            foreach (var callerBody in BodiesOf(caller))
            {
                foreach (var call in callerBody.Descendants().OfType<IInvocationOperation>())
                {
                    if (_lambda.Path.TargetsOf(call.TargetMethod).Contains(callee, SymbolEqualityComparer.Default)
                        && call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal) is { } argument)
                    {
                        yield return (argument.Value, callerBody, ImmutableStack<IInvocationOperation>.Empty);
                    }
                }
            }
        }
    }
}
