using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// Whether a value carries a secret (LAM103): the value of a LAM101 look-up, <c>SecretString</c> /
    /// <c>SecretBinary</c>, a parameter's <c>Value</c>, KMS <c>Plaintext</c>, or text built from one, followed
    /// across the methods of the compilation. Asked backwards from a log call: a local's assigned values, a
    /// source method's returned values, a field's or property's written values (in its type's code), and a
    /// parameter's arguments at the calls that pass it. Each member's answer is a summary computed when first
    /// asked and kept for the compilation; no method is read that no question reaches. The fixes of LAM101 and
    /// LAM005 write getters that return a fetched value through a cache field, which these summaries follow,
    /// so a fixed leak is still a leak.
    /// Metadata and derived facts (<c>Name</c>, <c>ARN</c>, <c>Length</c>, <c>IsNullOrEmpty</c>, a hash) carry
    /// nothing: only the forms listed in <see cref="Query.Carries"/> pass a secret on.
    /// </summary>
    internal sealed class SecretFlow
    {
        /// <summary>How many members deep one question follows (a getter, its cache field, the fetch...).</summary>
        private const int MaxDepth = 8;

        private const int MaxLocalHops = 4;

        private readonly LambdaCompilation _lambda;
        private readonly AnalyzerOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, SecretNames> _names = new();
        private readonly ConcurrentDictionary<ISymbol, bool> _summaries = new(SymbolEqualityComparer.Default);

        public SecretFlow(LambdaCompilation lambda, AnalyzerOptions options)
        {
            _lambda = lambda;
            _options = options;
        }

        private WellKnownTypes Types => _lambda.Types;

        public bool CarriesSecret(IOperation value, CancellationToken cancellationToken)
            => new Query(this, cancellationToken).Carries(value, MaxLocalHops, awaited: false);

        private SecretNames NamesFor(SyntaxTree tree) => _names.GetOrAdd(tree, t => SecretNames.For(_options, t));

        /// <summary>One question: the members being summarised on this path, to stop at cycles.</summary>
        private sealed class Query
        {
            private readonly SecretFlow _flow;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _inProgress = new(SymbolEqualityComparer.Default);

            // Set when an answer was cut short (a cycle, the depth bound): a "no" found then is not kept.
            private bool _cut;

            public Query(SecretFlow flow, CancellationToken cancellationToken)
            {
                _flow = flow;
                _cancellationToken = cancellationToken;
            }

            private WellKnownTypes Types => _flow.Types;

            private LambdaCompilation Lambda => _flow._lambda;

            public bool Carries(IOperation value, int hops, bool awaited)
            {
                value = value.WithoutConversions();
                switch (value)
                {
                    case var _ when SecretSources.IsSecretValue(value, Types):
                        return true;
                    case var _ when SecretSources.LookedUpKey(value, Types) is not null:
                        return SecretSources.PlaintextSecretRead(value, Lambda, _flow.NamesFor(value.Syntax.SyntaxTree), _cancellationToken) is not null;
                    case ILocalReferenceOperation local when hops > 0:
                        return InvocationInput.ValuesOf(local.Local, value.Root()).Any(v => Carries(v, hops - 1, awaited))
                               || (IsStringBuilder(local.Type) && AppendedToLocal(local.Local, value.Root(), hops - 1));
                    case IParameterReferenceOperation parameter:
                        return Summary(parameter.Parameter, () => ParameterCarries(parameter.Parameter));
                    case var _ when IsSecretPartOfASecretDocument(value, hops):
                        return true;
                    case IFieldReferenceOperation field when field.Field.IsInSource():
                        return Summary(field.Field.OriginalDefinition, () => MemberHolds(field.Field.OriginalDefinition));
                    case IPropertyReferenceOperation { Property: { IsIndexer: false } property } when property.IsInSource():
                        return Summary(property.OriginalDefinition, () => PropertyCarries(property.OriginalDefinition));
                    case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task } when Types.IsTask(task.Type):
                        return Carries(task, hops, awaited: true);
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                        return Carries(binary.LeftOperand, hops, false) || Carries(binary.RightOperand, hops, false);
                    case IInterpolatedStringOperation interpolated:
                        return interpolated.Parts.OfType<IInterpolatedStringContentOperation>()
                            .SelectMany(p => p.ChildOperations)
                            .Any(part => Carries(part, hops, false));
                    case IInterpolationOperation interpolation:
                        return Carries(interpolation.Expression, hops, false);
                    case IArrayCreationOperation { Initializer: { } elements }:
                        return elements.ElementValues.Any(e => Carries(e, hops, false));
                    case ICoalesceOperation coalesce:
                        return Carries(coalesce.Value, hops, awaited) || Carries(coalesce.WhenNull, hops, awaited);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return Carries(conditional.WhenTrue, hops, awaited) || Carries(whenFalse, hops, awaited);
                    case ICoalesceAssignmentOperation coalesceAssignment:
                        return Carries(coalesceAssignment.Target, hops, awaited) || Carries(coalesceAssignment.Value, hops, awaited);
                    case ISimpleAssignmentOperation assignment:
                        return Carries(assignment.Value, hops, awaited);
                    case IAwaitOperation awaitOperation:
                        return Carries(awaitOperation.Operation, hops, awaited: true);
                    case IObjectCreationOperation creation when IsStringBuilder(creation.Type):
                        return creation.Arguments.Any(a => Carries(a.Value, hops, false));
                    case IInvocationOperation call:
                        return InvocationCarries(call, hops, awaited);
                    default:
                        return false;
                }
            }

            /// <summary>
            /// A secret-named part of what was deserialized or parsed from a secret: <c>credentials.Password</c>,
            /// <c>values["password"]</c>, <c>document.RootElement.GetProperty("password").GetString()</c>. The other
            /// parts (<c>username</c>, <c>host</c>) are no secret, and the document itself is left alone (logged,
            /// most types print their name).
            /// </summary>
            private bool IsSecretPartOfASecretDocument(IOperation value, int hops)
            {
                while (value is IInvocationOperation { TargetMethod.Name: "GetString" or "ToString", Instance: { } inner, Arguments.Length: 0 })
                {
                    value = inner.WithoutConversions();
                }

                var (name, document) = value switch
                {
                    IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance } property => (property.Property.Name, instance),
                    IFieldReferenceOperation { Instance: { } instance } field => (field.Field.Name, instance),
                    IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance, Arguments.Length: 1 } indexer => (SecretSources.Constant(indexer.Arguments[0].Value), instance),
                    IInvocationOperation { TargetMethod.Name: "GetProperty" or "SelectToken" or "GetValue", Instance: { } instance, Arguments.Length: >= 1 } call => (SecretSources.Constant(call.Arguments[0].Value), instance),
                    _ => (null, null),
                };
                return name is not null && document is not null && _flow.NamesFor(value.Syntax.SyntaxTree).IsSecret(name) && IsSecretDocument(document, hops);
            }

            private bool IsSecretDocument(IOperation document, int hops)
            {
                document = document.WithoutConversions();
                switch (document)
                {
                    case IInvocationOperation call when call.TargetMethod.Name.StartsWith("Deserialize", StringComparison.Ordinal) || call.TargetMethod.Name is "Parse" or "ParseValue":
                        return call.Arguments.Any(a => Carries(a.Value, hops, false));
                    case IAwaitOperation awaited:
                        return IsSecretDocument(awaited.Operation, hops);
                    case ILocalReferenceOperation local when hops > 0:
                        return InvocationInput.ValuesOf(local.Local, document.Root()).Any(v => IsSecretDocument(v, hops - 1));
                    case IPropertyReferenceOperation { Property.Name: "RootElement", Instance: { } parsed }:
                        return IsSecretDocument(parsed, hops);
                    default:
                        return false;
                }
            }

            private bool InvocationCarries(IInvocationOperation call, int hops, bool awaited)
            {
                var method = call.TargetMethod;
                if (method.ContainingType.SpecialType == SpecialType.System_String)
                {
                    return method.IsStatic
                        ? method.Name is "Concat" or "Format" or "Join" && call.Arguments.Any(a => Carries(a.Value, hops, false))
                        : call.Instance is { } text && call.Type?.SpecialType == SpecialType.System_String && Carries(text, hops, false);
                }

                if (IsStringBuilder(method.ContainingType))
                {
                    return (call.Type?.SpecialType == SpecialType.System_String || IsStringBuilder(call.Type))
                           && ((call.Instance is { } builder && Carries(builder, hops, false)) || call.Arguments.Any(a => Carries(a.Value, hops, false)));
                }

                switch (method.Name)
                {
                    case "ToString" when call.Instance is { } receiver:
                        return Carries(receiver, hops, false);
                    case "ConfigureAwait" or "GetAwaiter" when call.Instance is { } task && Types.IsTask(task.Type):
                        return Carries(task, hops, awaited);
                    case "GetResult" when call.Instance is { } awaiter:
                        return Carries(awaiter, hops, awaited: true);
                }

                if (!method.IsInSource() || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.LocalFunction))
                {
                    return false;
                }

                // A task's text is its type name; only the awaited result is the value.
                if (!awaited && Types.IsTask(method.ReturnType))
                {
                    return false;
                }

                var definition = method.OriginalDefinition;
                return Summary(definition, () => Returns(definition));
            }

            /// <summary>
            /// A member's summary: kept once known, unless it is a "no" found while a member it depends on was
            /// still being summarised (a cycle) or beyond the depth bound, which a later question may answer.
            /// </summary>
            private bool Summary(ISymbol member, Func<bool> compute)
            {
                if (_flow._summaries.TryGetValue(member, out var known))
                {
                    return known;
                }

                if (_inProgress.Count >= MaxDepth || !_inProgress.Add(member))
                {
                    _cut = true;
                    return false;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                var outerCut = _cut;
                _cut = false;
                bool result;
                try
                {
                    result = compute();
                }
                finally
                {
                    _inProgress.Remove(member);
                }

                var cut = _cut;
                _cut = outerCut || (cut && !result);
                if (result || !cut)
                {
                    _flow._summaries.TryAdd(member, result);
                }

                return result;
            }

            /// <summary>A method returns a secret: one of its own return statements does (not those of its lambdas).</summary>
            private bool Returns(IMethodSymbol method)
            {
                foreach (var body in Lambda.BodiesOf(method, _cancellationToken))
                {
                    foreach (var returned in OwnReturns(body))
                    {
                        if (Carries(returned, MaxLocalHops, awaited: false))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static IEnumerable<IOperation> OwnReturns(IOperation body)
            {
                var pending = new Stack<IOperation>();
                pending.Push(body);
                while (pending.Count > 0)
                {
                    foreach (var child in pending.Pop().ChildOperations)
                    {
                        if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            continue;
                        }

                        if (child is IReturnOperation { ReturnedValue: { } value })
                        {
                            yield return value;
                        }
                        else
                        {
                            pending.Push(child);
                        }
                    }
                }
            }

            /// <summary>A property with a getter of its own returns what the getter does; an auto-property holds what is written to it.</summary>
            private bool PropertyCarries(IPropertySymbol property)
                => (property.GetMethod is { } getter && Returns(getter)) || MemberHolds(property);

            /// <summary>A field or auto-property holds a secret: its initializer or a value written to it in its type's code is one.</summary>
            private bool MemberHolds(ISymbol member)
            {
                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    var initializer = reference.GetSyntax(_cancellationToken) switch
                    {
                        VariableDeclaratorSyntax { Initializer: { } field } => field,
                        PropertyDeclarationSyntax { Initializer: { } property } => property,
                        _ => null,
                    };
                    if (initializer is not null
                        && Lambda.OperationOf(initializer, _cancellationToken) is ISymbolInitializerOperation { Value: var initialValue }
                        && Carries(initialValue, MaxLocalHops, awaited: false))
                    {
                        return true;
                    }
                }

                if (member.ContainingType is not { } type)
                {
                    return false;
                }

                foreach (var declaration in type.DeclaringSyntaxReferences)
                {
                    foreach (var name in declaration.GetSyntax(_cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (name.Identifier.ValueText == member.Name
                            && Lambda.OperationOf(name, _cancellationToken) is { } target
                            && SymbolEqualityComparer.Default.Equals(target.ReferencedMember()?.OriginalDefinition, member)
                            && WrittenValue(target) is { } written
                            && Carries(written, MaxLocalHops, awaited: false))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static IOperation? WrittenValue(IOperation target)
                => target.Parent switch
                {
                    IAssignmentOperation assignment when assignment.Target == target => assignment.Value,
                    _ => null,
                };

            /// <summary>
            /// A parameter carries a secret when a call passes one to it. The calls are found where the method's
            /// name is mentioned (its own type's code for a private method). Lambda calls a handler, so its event
            /// and context come from no call in the code; a helper taking the context is called like any method.
            /// </summary>
            private bool ParameterCarries(IParameterSymbol parameter)
            {
                if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } method
                    || !method.IsInSource())
                {
                    return false;
                }

                var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
                var declarations = method.DeclaredAccessibility == Accessibility.Private
                    ? method.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken))
                    : Lambda.Path.DeclarationsMentioning(name);
                var definition = method.OriginalDefinition;
                foreach (var declaration in declarations)
                {
                    foreach (var node in declaration.DescendantNodesAndSelf())
                    {
                        if (!MayCall(node, name, method.MethodKind == MethodKind.Constructor)
                            || Lambda.OperationOf(node, _cancellationToken) is not { } operation)
                        {
                            continue;
                        }

                        var (target, arguments) = operation switch
                        {
                            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
                            _ => (null, default),
                        };
                        if (target is not null
                            && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, definition)
                            && arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal) is { } argument
                            && Carries(argument.Value, MaxLocalHops, awaited: false))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool MayCall(SyntaxNode node, string name, bool constructor)
                => node switch
                {
                    InvocationExpressionSyntax { Expression: var callee } => !constructor && LastName(callee) == name,
                    ObjectCreationExpressionSyntax { Type: var type } => constructor && LastName(type) == name,
                    ImplicitObjectCreationExpressionSyntax => constructor,
                    ConstructorInitializerSyntax => constructor,
                    _ => false,
                };

            private static string? LastName(SyntaxNode node)
                => node switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    GenericNameSyntax generic => generic.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    _ => null,
                };

            /// <summary>What is appended to a <c>StringBuilder</c> local anywhere in the body: <c>sb.Append(a).Append(secret)</c>, <c>sb.Insert(0, secret)</c>.</summary>
            private bool AppendedToLocal(ILocalSymbol local, IOperation root, int hops)
            {
                foreach (var operation in root.Descendants())
                {
                    if (operation is not IInvocationOperation { TargetMethod.Name: var name } call
                        || !(name.StartsWith("Append", StringComparison.Ordinal) || name == "Insert")
                        || !IsStringBuilder(call.TargetMethod.ContainingType))
                    {
                        continue;
                    }

                    var receiver = call.Instance;
                    while (receiver is IInvocationOperation { Instance: { } inner } chained && IsStringBuilder(chained.Type))
                    {
                        receiver = inner;
                    }

                    if (receiver is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && call.Arguments.Any(a => Carries(a.Value, hops, false)))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsStringBuilder(ITypeSymbol? type)
                => type is { Name: "StringBuilder", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
        }
    }
}
