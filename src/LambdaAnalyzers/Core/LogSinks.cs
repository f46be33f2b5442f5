using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers
{
    /// <summary>The calls that write a log line: the Lambda logger, <c>Console</c>, <c>ILogger</c>.</summary>
    internal static class LogSinks
    {
        public static bool IsLogSink(IMethodSymbol method, WellKnownTypes types)
        {
            var type = method.ContainingType;
            return types.Implements(type, types.ILambdaLogger)
                   || (type.Is(types.LambdaLogger) && method.Name == "Log")
                   || (type.Is(types.Console) && method.Name is "Write" or "WriteLine")
                   || (type.Is(types.LoggerExtensions) && method.Name.StartsWith("Log", System.StringComparison.Ordinal))
                   || (types.Implements(type, types.ILogger) && method.Name == "Log");
        }
    }
}
