using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LambdaAnalyzers.CodeFixes
{
    /// <summary>Writes <c>Task</c> / <c>Task&lt;T&gt;</c> as the user would (with <see cref="Usings"/> adding the namespace).</summary>
    internal static class TaskSyntax
    {
        public const string TasksNamespace = "System.Threading.Tasks";

        public static TypeSyntax Task(TypeSyntax? resultType = null)
            => resultType is null
                ? IdentifierName("Task")
                : GenericName(Identifier("Task"), TypeArgumentList(SingletonSeparatedList(resultType.WithoutTrivia())));
    }
}
