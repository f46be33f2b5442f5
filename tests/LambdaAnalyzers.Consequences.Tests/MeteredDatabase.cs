using LambdaAnalyzers.Consequences.Tests;

namespace LambdaAnalyzers.Consequences.Tests
{
    /// <summary>
    /// A PostgreSQL server as the handlers see it: a max_connections limit, and physical connections that a
    /// pool keeps open while idle for its idle lifetime (Npgsql's default: 300 s), on the virtual clock.
    /// </summary>
    public static class Database
    {
        public static int MaxConnections { get; set; } = 100;

        public static TimeSpan IdleLifetime { get; set; } = TimeSpan.FromSeconds(300);

        /// <summary>The simulation's clock, set by the test.</summary>
        public static Func<TimeSpan> Clock { get; set; } = () => TimeSpan.Zero;

        public static int PeakOpen { get; private set; }

        public static long Refused { get; private set; }

        private static readonly List<PhysicalConnection> Open = new();

        public static void Reset()
        {
            Open.Clear();
            PeakOpen = 0;
            Refused = 0;
        }

        /// <summary>Opens a physical connection for a pool, or refuses it ("too many clients already").</summary>
        internal static PhysicalConnection? Connect()
        {
            Open.RemoveAll(c => c.IdleSince is { } idle && Clock() - idle >= IdleLifetime);
            if (Open.Count >= MaxConnections)
            {
                Refused++;
                return null;
            }

            var connection = new PhysicalConnection();
            Open.Add(connection);
            PeakOpen = Math.Max(PeakOpen, Open.Count);
            return connection;
        }

        internal sealed class PhysicalConnection
        {
            public TimeSpan? IdleSince { get; set; }
        }
    }
}

namespace Npgsql
{
    /// <summary>
    /// Stands in for Npgsql's data source (same metadata name, so LAM003 recognises it): a pool of physical
    /// connections to <see cref="Database"/>, opened on demand and kept while idle for the idle lifetime.
    /// </summary>
    public sealed class NpgsqlDataSource
    {
        private readonly List<Database.PhysicalConnection> _idle = new();

        private NpgsqlDataSource()
        {
        }

        public static NpgsqlDataSource Create(string connectionString)
        {
            CostModel.Spend(TimeSpan.FromMilliseconds(5), "data sources created");
            return new NpgsqlDataSource();
        }

        /// <summary>Runs one command on a pooled connection; a new physical connection costs a TCP + TLS + auth round trip.</summary>
        public void Execute(string sql)
        {
            var connection = _idle.FirstOrDefault(c => c.IdleSince is { } idle && Database.Clock() - idle < Database.IdleLifetime);
            if (connection is null)
            {
                connection = Database.Connect() ?? throw new InvalidOperationException("53300: sorry, too many clients already");
                CostModel.Spend(TimeSpan.FromMilliseconds(30), "physical connections opened");
            }
            else
            {
                _idle.Remove(connection);
            }

            CostModel.Spend(TimeSpan.FromMilliseconds(5), "commands");
            connection.IdleSince = Database.Clock();
            _idle.Add(connection);
        }
    }
}
