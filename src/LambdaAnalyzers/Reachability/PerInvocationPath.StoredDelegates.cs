using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    internal sealed partial class PerInvocationPath
    {
        /// <summary>
        /// Lambdas kept in a delegate-typed local, field or property (<c>Func&lt;IAmazonS3&gt; _s3Factory = () =&gt; new
        /// AmazonS3Client();</c>), which run wherever the delegate is invoked: a factory stored at init and invoked in
        /// the handler runs its lambda on every invocation. Only lambdas written where the variable is declared or
        /// assigned are followed (not a delegate passed around through parameters or other variables), which keeps
        /// both directions of the path cheap: invoking <c>_s3Factory()</c> names the variable, so its callers are
        /// found by that name like any member's.
        /// </summary>
        private sealed class StoredDelegates
        {
            private readonly Compilation _compilation;
            private readonly SemanticModelCache _models;
            private readonly Func<CallSiteIndex> _callSites;
            private readonly Lazy<ImmutableArray<GlobalStatementSyntax>> _topLevelStatements;
            private readonly ConcurrentDictionary<object, ImmutableArray<IMethodSymbol>> _lambdasIn = new();
            private readonly ConcurrentDictionary<IMethodSymbol, Holder?> _holders = new(SymbolEqualityComparer.Default);

            public StoredDelegates(Compilation compilation, SemanticModelCache models, Func<CallSiteIndex> callSites)
            {
                _compilation = compilation;
                _models = models;
                _callSites = callSites;
                _topLevelStatements = new(
                    () => compilation.SyntaxTrees.SelectMany(t => t.GetRoot() is CompilationUnitSyntax unit ? unit.Members.OfType<GlobalStatementSyntax>() : Enumerable.Empty<GlobalStatementSyntax>()).ToImmutableArray(),
                    LazyThreadSafetyMode.ExecutionAndPublication);
            }

            /// <summary>The variable a lambda is stored in, and the code that can invoke it.</summary>
            internal sealed class Holder
            {
                public Holder(ISymbol symbol, ImmutableArray<SyntaxReference> onlyWithin)
                {
                    Symbol = symbol;
                    OnlyWithin = onlyWithin;
                }

                public ISymbol Symbol { get; }

                /// <summary>Where its invocations can be: a local's member, a private member's type; default for anywhere.</summary>
                public ImmutableArray<SyntaxReference> OnlyWithin { get; }
            }

            /// <summary>
            /// The name of what a lambda is stored in, read from syntax: the variable of <c>var f = () =&gt; ...</c>,
            /// the field or property initialized or assigned with it (<c>_f = () =&gt; ...</c>, <c>this.F = ...</c>,
            /// <c>new Func&lt;T&gt;(() =&gt; ...)</c>, a cast). Null for a lambda passed as an argument or returned.
            /// </summary>
            public static string? StoredName(AnonymousFunctionExpressionSyntax lambda)
            {
                SyntaxNode node = lambda;
                while (true)
                {
                    var parent = node.Parent;
                    switch (parent)
                    {
                        case ParenthesizedExpressionSyntax or CastExpressionSyntax:
                            node = parent;
                            continue;
                        case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: BaseObjectCreationExpressionSyntax creation } }:
                            node = creation; // `new Func<T>(() => ...)`: binding tells a delegate creation from other types
                            continue;
                        case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                            return declarator.Identifier.ValueText;
                        case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                            return property.Identifier.ValueText;
                        case AssignmentExpressionSyntax assignment when assignment.Right == node
                            && (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)):
                            return assignment.Left switch
                            {
                                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                                MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                                MemberBindingExpressionSyntax { Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                                _ => null,
                            };
                        default:
                            return null;
                    }
                }
            }

            /// <summary>The lambda's syntax, when it is a lambda written in source.</summary>
            public static AnonymousFunctionExpressionSyntax? SyntaxOf(IMethodSymbol lambda)
                => lambda.MethodKind == MethodKind.AnonymousFunction && lambda.DeclaringSyntaxReferences.Length > 0
                    ? lambda.DeclaringSyntaxReferences[0].GetSyntax() as AnonymousFunctionExpressionSyntax
                    : null;

            /// <summary>What a stored lambda is stored in (the first such variable), or null for a lambda that is not stored.</summary>
            public Holder? HolderOf(IMethodSymbol lambda) => _holders.GetOrAdd(lambda, FindHolder);

            private Holder? FindHolder(IMethodSymbol lambda)
            {
                if (SyntaxOf(lambda) is not { } syntax || StoredName(syntax) is null || _models.Get(syntax.SyntaxTree) is not { } model)
                {
                    return null;
                }

                var target = TargetOf(syntax, model);
                switch (target)
                {
                    case ILocalSymbol local when local.DeclaringSyntaxReferences.Length > 0:
                        return new Holder(local, ImmutableArray.Create(ScopeOf(local.DeclaringSyntaxReferences[0].GetSyntax()).GetReference()));
                    case IFieldSymbol or IPropertySymbol { IsIndexer: false }:
                        return new Holder(
                            target.OriginalDefinition,
                            target.DeclaredAccessibility == Accessibility.Private ? target.ContainingType.DeclaringSyntaxReferences : default);
                    default:
                        return null;
                }
            }

            /// <summary>The local, field or property a stored lambda's syntax assigns, bound; null when it is a delegate given to something else.</summary>
            private static ISymbol? TargetOf(AnonymousFunctionExpressionSyntax lambda, SemanticModel model)
            {
                SyntaxNode node = lambda;
                while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or BaseObjectCreationExpressionSyntax)
                {
                    if (node.Parent is BaseObjectCreationExpressionSyntax creation && model.GetTypeInfo(creation).Type?.TypeKind != TypeKind.Delegate)
                    {
                        return null;
                    }

                    node = node.Parent;
                }

                return node.Parent switch
                {
                    EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator),
                    EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property),
                    AssignmentExpressionSyntax assignment => model.GetSymbolInfo(assignment.Left).Symbol,
                    _ => null,
                };
            }

            /// <summary>Where a local lives: its member, or the top-level statements of its file.</summary>
            private static SyntaxNode ScopeOf(SyntaxNode declaration)
            {
                var member = declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                return member is null or GlobalStatementSyntax ? declaration.SyntaxTree.GetRoot() : member;
            }

            /// <summary>
            /// The variable a delegate invocation invokes (<c>factory()</c>, <c>_factory.Invoke()</c>, <c>Factory?.Invoke()</c>),
            /// when it is a local, field or property.
            /// </summary>
            public static ISymbol? InvokedVariable(IInvocationOperation invocation)
            {
                if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke || invocation.Instance is not { } instance)
                {
                    return null;
                }

                if (instance is IConditionalAccessInstanceOperation)
                {
                    for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            instance = access.Operation;
                            break;
                        }
                    }
                }

                return instance.WithoutConversions() switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IFieldReferenceOperation field => field.Field.OriginalDefinition,
                    IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.OriginalDefinition,
                    _ => null,
                };
            }

            /// <summary>The lambdas stored in a local, field or property anywhere in this compilation, bound once per variable.</summary>
            public ImmutableArray<IMethodSymbol> LambdasIn(ISymbol variable) => _lambdasIn.GetOrAdd(KeyOf(variable), _ => FindLambdas(variable));

            /// <summary>
            /// A local is known by where it is declared: two semantic models of one tree (the driver's and the
            /// walk's) each make their own symbol for it.
            /// </summary>
            private static object KeyOf(ISymbol variable)
                => variable is ILocalSymbol { DeclaringSyntaxReferences: { Length: > 0 } references }
                    ? (references[0].SyntaxTree, references[0].Span)
                    : variable;

            private static bool SameVariable(ISymbol? candidate, ISymbol variable)
                => candidate is not null && KeyOf(candidate.OriginalDefinition).Equals(KeyOf(variable));

            private ImmutableArray<IMethodSymbol> FindLambdas(ISymbol variable)
            {
                var scopes = new List<SyntaxNode>();
                switch (variable)
                {
                    case ILocalSymbol local when local.DeclaringSyntaxReferences.Length > 0:
                        scopes.Add(ScopeOf(local.DeclaringSyntaxReferences[0].GetSyntax()));
                        break;
                    case IFieldSymbol or IPropertySymbol when variable.DeclaredAccessibility == Accessibility.Private && variable.ContainingType is { } type:
                        // Only its own type's code can assign it.
                        scopes.AddRange(type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()));
                        break;
                    case IFieldSymbol or IPropertySymbol:
                        // Its initializer, the code that mentions its name, and top-level statements (which no index holds).
                        scopes.AddRange(variable.DeclaringSyntaxReferences.Select(r => r.GetSyntax()));
                        scopes.AddRange(_callSites().DeclarationsMentioning(variable.Name));
                        scopes.AddRange(_topLevelStatements.Value);
                        break;
                    default:
                        return ImmutableArray<IMethodSymbol>.Empty;
                }

                var found = new List<IMethodSymbol>();
                foreach (var scope in scopes.Distinct())
                {
                    if (_models.Get(scope.SyntaxTree) is not { } model || !_compilation.ContainsSyntaxTree(scope.SyntaxTree))
                    {
                        continue;
                    }

                    foreach (var lambda in scope.DescendantNodesAndSelf().OfType<AnonymousFunctionExpressionSyntax>())
                    {
                        if (StoredName(lambda) == variable.Name
                            && SameVariable(TargetOf(lambda, model), variable)
                            && model.GetSymbolInfo(lambda).Symbol is IMethodSymbol symbol
                            && !found.Contains(symbol, SymbolEqualityComparer.Default))
                        {
                            found.Add(symbol);
                        }
                    }
                }

                return found.ToImmutableArray();
            }

            /// <summary>The stored lambdas written inside a declaration: code the index files under it, which runs when they are invoked.</summary>
            public IEnumerable<IMethodSymbol> StoredLambdasWithin(SyntaxNode declaration)
            {
                if (_models.Get(declaration.SyntaxTree) is not { } model)
                {
                    yield break;
                }

                foreach (var lambda in declaration.DescendantNodesAndSelf().OfType<AnonymousFunctionExpressionSyntax>())
                {
                    if (StoredName(lambda) is not null && model.GetSymbolInfo(lambda).Symbol is IMethodSymbol symbol)
                    {
                        yield return symbol;
                    }
                }
            }

            /// <summary>The stored lambdas of top-level statements, whose code sits in no declaration the index holds.</summary>
            public IEnumerable<IMethodSymbol> StoredLambdasOfTopLevelStatements() => _topLevelStatements.Value.SelectMany(StoredLambdasWithin);
        }
    }
}
