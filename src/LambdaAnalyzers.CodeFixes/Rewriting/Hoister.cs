using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>
    /// Moves per-invocation creations into static readonly fields, so each execution environment builds
    /// them once. One pass handles any number of diagnostics in a document (Fix All): fields get distinct
    /// names, identical creations in the same type share one field, and a creation built from another
    /// hoisted one follows it.
    /// </summary>
    internal static class Hoister
    {
        public static async Task<HoistPlan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return root is null || model is null ? null : Plan(root, model, diagnostic, cancellationToken);
        }

        public static async Task<Document> HoistAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var newFields = new Dictionary<TypeDeclarationSyntax, List<MemberDeclarationSyntax>>();
            var takenNames = new Dictionary<TypeDeclarationSyntax, HashSet<string>>();
            var sharedFields = new Dictionary<(TypeDeclarationSyntax Type, string Creation), string>();

            // A creation built from another one this pass hoists (a DynamoDBContext from the client before it)
            // can move once that local is a field: plans are retried until a pass hoists nothing new, so Fix
            // All gets there in one run instead of one run per level.
            var fieldLocals = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            var fieldNames = new Dictionary<ILocalSymbol, string>(SymbolEqualityComparer.Default);
            var pending = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
            for (var progress = true; progress && pending.Count > 0;)
            {
                progress = false;
                foreach (var diagnostic in pending.ToList())
                {
                    if (Plan(root, model, diagnostic, cancellationToken, fieldLocals) is not { } plan)
                    {
                        continue;
                    }

                    pending.Remove(diagnostic);
                    progress = true;
                    var initializer = WithFields(plan.Creation, fieldNames, model, cancellationToken);
                    var key = (plan.TargetType, (plan.IsStatic ? "static " : "instance ") + Normalize(initializer));
                    var fieldName = plan.IsStatic ? ExistingField(plan, initializer, model, cancellationToken) : null;
                    if (fieldName is null && !sharedFields.TryGetValue(key, out fieldName))
                    {
                        fieldName = UniqueName(plan, model, takenNames, cancellationToken);
                        sharedFields[key] = fieldName;
                        if (!newFields.TryGetValue(plan.TargetType, out var fields))
                        {
                            newFields[plan.TargetType] = fields = new List<MemberDeclarationSyntax>();
                        }

                        fields.Add(FieldFor(plan, initializer, fieldName));
                        if (!plan.IsStatic)
                        {
                            AssignInConstructors(editor, plan, initializer, fieldName, newFields[plan.TargetType]);
                        }
                    }

                    if (plan.Local is not null)
                    {
                        fieldLocals[plan.Local] = plan.IsStatic;
                        fieldNames[plan.Local] = fieldName;
                    }

                    ReplaceUses(editor, plan, fieldName, model, cancellationToken);
                }
            }

            foreach (var pair in newFields)
            {
                InsertMembers(editor, pair.Key, pair.Value, root.EndOfLine());
            }

            return document.WithSyntaxRoot(editor.GetChangedRoot());
        }

        private static HoistPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, IReadOnlyDictionary<ILocalSymbol, bool>? fieldLocals = null)
        {
            if (diagnostic.Properties.ContainsKey(PerInvocationCreationAnalyzer.DoNotHoistProperty))
            {
                return null;
            }

            var creation = root.NodeAt<ExpressionSyntax>(diagnostic);
            return creation is null ? null : HoistPlan.TryCreate(creation, model, cancellationToken, fieldLocals);
        }

        /// <summary>The creation with the locals this fix turned into fields written as those fields.</summary>
        private static ExpressionSyntax WithFields(ExpressionSyntax creation, Dictionary<ILocalSymbol, string> fieldNames, SemanticModel model, CancellationToken cancellationToken)
        {
            if (fieldNames.Count == 0)
            {
                return creation;
            }

            var renamed = creation.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(i => model.GetSymbolInfo(i, cancellationToken).Symbol is ILocalSymbol local && fieldNames.ContainsKey(local))
                .ToList();
            return renamed.Count == 0
                ? creation
                : creation.ReplaceNodes(renamed, (original, _) => IdentifierName(fieldNames[(ILocalSymbol)model.GetSymbolInfo(original, cancellationToken).Symbol!]).WithTriviaFrom(original));
        }

        /// <summary>A static readonly field of the type that already holds the same creation.</summary>
        private static string? ExistingField(HoistPlan plan, ExpressionSyntax initializer, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var field in plan.TargetType.Members.OfType<FieldDeclarationSyntax>())
            {
                if (!field.Modifiers.Any(SyntaxKind.StaticKeyword) || !field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
                {
                    continue;
                }

                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer?.Value is { } value
                        && Normalize(value) == Normalize(initializer)
                        && model.GetDeclaredSymbol(variable, cancellationToken) is IFieldSymbol symbol
                        && model.Compilation.ClassifyConversion(symbol.Type, plan.FieldType).IsImplicit)
                    {
                        return variable.Identifier.ValueText;
                    }
                }
            }

            return null;
        }

        private static string UniqueName(HoistPlan plan, SemanticModel model, Dictionary<TypeDeclarationSyntax, HashSet<string>> takenNames, CancellationToken cancellationToken)
        {
            if (!takenNames.TryGetValue(plan.TargetType, out var taken))
            {
                var type = model.GetDeclaredSymbol(plan.TargetType, cancellationToken);
                taken = new HashSet<string>(type?.MemberNames ?? Enumerable.Empty<string>()) { plan.TargetType.Identifier.ValueText };
                takenNames[plan.TargetType] = taken;
            }

            var name = plan.PreferredName;
            for (var suffix = 2; taken.Contains(name); suffix++)
            {
                name = plan.PreferredName + suffix;
            }

            taken.Add(name);
            return name;
        }

        private static FieldDeclarationSyntax FieldFor(HoistPlan plan, ExpressionSyntax initializer, string name)
        {
            var type = ParseTypeName(plan.FieldType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString())
                .WithAdditionalAnnotations(Simplifier.Annotation);
            var declarator = VariableDeclarator(Identifier(name));
            var modifiers = TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.ReadOnlyKeyword));
            if (plan.IsStatic)
            {
                declarator = declarator.WithInitializer(EqualsValueClause(initializer.WithoutTrivia()));
                modifiers = modifiers.Insert(1, Token(SyntaxKind.StaticKeyword));
            }

            return FieldDeclaration(VariableDeclaration(type, SingletonSeparatedList(declarator)))
                .WithModifiers(modifiers)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>
        /// Ends every constructor that does not chain to <c>this(...)</c> with the assignment, after the state
        /// it uses is set; adds a parameterless constructor when the class has none.
        /// </summary>
        private static void AssignInConstructors(DocumentEditor editor, HoistPlan plan, ExpressionSyntax initializer, string fieldName, List<MemberDeclarationSyntax> newMembers)
        {
            var assignment = ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(fieldName), initializer.WithoutTrivia()))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var constructors = plan.TargetType.Members.OfType<ConstructorDeclarationSyntax>()
                .Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword))
                .ToList();
            if (constructors.Count == 0)
            {
                newMembers.Add(ConstructorDeclaration(plan.TargetType.Identifier.WithoutTrivia())
                    .WithModifiers(TokenList(Token(SyntaxKind.PublicKeyword)))
                    .WithBody(Block(assignment))
                    .WithAdditionalAnnotations(Formatter.Annotation));
                return;
            }

            foreach (var constructor in constructors)
            {
                if (constructor.Initializer is { } chained && chained.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword))
                {
                    continue;
                }

                editor.ReplaceNode(constructor, (current, _) =>
                {
                    var currentConstructor = (ConstructorDeclarationSyntax)current;
                    return currentConstructor.WithBody(currentConstructor.Body!.AddStatements(assignment));
                });
            }
        }

        private static void ReplaceUses(DocumentEditor editor, HoistPlan plan, string fieldName, SemanticModel model, CancellationToken cancellationToken)
        {
            if (plan.Local is not null && plan.Holder?.Parent is { } body)
            {
                foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == plan.Local.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, plan.Local))
                    {
                        editor.ReplaceNode(identifier, IdentifierName(fieldName).WithTriviaFrom(identifier));
                    }
                }

                foreach (var disposal in plan.DisposalsOfLocal(model, cancellationToken))
                {
                    editor.RemoveNode(disposal);
                }

                if (plan.Holder is LocalDeclarationStatementSyntax declaration)
                {
                    MoveCommentsToNextStatement(editor, declaration);
                    editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
                    return;
                }
            }

            if (plan.Holder is UsingStatementSyntax usingStatement)
            {
                // The shared object must outlive the block: keep the block, drop the using.
                editor.ReplaceNode(usingStatement, (current, _) => UnwrapUsing((UsingStatementSyntax)current));
                return;
            }

            editor.ReplaceNode(plan.Creation, IdentifierName(fieldName).WithTriviaFrom(plan.Creation));
        }

        /// <summary>A comment above the removed declaration usually explains what follows it, so it stays.</summary>
        private static void MoveCommentsToNextStatement(DocumentEditor editor, StatementSyntax removed)
        {
            var leading = removed.GetLeadingTrivia();
            if (!leading.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                || removed.Parent is not BlockSyntax block)
            {
                return;
            }

            var index = block.Statements.IndexOf(removed);
            if (index + 1 >= block.Statements.Count)
            {
                return;
            }

            // Keep the comment lines, not the indentation that preceded the removed statement's first token.
            var lastLineBreak = leading.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var comments = leading.TakeWhile(t => t != lastLineBreak).Append(lastLineBreak);
            editor.ReplaceNode(block.Statements[index + 1], (current, _) => current.WithLeadingTrivia(comments.Concat(current.GetLeadingTrivia())));
        }

        private static SyntaxNode UnwrapUsing(UsingStatementSyntax usingStatement)
        {
            var body = usingStatement.Statement is BlockSyntax block ? block : Block(usingStatement.Statement);
            return body.WithLeadingTrivia(usingStatement.GetLeadingTrivia()).WithTrailingTrivia(usingStatement.GetTrailingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>New fields go after the last field, or first in the type, set off by a blank line.</summary>
        internal static void InsertMembers(DocumentEditor editor, TypeDeclarationSyntax type, List<MemberDeclarationSyntax> fields, SyntaxTrivia endOfLine)
        {
            var lastField = type.Members.OfType<FieldDeclarationSyntax>().LastOrDefault();
            if (lastField is not null)
            {
                editor.InsertAfter(lastField, fields);
            }
            else if (type.Members.FirstOrDefault() is { } firstMember)
            {
                var spaced = fields.Take(fields.Count - 1).Append(fields[fields.Count - 1].WithTrailingTrivia(endOfLine, endOfLine));
                editor.InsertBefore(firstMember, spaced);
            }
            else
            {
                foreach (var field in fields)
                {
                    editor.AddMember(type, field);
                }
            }
        }

        private static string Normalize(SyntaxNode node) => node.WithoutTrivia().NormalizeWhitespace().ToFullString();
    }
}
