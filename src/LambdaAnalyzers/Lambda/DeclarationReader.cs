using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers
{
    /// <summary>
    /// A file's declarations by their syntax alone, in document order: the using directives of the file and
    /// of each namespace, each type, and each member that is neither a type nor a namespace. The per-tree
    /// readers (the call-site index, the handler candidates) go no deeper than this, each reading what it
    /// needs of a member: walking every node of a project's bodies cost as much as a twentieth of its compile.
    /// </summary>
    internal abstract class DeclarationReader
    {
        /// <summary>Reads a file; false when its root is not a compilation unit (nothing was read).</summary>
        protected bool ReadDeclarations(SyntaxTree tree)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return false;
            }

            OnUsings(unit.Usings);
            ReadMembers(unit.Members);
            return true;
        }

        protected abstract void OnUsings(SyntaxList<UsingDirectiveSyntax> usings);

        /// <summary>A type, before its members.</summary>
        protected virtual void OnType(BaseTypeDeclarationSyntax type)
        {
        }

        protected abstract void OnMember(MemberDeclarationSyntax member);

        private void ReadMembers(SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax space:
                        OnUsings(space.Usings);
                        ReadMembers(space.Members);
                        break;
                    case BaseTypeDeclarationSyntax type:
                        OnType(type);
                        if (type is TypeDeclarationSyntax withMembers)
                        {
                            ReadMembers(withMembers.Members);
                        }

                        break;
                    default:
                        OnMember(member);
                        break;
                }
            }
        }
    }
}
