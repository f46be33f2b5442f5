using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// What test compilations reference: the .NET 10 reference assemblies (no download at test time), and,
    /// for Lambda projects, the Amazon.Lambda stand-ins with the real AWS SDK and database packages.
    /// </summary>
    internal static class TestReferences
    {
        /// <summary>No packages to resolve: the framework comes from Basic.Reference.Assemblies.</summary>
        public static readonly ReferenceAssemblies None = new("net10.0");

        public static readonly ImmutableArray<MetadataReference> Framework = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

        public static readonly ImmutableArray<MetadataReference> Packages = new[]
            {
                typeof(Amazon.Lambda.Core.ILambdaContext).Assembly,
                typeof(Amazon.Runtime.IAmazonService).Assembly,
                typeof(Amazon.S3.AmazonS3Client).Assembly,
                typeof(Amazon.DynamoDBv2.AmazonDynamoDBClient).Assembly,
                typeof(Amazon.SQS.AmazonSQSClient).Assembly,
                typeof(Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient).Assembly,
                typeof(Amazon.KeyManagementService.AmazonKeyManagementServiceClient).Assembly,
                typeof(Npgsql.NpgsqlConnection).Assembly,
                typeof(Dapper.SqlMapper).Assembly,
                typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly,
                typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection).Assembly,
                typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
                typeof(Microsoft.Extensions.DependencyInjection.ServiceProvider).Assembly,
                typeof(Microsoft.Extensions.Configuration.ConfigurationBuilder).Assembly,
                typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
                typeof(Microsoft.Extensions.Configuration.EnvironmentVariablesExtensions).Assembly,
                typeof(Microsoft.Extensions.Configuration.ConfigurationBinder).Assembly,
                typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly,
                typeof(Microsoft.EntityFrameworkCore.DbSet<>).Assembly,
                typeof(RestSharp.RestClient).Assembly,
                typeof(Refit.RestService).Assembly,
                typeof(Flurl.Http.FlurlClient).Assembly,
                typeof(Flurl.Url).Assembly,
            }
            .Distinct()
            .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
            .ToImmutableArray();

        /// <summary>
        /// <see cref="Packages"/> without the stand-in assembly: the AWS SDK, database, DI and HTTP packages of a
        /// project that references no Amazon.Lambda package.
        /// </summary>
        public static readonly ImmutableArray<MetadataReference> PackagesWithoutLambda = Packages
            .Where(r => ((PortableExecutableReference)r).FilePath != typeof(Amazon.Lambda.Core.ILambdaContext).Assembly.Location)
            .ToImmutableArray();

        /// <summary>One file of tests/Amazon.Lambda.StandIns, for a project that uses that stood-in SDK package alone.</summary>
        public static string StandInSource(string file)
            => File.ReadAllText(Path.Combine(LambdaAnalyzers.Tests.Samples.DotNetCli.RepositoryRoot, "tests", "Amazon.Lambda.StandIns", file));
    }
}
