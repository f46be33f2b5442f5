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

        /// <summary>
        /// Whether the creation varies per invocation only by a key that stays the same for a deployment in
        /// practice, so the object is rebuilt for the same key again and again and a cache per key is the fix:
        /// an AWS SDK client whose endpoint or region comes from the event (a WebSocket API's
        /// <c>ServiceURL</c> made of the request's domain and stage, <c>RegionEndpoint.GetBySystemName(region)</c>,
        /// <c>AuthenticationRegion</c>), and a <c>Regex</c> whose pattern or options come from it (the static
        /// <c>Regex</c> methods cache one per pattern), and a client library that owns an HttpClient (RestSharp,
        /// GraphQL, Flurl) whose base URL comes from it (one client per host, the path in each request, is the
        /// fix). Credentials from the event (per-tenant keys, an STS session, an authenticator, a header) or any
        /// other per-invocation setting make it a per-tenant object: not keyed.
        /// </summary>
        public static bool VariesOnlyByKey(IOperation creation, ReuseCandidate candidate, WellKnownTypes types)
        {
            if (creation is not IObjectCreationOperation objectCreation)
            {
                return false;
            }

            if (candidate.CreatedType.Is(types.Regex))
            {
                return true;
            }

            var body = creation.Root();
            bool Varies(IOperation value) => DependsOnInput(value, creation, body, types, MaxLocalHops, invocationData: false);
            if (candidate.RuleId == RuleIds.HttpClientPerInvocation && types.IsHttpClientLibrary(candidate.CreatedType))
            {
                return (objectCreation.Initializer is null || objectCreation.Initializer.Initializers.All(i => !Varies(i) || SetsOnly(i, BaseUrlSettings)))
                       && objectCreation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue || !Varies(a.Value) || IsBaseUrl(a, body, types, Varies));
            }

            if (candidate.RuleId != RuleIds.AwsClientPerInvocation || !types.Implements(candidate.CreatedType, types.IAmazonService))
            {
                return false;
            }

            return (objectCreation.Initializer is null || !Varies(objectCreation.Initializer))
                   && objectCreation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue || !Varies(a.Value) || IsEndpoint(a, body, types, Varies));
        }

        private static readonly string[] EndpointSettings = { "ServiceURL", "RegionEndpoint", "AuthenticationRegion" };

        /// <summary>A region argument, or a client config whose only varying settings say where to connect.</summary>
        private static bool IsEndpoint(IArgumentOperation argument, IOperation body, WellKnownTypes types, System.Func<IOperation, bool> varies)
        {
            var type = argument.Parameter?.Type;
            if (type.Is(types.RegionEndpoint))
            {
                return true;
            }

            if (!type.IsOrDerivesFrom(types.AwsClientConfig))
            {
                return false;
            }

            var value = argument.Value.WithoutConversions();
            var configs = value is ILocalReferenceOperation local ? ValuesOf(local.Local, body).Select(v => v.WithoutConversions()).ToList() : new List<IOperation> { value };
            return configs.Count > 0 && configs.All(config => config is IObjectCreationOperation { Initializer: var initializer } creation
                && creation.Arguments.All(a => !varies(a.Value))
                && (initializer is null || initializer.Initializers.All(i => !varies(i) || i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } && EndpointSettings.Contains(name))));
        }

        private static readonly string[] BaseUrlSettings = { "BaseUrl", "BaseAddress", "EndPoint" };

        private static bool SetsOnly(IOperation initializer, string[] settings)
            => initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } && settings.Contains(name);

        /// <summary>
        /// A client library's base URL: a <c>string</c> or <c>Uri</c> argument (the libraries' only such
        /// constructor parameters are the base URL or endpoint), or its options object (<c>RestClientOptions</c>,
        /// <c>GraphQLHttpClientOptions</c>) whose only varying setting is that URL.
        /// </summary>
        private static bool IsBaseUrl(IArgumentOperation argument, IOperation body, WellKnownTypes types, System.Func<IOperation, bool> varies)
        {
            var type = argument.Parameter?.Type;
            if (type is null)
            {
                return false;
            }

            if (IsUrl(type))
            {
                return true;
            }

            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } options || !options.Name.EndsWith("Options", System.StringComparison.Ordinal))
            {
                return false;
            }

            var value = argument.Value.WithoutConversions();
            var configs = value is ILocalReferenceOperation local ? ValuesOf(local.Local, body).Select(v => v.WithoutConversions()).ToList() : new List<IOperation> { value };
            return configs.Count > 0 && configs.All(config => config is IObjectCreationOperation { Initializer: var initializer } creation
                && creation.Arguments.All(a => !varies(a.Value) || (a.Parameter is { } parameter && IsUrl(parameter.Type)))
                && (initializer is null || initializer.Initializers.All(i => !varies(i) || SetsOnly(i, BaseUrlSettings))));
        }

        private static bool IsUrl(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_String
               || type is INamedTypeSymbol { Name: "Uri", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

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
