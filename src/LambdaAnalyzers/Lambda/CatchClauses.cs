using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    internal static class CatchClauses
    {
        /// <summary><c>catch</c>, <c>catch (Exception)</c>, <c>catch (Exception ex)</c>, with no filter: every failure lands here.</summary>
        public static bool CatchesEverything(this ICatchClauseOperation catchClause)
            => catchClause.Filter is null
               && (catchClause.ExceptionType.SpecialType == SpecialType.System_Object || catchClause.ExceptionType.ToDisplayString() == "System.Exception");

        /// <summary>A catch-all that does not throw: no failure from the try's body leaves the statement.</summary>
        public static bool SwallowsEverything(this ITryOperation tryOperation)
            => tryOperation.Catches.Any(c => c.CatchesEverything() && !c.Handler.Descendants().OfType<IThrowOperation>().Any());

        /// <summary>Whether <paramref name="operation"/> sits in the body of a try that swallows every failure, within its operation tree.</summary>
        public static bool IsInsideSwallowingTry(this IOperation operation)
        {
            var child = operation;
            while (child.Parent is { } parent)
            {
                if (parent is ITryOperation tryOperation && tryOperation.Body == child && tryOperation.SwallowsEverything())
                {
                    return true;
                }

                child = parent;
            }

            return false;
        }

        /// <summary>
        /// A catch block that lets Lambda know: a throw, a stored failure (<c>BatchItemFailures.Add</c>,
        /// <c>failures.Add(id)</c>, <c>new BatchItemFailure</c>), or an explicit send to a queue or topic.
        /// </summary>
        public static bool HandlesTheFailure(this IBlockOperation handler)
            => handler.Descendants().Any(operation => operation switch
            {
                IThrowOperation => true,
                IInvocationOperation { TargetMethod.Name: var name } when name.StartsWith("Add", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Send", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Publish", System.StringComparison.Ordinal)
                                                                         || name.StartsWith("Put", System.StringComparison.Ordinal) => true,
                IObjectCreationOperation { Type.Name: "BatchItemFailure" } => true,
                _ => false,
            });
    }
}
