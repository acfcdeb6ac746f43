using AccountRegistry.TestSupport;
using Npgsql;

namespace AccountRegistry.Bench;

/// <summary>
/// The PostgreSQL a benchmark runs against: the server its --connection names (a user who may create databases), or
/// else a throwaway cluster started like the tests' (fsync off), stopped when the benchmark ends.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly PostgresServer? cluster;

    private BenchCluster(string adminConnectionString, PostgresServer? cluster)
    {
        AdminConnectionString = adminConnectionString;
        this.cluster = cluster;
    }

    public string AdminConnectionString { get; }

    /// <summary>True for the throwaway cluster (fsync off): figures to read as such.</summary>
    public bool IsThrowaway => cluster is not null;

    public static async Task<BenchCluster> StartAsync(string? connection)
    {
        if (connection is not null)
        {
            return new BenchCluster(connection, null);
        }

        Console.Error.WriteLine("Starting a throwaway PostgreSQL cluster …");
        var cluster = await PostgresServer.GetAsync();
        return new BenchCluster(cluster.AdminConnectionString, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
