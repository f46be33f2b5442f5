using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// What hoisting one creation changes: the expression moves to a static readonly field of
    /// <see cref="TargetType"/>; a local that held it is replaced by the field, and the local's
    /// <c>using</c>/<c>Dispose</c> go, because the object now lives as long as the execution environment.
    /// </summary>
    internal sealed class HoistPlan
    {
        private HoistPlan(ExpressionSyntax creation, TypeDeclarationSyntax targetType, ITypeSymbol fieldType, string preferredName, ILocalSymbol? local, SyntaxNode? holder, bool isStatic = true)
        {
            IsStatic = isStatic;
            Creation = creation;
            TargetType = targetType;
            FieldType = fieldType;
            PreferredName = preferredName;
            Local = local;
            Holder = holder;
        }

        public ExpressionSyntax Creation { get; }

        /// <summary>
        /// True for a static readonly field with an initializer; false for a readonly instance field of a
        /// handler class assigned in its constructors (Lambda keeps one handler instance per environment),
        /// used when the creation needs the handler's own instance state.
        /// </summary>
        public bool IsStatic { get; }

        public TypeDeclarationSyntax TargetType { get; }

        public ITypeSymbol FieldType { get; }

        public string PreferredName { get; }

        /// <summary>The local the creation initialised, whose uses become field uses.</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>The local declaration statement or <c>using</c> statement that goes away, if any.</summary>
        public SyntaxNode? Holder { get; }

        /// <param name="fieldLocals">Locals the same fix turns into fields (true: static), usable by this creation as those fields.</param>
        public static HoistPlan? TryCreate(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals = null)
            => TryCreate(creation, model, cancellationToken, allowInstance: true, fieldLocals);

        private static HoistPlan? TryCreate(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, bool allowInstance, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals)
        {
            if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } targetType || targetType is InterfaceDeclarationSyntax)
            {
                return null;
            }

            if (allowInstance && !InitTimeExpression.CanMoveToStaticInitializer(creation, model, cancellationToken, fieldLocals))
            {
                return ForHandlerConstructor(creation, targetType, model, cancellationToken, fieldLocals);
            }

            var createdType = model.GetTypeInfo(creation, cancellationToken).Type;
            if (createdType is null or IErrorTypeSymbol || createdType.IsTaskLike())
            {
                return null; // an awaited factory (ConnectAsync) cannot run in a field initializer
            }

            var parent = creation.WalkUpParentheses().Parent;
            if (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && declarator.Parent is VariableDeclarationSyntax declaration)
            {
                return ForLocal(creation, targetType, declarator, declaration, model, cancellationToken, createdType);
            }

            if (parent is UsingStatementSyntax { Expression: { } usingExpression } usingStatement && usingExpression == creation.WalkUpParentheses())
            {
                return new HoistPlan(creation, targetType, createdType, DefaultName(createdType), local: null, holder: usingStatement);
            }

            return new HoistPlan(creation, targetType, createdType, DefaultName(createdType), local: null, holder: null);
        }

        private static HoistPlan? ForHandlerConstructor(ExpressionSyntax creation, TypeDeclarationSyntax targetType, SemanticModel model, CancellationToken cancellationToken, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals)
        {
            if (model.GetDeclaredSymbol(targetType, cancellationToken) is not { IsStatic: false } type
                || targetType is not (ClassDeclarationSyntax or RecordDeclarationSyntax)
                || !IsHandlerType(type, model.Compilation)
                || !InitTimeExpression.CanMoveToConstructor(creation, model, type, cancellationToken, fieldLocals)
                || creation.Ancestors().Any(a => a is ConstructorDeclarationSyntax)
                || targetType.ParameterList is not null
                || targetType.Members.OfType<ConstructorDeclarationSyntax>().Any(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword) && c.Body is null)
                || type.InstanceConstructors.Any(c => c.DeclaringSyntaxReferences.Any(r => r.SyntaxTree != targetType.SyntaxTree || !targetType.Span.Contains(r.Span))))
            {
                // Constructors elsewhere (other partial parts), expression-bodied or primary constructors,
                // and code already in a constructor are left to the user.
                return null;
            }

            var plan = TryCreate(creation, model, cancellationToken, allowInstance: false, fieldLocals);
            return plan is null ? null : plan.AsInstanceField();
        }

        private HoistPlan AsInstanceField()
            => new(Creation, TargetType, FieldType, "_" + PreferredName.Substring("s_".Length), Local, Holder, isStatic: false);

        private static bool IsHandlerType(INamedTypeSymbol type, Compilation compilation)
            => LambdaCompilation.For(compilation).Handlers.Any(h => SymbolEqualityComparer.Default.Equals(h.Method.ContainingType.OriginalDefinition, type.OriginalDefinition));

        private static HoistPlan? ForLocal(ExpressionSyntax creation, TypeDeclarationSyntax targetType, VariableDeclaratorSyntax declarator, VariableDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken, ITypeSymbol createdType)
        {
            if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
            {
                // An instance field initializer of a type built per invocation: the expression itself is replaced.
                return new HoistPlan(creation, targetType, createdType, DefaultName(createdType), local: null, holder: null);
            }

            var holder = declaration.Parent;
            if (declaration.Variables.Count != 1 || holder is not (LocalDeclarationStatementSyntax or UsingStatementSyntax))
            {
                return null;
            }

            var body = holder.Parent;
            if (body is null || IsWrittenAfterDeclaration(local, body, model, cancellationToken))
            {
                return null; // a local that is reassigned cannot become a readonly field
            }

            var fieldType = declaration.Type.IsVar ? createdType : model.GetTypeInfo(declaration.Type, cancellationToken).Type ?? createdType;
            return new HoistPlan(creation, targetType, fieldType, "s_" + local.Name.TrimStart('_', '@'), local, holder);
        }

        private static bool IsWrittenAfterDeclaration(ILocalSymbol local, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                {
                    continue;
                }

                var parent = identifier.WalkUpParentheses().Parent;
                var written = parent switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left == identifier.WalkUpParentheses(),
                    PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                    ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                    _ => false,
                };
                if (written)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>AmazonS3Client</c> becomes <c>s_amazonS3Client</c>; <c>IConfigurationRoot</c> becomes <c>s_configurationRoot</c>.</summary>
        private static string DefaultName(ITypeSymbol type)
        {
            var name = type.Name;
            if (type.TypeKind == TypeKind.Interface && name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
            {
                name = name.Substring(1);
            }

            return "s_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        public IEnumerable<SyntaxNode> DisposalsOfLocal(SemanticModel model, CancellationToken cancellationToken)
        {
            if (Local is null || Holder?.Parent is not { } body)
            {
                yield break;
            }

            foreach (var statement in body.DescendantNodes().OfType<ExpressionStatementSyntax>())
            {
                var call = statement.Expression is AwaitExpressionSyntax awaited ? awaited.Expression : statement.Expression;
                var receiver = call switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" } access } => access.Expression,
                    ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" } } } conditional => conditional.Expression,
                    _ => null,
                };

                if (receiver is IdentifierNameSyntax name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, Local))
                {
                    yield return statement;
                }
            }
        }
    }

    internal static class SyntaxNavigation
    {
        /// <summary>The line break the file already uses, so inserted lines match it.</summary>
        public static SyntaxTrivia EndOfLine(this SyntaxNode node)
        {
            var endOfLine = node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;.</summary>
        public static bool IsTaskLike(this ITypeSymbol type)
            => type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>The node of a given kind whose span is exactly the diagnostic's: where the rule put its squiggle.</summary>
        public static T? NodeAt<T>(this SyntaxNode root, Diagnostic diagnostic)
            where T : SyntaxNode
        {
            var span = diagnostic.Location.SourceSpan;
            return root.FullSpan.Contains(span)
                ? root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<T>().FirstOrDefault(n => n.Span == span)
                : null;
        }

        public static SyntaxNode WalkUpParentheses(this SyntaxNode node)
        {
            while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                node = parenthesized;
            }

            return node;
        }
    }
}
