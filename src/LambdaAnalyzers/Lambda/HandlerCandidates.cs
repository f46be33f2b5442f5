using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The methods that could be handlers by their declaration, found from syntax alone: a parameter whose
    /// type is spelled <c>ILambdaContext</c>, or an attribute spelled <c>LambdaFunction</c> or
    /// <c>LambdaSerializer</c> (by its last name, so qualified names match), or any through a using alias. Binding every member of a project
    /// to look at its parameters costs more than the rest of handler discovery; syntax facts belong to the
    /// tree, so they are computed once per tree and reused by every later compilation that shares it (the
    /// IDE makes a new compilation per edit, with the unedited trees unchanged). Each candidate is then
    /// confirmed against the real types.
    /// </summary>
    internal static class HandlerCandidates
    {
        private const string ContextName = "ILambdaContext";
        private const string AttributeName = "LambdaFunction";
        private const string SerializerName = "LambdaSerializer";

        private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> Facts = new();

        /// <summary>Every candidate declaration of the compilation, in tree and document order, given <see cref="AliasesIn"/>.</summary>
        public static IEnumerable<MethodDeclarationSyntax> In(Compilation compilation, HashSet<string> aliases)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var method in Facts.GetValue(tree, ReadTree).Methods)
                {
                    if (IsCandidate(method, aliases))
                    {
                        yield return method;
                    }
                }
            }
        }

        private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts>.CreateValueCallback ReadTree = Read;

        /// <summary>The using aliases of the compilation's trees that name <c>ILambdaContext</c>, <c>LambdaFunction</c> or <c>LambdaSerializer</c>.</summary>
        public static HashSet<string> AliasesIn(Compilation compilation)
            => new(compilation.SyntaxTrees.SelectMany(t => Facts.GetValue(t, ReadTree).Aliases));

        /// <summary>Whether one declaration is a candidate, given <see cref="AliasesIn"/>.</summary>
        /// <remarks>Asked of every method a rule looks at, so it reads the declaration without allocating.</remarks>
        public static bool IsCandidate(MethodDeclarationSyntax method, HashSet<string> aliases)
        {
            foreach (var parameter in method.ParameterList.Parameters)
            {
                if (parameter.Type is { } type && IsContext(SyntaxNames.LastName(type), aliases))
                {
                    return true;
                }
            }

            foreach (var list in method.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (IsAttribute(SyntaxNames.LastName(attribute.Name), aliases))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsContext(string typeName, HashSet<string> aliases) => typeName == ContextName || aliases.Contains(typeName);

        private static bool IsAttribute(string name, HashSet<string> aliases)
            => name is AttributeName or AttributeName + "Attribute" or SerializerName or SerializerName + "Attribute" || aliases.Contains(name);

        private static TreeFacts Read(SyntaxTree tree) => new CandidateReader().Read(tree);

        /// <summary>
        /// Every tree passes through here, so it reads declarations only, without LINQ. A method is kept when it
        /// has parameters or attributes; its names are read only when asked (<see cref="IsCandidate"/>), once
        /// the project's aliases are known.
        /// </summary>
        private sealed class CandidateReader : DeclarationReader
        {
            private readonly ImmutableArray<string>.Builder _aliases = ImmutableArray.CreateBuilder<string>();
            private readonly ImmutableArray<MethodDeclarationSyntax>.Builder _methods = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();

            public TreeFacts Read(SyntaxTree tree)
            {
                ReadDeclarations(tree);
                return new TreeFacts(_aliases.ToImmutable(), _methods.ToImmutable());
            }

            protected override void OnUsings(SyntaxList<UsingDirectiveSyntax> usings)
            {
                foreach (var directive in usings)
                {
                    if (SyntaxNames.AliasOf(directive) is { Target: ContextName or AttributeName or AttributeName + "Attribute" or SerializerName or SerializerName + "Attribute" } alias)
                    {
                        _aliases.Add(alias.Alias);
                    }
                }
            }

            protected override void OnMember(MemberDeclarationSyntax member)
            {
                if (member is MethodDeclarationSyntax method && (method.ParameterList.Parameters.Count > 0 || method.AttributeLists.Count > 0))
                {
                    _methods.Add(method);
                }
            }
        }

        private sealed class TreeFacts
        {
            public TreeFacts(ImmutableArray<string> aliases, ImmutableArray<MethodDeclarationSyntax> methods)
            {
                Aliases = aliases;
                Methods = methods;
            }

            public ImmutableArray<string> Aliases { get; }

            public ImmutableArray<MethodDeclarationSyntax> Methods { get; }
        }
    }
}
