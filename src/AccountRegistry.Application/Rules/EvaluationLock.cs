using Npgsql;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// A PostgreSQL session advisory lock held for the length of a stored evaluation, so that when several app instances
/// (and the command line) share one database only one evaluation writes results and moves flags at a time. The lock
/// lives on its own connection; if the process dies, the server drops the session and the lock with it.
/// </summary>
public sealed class EvaluationLock : IAsyncDisposable
{
    /// <summary>The lock's key: "RULESEVA" in ASCII, unlikely to collide with another feature's key.</summary>
    public const long Key = 0x5255_4C45_5345_5641;

    private readonly NpgsqlConnection connection;

    private EvaluationLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>The lock, or null at once when another session holds it.</summary>
    public static async Task<EvaluationLock?> TryAcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return new EvaluationLock(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Waits until the lock is free (a run from the command line queues behind the nightly one).</summary>
    public static async Task<EvaluationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new EvaluationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its lock with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled connection would go back to the pool still holding the lock if the unlock failed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
