using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = LambdaAnalyzers.Tests.Verifiers.LambdaVerifier<LambdaAnalyzers.Rules.CostlyObjectPerInvocationAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules
{
    public class CostlyObjectPerInvocationTests
    {
        [Fact]
        public Task CostlyObjectsInHandler_ReportedAsInfo() => Verify.VerifyAsync("""
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                public void Handle(string input, ILambdaContext context)
                {
                    var options = {|#0:new JsonSerializerOptions(JsonSerializerDefaults.Web)|};
                    var regex = {|#1:new Regex("^[A-Z]{3}-[0-9]+$", RegexOptions.Compiled)|};
                    var provider = {|#2:new ServiceCollection().BuildServiceProvider()|};
                    var configuration = {|#3:new ConfigurationBuilder().AddEnvironmentVariables().Build()|};
                }
            }
            """,
            Info(0, "JsonSerializerOptions"),
            Info(1, "Regex"),
            Info(2, "ServiceProvider"),
            Info(3, "IConfigurationRoot"));

        [Fact]
        public Task RegexFromEventPattern_DoesNotTrigger_StaticRegexCall_DoesNotTrigger() => Verify.VerifyAsync("""
            using System.Text.RegularExpressions;
            using Amazon.Lambda.Core;

            public class SearchHandler
            {
                public bool Handle(string pattern, ILambdaContext context)
                    => new Regex(pattern).IsMatch("abc") || Regex.IsMatch("abc", "^a");
            }
            """);

        [Fact]
        public Task ProviderBuiltInHandlerConstructor_DoesNotTrigger() => Verify.VerifyAsync("""
            using System;
            using System.Text.Json;
            using Amazon.Lambda.Core;
            using Microsoft.Extensions.DependencyInjection;

            public class OrderHandler
            {
                private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
                private readonly IServiceProvider _services;

                public OrderHandler() => _services = new ServiceCollection().BuildServiceProvider();

                public string Handle(string input, ILambdaContext context) => JsonSerializer.Serialize(input, Json);
            }
            """);

        [Fact]
        public Task NoLambdaReference_DoesNotTrigger() => Verify.VerifyWithoutLambdaReferencesAsync("""
            using System.Text.Json;

            public class Worker
            {
                public void Run(object context) { var options = new JsonSerializerOptions(); }
            }
            """);

        private static DiagnosticResult Info(int location, string type)
            => new DiagnosticResult("LAM004", DiagnosticSeverity.Info).WithLocation(location).WithArguments(
                type, "OrderHandler.Handle", "", "build it once in a static readonly field so warm invocations reuse its cached work");
    }
}
