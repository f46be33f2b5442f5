using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// What the work on a batch's records can do to the invocation: whether an exception can leave a piece of
    /// code. Work that only logs, reads fields, formats strings or awaits a completed task cannot fail; a
    /// catch-all that does not throw keeps what fails inside it; a call into this compilation is as safe as the
    /// code it runs (a few calls deep, through the per-invocation path's dispatch); any other call or creation,
    /// an indexer, a cast or a throw can fail.
    /// </summary>
    internal static class RecordWork
    {
        private const int MaxCallDepth = 3;

        private static readonly HashSet<string> SafeStringMethods = new()
        {
            "Format", "Concat", "Join", "IsNullOrEmpty", "IsNullOrWhiteSpace", "Equals", "Compare", "CompareOrdinal",
            "ToUpper", "ToUpperInvariant", "ToLower", "ToLowerInvariant", "Trim", "TrimStart", "TrimEnd",
            "Contains", "StartsWith", "EndsWith", "ToString", "GetHashCode", "Split",
        };

        /// <summary>Collections that only grow: adding to them cannot fail (a dictionary's Add can, on a duplicate key).</summary>
        private static readonly HashSet<string> GrowingCollections = new()
        {
            "System.Collections.Generic.List<T>", "System.Collections.Generic.HashSet<T>", "System.Collections.Generic.Queue<T>",
            "System.Collections.Generic.Stack<T>", "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IList<T>",
            "System.Collections.Concurrent.ConcurrentBag<T>", "System.Collections.Concurrent.ConcurrentQueue<T>",
        };

        /// <summary>Whether an exception can leave <paramref name="operation"/>.</summary>
        public static bool CanFail(IOperation operation, LambdaCompilation lambda)
            => new Evaluation(lambda).CanFail(operation, MaxCallDepth);

        /// <summary>
        /// The type of one record of an event (<c>SQSEvent.SQSMessage</c>, <c>KinesisEvent.KinesisEventRecord</c>):
        /// the element type of its <c>Records</c> property, inherited ones included (S3Event's records are declared
        /// on the SDK's <c>S3EventNotification</c>). Null when the event has no such list.
        /// </summary>
        public static ITypeSymbol? RecordTypeOf(ITypeSymbol eventType)
        {
            for (var type = eventType; type is not null; type = type.BaseType)
            {
                if (type.GetMembers("Records").OfType<IPropertySymbol>().FirstOrDefault() is { Type: INamedTypeSymbol records })
                {
                    return records.AllInterfaces.Append(records)
                        .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?
                        .TypeArguments[0];
                }
            }

            return null;
        }

        private sealed class Evaluation
        {
            private readonly LambdaCompilation _lambda;

            // Methods being evaluated further up: a recursive call adds nothing their own evaluation does not see.
            private readonly HashSet<IMethodSymbol> _evaluating = new(SymbolEqualityComparer.Default);

            public Evaluation(LambdaCompilation lambda) => _lambda = lambda;

            public bool CanFail(IOperation operation, int depth)
            {
                switch (operation)
                {
                    case IThrowOperation:
                        return true;

                    // Broken code: what it would do is unknown, and the rule stays silent.
                    case IInvalidOperation:
                        return false;

                    // Not run here: a lambda or local function runs when it is called.
                    case IAnonymousFunctionOperation or ILocalFunctionOperation or IDelegateCreationOperation:
                        return false;

                    case ITryOperation tryOperation:
                        // A catch that throws lets a failure out; one that logs or records it does not.
                        return (!tryOperation.SwallowsEverything() && CanFail(tryOperation.Body, depth))
                               || tryOperation.Catches.Any(c => CanFail(c.Handler, depth))
                               || (tryOperation.Finally is { } finallyBlock && CanFail(finallyBlock, depth));

                    case IInvocationOperation invocation:
                        return (!IsSafe(invocation.TargetMethod) && !ReadsInMemoryText(invocation) && CallCanFail(invocation.TargetMethod, depth, accessor: false))
                               || ChildrenCanFail(invocation, depth);

                    case IPropertyReferenceOperation reference:
                        // An indexer looks something up (KeyNotFoundException, ArgumentOutOfRangeException).
                        if (reference.Property.IsIndexer && !reference.Property.IsInSource())
                        {
                            return true;
                        }

                        return (reference.Property.GetMethod is { } getter && CallCanFail(getter, depth, accessor: true)) || ChildrenCanFail(reference, depth);

                    case IArrayElementReferenceOperation:
                        return true;

                    case IObjectCreationOperation creation:
                        return CreationCanFail(creation, depth) || ChildrenCanFail(creation, depth);

                    case IConversionOperation conversion:
                        if (conversion.Conversion.IsUserDefined
                            || (!conversion.IsTryCast && !conversion.Conversion.IsImplicit && !conversion.Conversion.IsNumeric))
                        {
                            return true;
                        }

                        return ChildrenCanFail(conversion, depth);

                    case IBinaryOperation binary:
                        if (binary.OperatorMethod is not null || binary.IsChecked
                            || (binary.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder && IsIntegral(binary.Type)))
                        {
                            return true;
                        }

                        return ChildrenCanFail(binary, depth);

                    case IUnaryOperation unary:
                        return unary.OperatorMethod is not null || unary.IsChecked || ChildrenCanFail(unary, depth);

                    case IMethodBodyOperation or IBlockOperation or IExpressionStatementOperation or IVariableDeclarationGroupOperation
                        or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
                        or IReturnOperation or IBranchOperation or ILabeledOperation or IEmptyOperation
                        or IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation
                        or ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                        or IInstanceReferenceOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or ISizeOfOperation
                        or IIsTypeOperation or IIsPatternOperation or IPatternOperation or IPropertySubpatternOperation or IPatternCaseClauseOperation
                        or ISwitchOperation or ISwitchCaseOperation or ICaseClauseOperation or ISwitchExpressionOperation or ISwitchExpressionArmOperation
                        or IInterpolatedStringOperation or IInterpolationOperation or IInterpolatedStringTextOperation
                        or IInterpolatedStringHandlerCreationOperation or IInterpolatedStringAppendOperation or IInterpolatedStringAdditionOperation
                        or IInterpolatedStringHandlerArgumentPlaceholderOperation
                        or ITupleOperation or IDiscardOperation or IAwaitOperation or IArgumentOperation
                        or ISimpleAssignmentOperation or ICompoundAssignmentOperation or ICoalesceAssignmentOperation or IIncrementOrDecrementOperation
                        or IDeclarationExpressionOperation or IAnonymousObjectCreationOperation or IObjectOrCollectionInitializerOperation
                        or IMemberInitializerOperation or IArrayCreationOperation or IArrayInitializerOperation
                        or ILoopOperation or IUsingOperation or IUsingDeclarationOperation or ILockOperation:
                        return ChildrenCanFail(operation, depth);

                    default:
                        return true;
                }
            }

            private bool ChildrenCanFail(IOperation operation, int depth)
            {
                foreach (var child in operation.ChildOperations)
                {
                    if (CanFail(child, depth))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A call runs the code of this compilation it may dispatch to; into a package, it may fail.</summary>
            private bool CallCanFail(IMethodSymbol target, int depth, bool accessor)
            {
                var targets = _lambda.Path.TargetsOf(target).ToList();
                if (targets.Count == 0)
                {
                    // An accessor with no code here reads a field (an auto-property, or a package's data type).
                    return !accessor;
                }

                if (depth == 0)
                {
                    return true;
                }

                foreach (var method in targets)
                {
                    if (!_evaluating.Add(method))
                    {
                        continue;
                    }

                    try
                    {
                        var bodies = _lambda.BodiesOf(method, System.Threading.CancellationToken.None).ToList();
                        if (bodies.Count == 0 && !accessor && method.MethodKind != MethodKind.Constructor)
                        {
                            return true;
                        }

                        if (bodies.Any(body => CanFail(body is ILocalFunctionOperation local ? (IOperation?)local.Body ?? local : body, depth - 1)))
                        {
                            return true;
                        }
                    }
                    finally
                    {
                        _evaluating.Remove(method);
                    }
                }

                return false;
            }

            private bool CreationCanFail(IObjectCreationOperation creation, int depth)
            {
                if (creation.Constructor is not { } constructor)
                {
                    return false;
                }

                if (constructor.IsInSource() || constructor.ContainingType.IsInSource())
                {
                    return CallCanFail(constructor, depth, accessor: true);
                }

                if (OverMemory(creation))
                {
                    return false;
                }

                // Data holders: the event and response types, and empty collections and builders.
                var ns = constructor.ContainingType.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                return !(ns.StartsWith("Amazon.Lambda.", System.StringComparison.Ordinal)
                         || (creation.Arguments.Length == 0 && ns is "System.Collections.Generic" or "System.Text"));
            }

            /// <summary>
            /// A reader over bytes already in memory (<c>new StreamReader(record.Kinesis.Data)</c>): reading a
            /// record's payload into a string is reading a field of the record, nothing outside it can fail.
            /// </summary>
            private static bool OverMemory(IObjectCreationOperation creation)
                => creation.Type?.ToDisplayString() is "System.IO.StreamReader" or "System.IO.BinaryReader"
                   && creation.Arguments.Length > 0
                   && creation.Arguments[0].Value.WithoutConversions().Type?.ToDisplayString() == "System.IO.MemoryStream";

            /// <summary><c>reader.ReadToEnd()</c> on a local reader created over a <c>MemoryStream</c>.</summary>
            private static bool ReadsInMemoryText(IInvocationOperation invocation)
            {
                if (invocation.TargetMethod.Name is not ("ReadToEnd" or "ReadToEndAsync" or "ReadLine" or "ReadLineAsync")
                    || invocation.Instance?.WithoutConversions() is not ILocalReferenceOperation { Local: var reader })
                {
                    return false;
                }

                var root = (IOperation)invocation;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                return root.Descendants().OfType<IVariableDeclaratorOperation>().Any(declarator =>
                    SymbolEqualityComparer.Default.Equals(declarator.Symbol, reader)
                    && declarator.Initializer?.Value.WithoutConversions() is IObjectCreationOperation creation
                    && OverMemory(creation));
            }

            /// <summary>Logging, string formatting, and tasks already complete.</summary>
            private bool IsSafe(IMethodSymbol method)
            {
                if (LogSinks.IsLogSink(method, _lambda.Types))
                {
                    return true;
                }

                var type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                if (type.SpecialType == SpecialType.System_String)
                {
                    return SafeStringMethods.Contains(method.Name);
                }

                if (!method.IsInSource() && method.Name is "ToString" or "GetHashCode" or "Equals" or "GetType" or "GetValueOrDefault")
                {
                    return true;
                }

                if (GrowingCollections.Contains(type.OriginalDefinition.ToDisplayString()))
                {
                    return method.Name is "Add" or "Enqueue" or "Push" or "Contains";
                }

                // Decoding bytes already in memory (the default encodings replace what they cannot decode), and
                // picking an element without a predicate.
                if (method.Name is "GetString" or "GetBytes" && type.ToDisplayString() == "System.Text.Encoding")
                {
                    return true;
                }

                if (method.Name is "ToArray" or "GetBuffer" && type.ToDisplayString() == "System.IO.MemoryStream")
                {
                    return true;
                }

                if (method.Name is "FirstOrDefault" or "LastOrDefault" or "ElementAtOrDefault" or "ToList" or "ToArray" or "AsEnumerable"
                    && type.ToDisplayString() == "System.Linq.Enumerable"
                    && method.Parameters.All(p => p.Type.TypeKind != TypeKind.Delegate))
                {
                    return true;
                }

                return type.ToDisplayString() switch
                {
                    // Powertools' static logger.
                    "AWS.Lambda.Powertools.Logging.Logger" => method.Name.StartsWith("Log", System.StringComparison.Ordinal),
                    "System.Text.StringBuilder" => method.Name is "Append" or "AppendLine" or "AppendFormat" or "ToString" or "Clear",
                    "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask" => method.Name is "FromResult" or "Yield" or "ConfigureAwait",
                    _ => type.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>" && method.Name == "ConfigureAwait",
                };
            }

            private static bool IsIntegral(ITypeSymbol? type)
                => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
                    or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte or SpecialType.System_Decimal;
        }
    }
}
