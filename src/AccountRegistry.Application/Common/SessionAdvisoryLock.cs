using Npgsql;

namespace AccountRegistry.Application.Common;

/// <summary>
/// A PostgreSQL session advisory lock, so that when several app instances (and the command line) share one database
/// only one of them does a piece of work at a time: a stored evaluation (<see cref="EvaluationKey"/>), draining the
/// follow-up queues (<see cref="FollowUpKey"/>). The lock lives on its own connection; if the process dies, the server
/// drops the session and the lock with it.
/// </summary>
public sealed class SessionAdvisoryLock : IAsyncDisposable
{
    /// <summary>"RULESEVA" in ASCII, unlikely to collide with another feature's key.</summary>
    public const long EvaluationKey = 0x5255_4C45_5345_5641;

    /// <summary>"FOLLOWUP" in ASCII.</summary>
    public const long FollowUpKey = 0x464F_4C4C_4F57_5550;

    private readonly NpgsqlConnection connection;
    private readonly long key;

    private SessionAdvisoryLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    /// <summary>The lock, or null at once when another session holds it.</summary>
    public static async Task<SessionAdvisoryLock?> TryAcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return new SessionAdvisoryLock(connection, key);
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
    public static async Task<SessionAdvisoryLock> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new SessionAdvisoryLock(connection, key);
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
            command.Parameters.AddWithValue("key", key);
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
