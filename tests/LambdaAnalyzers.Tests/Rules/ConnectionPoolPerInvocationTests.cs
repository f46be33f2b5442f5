using Microsoft.CodeAnalysis;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.ConnectionPoolPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class ConnectionPoolPerInvocationTests
    {
        private const string PooledConnections = """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Npgsql;

            public class OrderHandler
            {
                private static readonly string ConnectionString = System.Environment.GetEnvironmentVariable("DB_HOST") ?? "";

                public async Task Handle(string input, ILambdaContext context)
                {
                    await using var connection = {|#0:new NpgsqlConnection(ConnectionString)|};
                    await connection.OpenAsync();
                }
            }
            """;

        [Fact]
        public Task DataSourceAndMultiplexer_Trigger() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Npgsql;
            using StackExchange.Redis;

            public class OrderHandler
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    await using var dataSource = {|#0:NpgsqlDataSource.Create("Host=db;Username=app")|};
                    await using var built = {|LAM003:new NpgsqlDataSourceBuilder("Host=db").Build()|};
                    using var redis = {|LAM003:ConnectionMultiplexer.Connect("cache:6379")|};
                    var redisAsync = await {|LAM003:ConnectionMultiplexer.ConnectAsync("cache:6379")|};
                }
            }
            """,
            Verify.Diagnostic("LAM003").WithLocation(0).WithArguments(
                "NpgsqlDataSource", "OrderHandler.Handle", "", "create it once in a static readonly field so warm invocations reuse its pooled connections"));

        [Fact]
        public Task PooledConnection_DoesNotTriggerByDefault()
            => Verify.VerifyAsync(PooledConnections.Replace("{|#0:", string.Empty).Replace("|}", string.Empty));

        [Fact]
        public async Task PooledConnection_ReportedAsInfo_WhenOptionOn()
        {
            var test = new Verify.AnalyzerTest { TestCode = PooledConnections };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                lambda_analyzers.report_pooled_connections = true
                """));
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("LAM003", DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                "NpgsqlConnection", "OrderHandler.Handle", "", "the provider pools connections, so this is usually fine; make sure the connection string enables pooling and the connection is disposed"));
            await test.RunAsync();
        }

        [Fact]
        public Task StaticDataSource_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Npgsql;
            using StackExchange.Redis;

            public class OrderHandler
            {
                private static readonly NpgsqlDataSource DataSource = NpgsqlDataSource.Create("Host=db");
                private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect("cache:6379"));

                public async Task Handle(string input, ILambdaContext context)
                {
                    await using var connection = await DataSource.OpenConnectionAsync();
                    await Redis.Value.GetDatabase().StringSetAsync("k", input);
                }
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            namespace Npgsql { public class NpgsqlDataSource { public static NpgsqlDataSource Create(string s) => new(); } }

            public class Worker
            {
                public void Run(object context) { var ds = Npgsql.NpgsqlDataSource.Create("Host=db"); }
            }
            """);

        /// <summary>The rule's positive shape in a project that references no Amazon.Lambda package: not a Lambda project, nothing to report.</summary>
        [Fact]
        public Task NoLambdaReference_ReportsNothing() => Verify.VerifyWithoutLambdaPackageAsync("""
            using System.Threading.Tasks;
            using Npgsql;
            using StackExchange.Redis;

            public class OrderHandler
            {
                public async Task Handle(string input)
                {
                    await using var dataSource = NpgsqlDataSource.Create("Host=db;Username=app");
                    using var redis = ConnectionMultiplexer.Connect("cache:6379");
                }
            }
            """);
    }
}
