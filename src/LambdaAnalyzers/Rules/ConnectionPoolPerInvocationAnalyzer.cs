using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules
{
    /// <summary>LAM003: a connection pool or shared cache/database client per invocation defeats pooling and floods the server with connections.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConnectionPoolPerInvocationAnalyzer : PerInvocationCreationAnalyzer
    {
        internal static readonly DiagnosticDescriptor Descriptor = LambdaAnalyzers.Rule.Create(
            RuleIds.ConnectionPoolPerInvocation,
            title: "Connection pool or shared database/cache client created per invocation",
            messageFormat: "'{0}' is created on every invocation of '{1}'{2}; {3}",
            RuleCategories.Reuse,
            DiagnosticSeverity.Warning,
            description: "NpgsqlDataSource, ConnectionMultiplexer and MongoClient own a connection pool meant to live as long as the process. Built per invocation, every warm invocation opens fresh connections and the database sees one pool per invocation. Pooled ADO.NET connections and short-lived DbContexts are the intended per-invocation pattern and are reported (as info) only with lambda_analyzers.report_pooled_connections = true.");

        public ConnectionPoolPerInvocationAnalyzer()
            : base(Descriptor)
        {
        }

        private protected override string Remedy(ReuseCandidate candidate)
            => candidate.IsPooledConnection
                ? "the provider pools connections, so this is usually fine; make sure the connection string enables pooling and the connection is disposed"
                : "create it once in a static readonly field so warm invocations reuse its pooled connections";
    }
}
