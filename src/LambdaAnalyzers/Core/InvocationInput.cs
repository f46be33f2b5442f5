using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Whether a creation is built from values that differ per invocation: a parameter (the event, or what a
    /// caller passed down) or a local computed from one. Such an object cannot move to an init-time field,
    /// and per-tenant clients built from the event are a legitimate design, so the reuse rules stay silent
    /// on them unless <c>lambda_analyzers.report_event_dependent_creations = true</c>.
    /// </summary>
    internal static class InvocationInput
    {
        private const int MaxLocalHops = 4;

        public static bool FeedsInto(IOperation creation, WellKnownTypes types)
        {
            var body = creation.Root();
            return Inputs(creation).Any(input => DependsOnInput(input, creation, body, types, MaxLocalHops, invocationData: false));
        }

        /// <summary>Whether <paramref name="value"/> is computed from a parameter, directly or through locals.</summary>
        public static bool Carries(IOperation value, WellKnownTypes types)
            => DependsOnInput(value, value, value.Root(), types, MaxLocalHops, invocationData: false);

        /// <summary>
        /// Whether <paramref name="value"/> holds data of this invocation: what <see cref="Carries"/> finds, the
        /// invocation's <c>ILambdaContext</c> and what is read from it (its logger, request id, remaining time;
        /// not the function's name, version, ARN, memory or log group, which every invocation of an environment
        /// shares), and a collection made per invocation and filled with such values.
        /// </summary>
        public static bool CarriesInvocationData(IOperation value, WellKnownTypes types)
            => DependsOnInput(value, value, value.Root(), types, MaxLocalHops, invocationData: true);

        /// <summary>Context members that are the same for every invocation of an execution environment.</summary>
        private static readonly HashSet<string> EnvironmentConstants = new()
        {
            "FunctionName", "FunctionVersion", "InvokedFunctionArn", "MemoryLimitInMB", "LogGroupName", "LogStreamName",
        };

        /// <summary>Collection methods that store their arguments.</summary>
        private static readonly HashSet<string> StoringMethods = new()
        {
            "Add", "AddRange", "TryAdd", "AddOrUpdate", "GetOrAdd", "Enqueue", "Push", "Insert", "Set", "TryUpdate", "AddFirst", "AddLast",
        };

        /// <summary>
        /// A storing method of a collection (<c>ICollection&lt;T&gt;</c>, which dictionaries and sets implement, or
        /// <c>ICollection</c>, which queues, stacks and the concurrent collections do). A method named <c>Add</c> on
        /// anything else (a calculator, a service) stores nothing we can tell.
        /// </summary>
        public static bool StoresIntoCollection(ITypeSymbol? type, string method, WellKnownTypes types)
            => StoringMethods.Contains(method) && (types.Implements(type, types.ICollectionOfT) || types.Implements(type, types.ICollection));

        private static IEnumerable<IOperation> Inputs(IOperation creation)
        {
            switch (creation)
            {
                case IObjectCreationOperation objectCreation:
                    foreach (var argument in objectCreation.Arguments)
                    {
                        yield return argument;
                    }

                    if (objectCreation.Initializer is { } initializer)
                    {
                        yield return initializer;
                    }

                    break;
                case IInvocationOperation invocation:
                    foreach (var argument in invocation.Arguments)
                    {
                        yield return argument;
                    }

                    break;
            }
        }

        private static bool DependsOnInput(IOperation value, IOperation scope, IOperation body, WellKnownTypes types, int hops, bool invocationData)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IParameterReferenceOperation parameter when !IsDeclaredWithin(parameter.Parameter, scope):
                        if (!parameter.Parameter.Type.Is(types.ILambdaContext) || (invocationData && !ReadsAnEnvironmentConstant(parameter)))
                        {
                            return true;
                        }

                        break;
                    case ILocalReferenceOperation local when hops > 0 && !IsDeclaredWithin(local.Local, scope):
                        if (ValuesOf(local.Local, body).Any(v => DependsOnInput(v, scope, body, types, hops - 1, invocationData))
                            || (invocationData && StoredInto(local.Local, body, types).Any(v => DependsOnInput(v, scope, body, types, hops - 1, invocationData))))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool ReadsAnEnvironmentConstant(IParameterReferenceOperation context)
            => context.Parent is IPropertyReferenceOperation { Property.Name: var name } && EnvironmentConstants.Contains(name);

        /// <summary>What is added to the collection a local holds (<c>list.Add(x)</c>, <c>map[k] = v</c>) in the body.</summary>
        private static IEnumerable<IOperation> StoredInto(ILocalSymbol local, IOperation body, WellKnownTypes types)
        {
            bool IsLocal(IOperation? operation) => operation?.WithoutConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when IsLocal(invocation.Instance) && StoresIntoCollection(local.Type, invocation.TargetMethod.Name, types):
                        foreach (var argument in invocation.Arguments)
                        {
                            yield return argument.Value;
                        }

                        break;
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } assignment when IsLocal(indexer.Instance):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        /// <summary>The initializer of a local and every value assigned to it in the body.</summary>
        public static IEnumerable<IOperation> ValuesOf(ILocalSymbol local, IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                                                                     && declarator.GetVariableInitializer() is { } initializer:
                        yield return initializer.Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        yield return assignment.Value;
                        break;
                    case IForEachLoopOperation loop when loop.Locals.Contains(local, SymbolEqualityComparer.Default):
                        yield return loop.Collection;
                        break;
                }
            }
        }

        private static bool IsDeclaredWithin(ISymbol symbol, IOperation scope)
        {
            var span = scope.Syntax.Span;
            return symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == scope.Syntax.SyntaxTree && span.Contains(r.Span));
        }
    }
}
