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
    }
}
