using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The ways code inside a handler's reach still runs once per execution environment: a <c>Lazy&lt;T&gt;</c>
    /// factory stored in a field, <c>_client ??= new ...</c> or <c>if (_client == null) _client = new ...</c> on a
    /// static or handler-instance field, and a DI singleton registration.
    /// </summary>
    internal sealed class InitOnceIdioms
    {
        private static readonly HashSet<string> SingletonRegistrations = new()
        {
            "AddSingleton", "TryAddSingleton", "AddKeyedSingleton", "TryAddKeyedSingleton",
        };

        private readonly WellKnownTypes _types;
        private readonly HandlerFinder _handlers;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _isHandlerType = new(SymbolEqualityComparer.Default);

        public InitOnceIdioms(WellKnownTypes types, HandlerFinder handlers)
        {
            _types = types;
            _handlers = handlers;
        }

        /// <summary>A type that declares a handler (or holds a bootstrap delegate): Lambda keeps one instance of it per environment.</summary>
        private bool IsHandlerType(INamedTypeSymbol type)
            => _isHandlerType.GetOrAdd(
                type,
                t => t.GetMembers().OfType<IMethodSymbol>().Any(m => _handlers.Classify(m) is not null)
                     || _handlers.BootstrapDelegates.Any(d => SymbolEqualityComparer.Default.Equals(d.ContainingType.OriginalDefinition, t)));

        /// <summary>True when <paramref name="child"/>, directly under <paramref name="parent"/>, runs once per environment.</summary>
        public bool TakesOffPath(IOperation parent, IOperation child)
        {
            switch (parent)
            {
                case IArgumentOperation { Parent: IObjectCreationOperation creation }
                    when creation.Type.Is(_types.Lazy) && IsStoredInMember(creation):
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation invocation }
                    when IsSingletonRegistration(invocation.TargetMethod):
                    return true;
                case ICoalesceAssignmentOperation coalesceAssignment
                    when child == coalesceAssignment.Value && IsEnvironmentLifetimeMember(coalesceAssignment.Target):
                    return true;
                case ISimpleAssignmentOperation assignment
                    when child == assignment.Value && IsEnvironmentLifetimeMember(assignment.Target) && IsNullGuarded(assignment, assignment.Target.ReferencedMember()!):
                    return true;
                default:
                    return false;
            }
        }

        private bool IsSingletonRegistration(IMethodSymbol method)
            => SingletonRegistrations.Contains(method.Name)
               && (method.ContainingType.Is(_types.ServiceCollectionServiceExtensions) || method.ContainingType.Is(_types.ServiceCollectionDescriptorExtensions));

        private static bool IsStoredInMember(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IFieldInitializerOperation or IPropertyInitializerOperation
                || (parent is ISimpleAssignmentOperation assignment && assignment.Target.ReferencedMember() is not null);
        }

        /// <summary>A static member, or an instance member of a handler class (Lambda keeps one handler instance per environment).</summary>
        public bool IsEnvironmentLifetimeMember(IOperation target)
            => target.ReferencedMember() is { } member
               && (member.IsStatic || IsHandlerType(member.ContainingType.OriginalDefinition));

        /// <summary><c>if (_client == null) _client = ...</c>, <c>if (_client is null)</c>, and <c>_client ?? (_client = ...)</c>.</summary>
        private static bool IsNullGuarded(IOperation assignment, ISymbol member)
        {
            for (var ancestor = assignment.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                switch (ancestor)
                {
                    case IConditionalOperation conditional when TestsForNull(conditional.Condition, member):
                        return true;
                    case ICoalesceOperation coalesce when Mentions(coalesce.Value, member):
                        return true;
                    case IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool TestsForNull(IOperation condition, ISymbol member)
            => Mentions(condition, member)
               && condition.DescendantsAndSelf().Any(o =>
                   o is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } }
                   || o is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
                   || (o is IConversionOperation { Operand: ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } }));

        private static bool Mentions(IOperation operation, ISymbol member)
            => operation.DescendantsAndSelf().Any(o => o.ReferencedMember() is { } referenced && SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, member.OriginalDefinition));
    }
}
