using Npgsql;

namespace AccountRegistry.Infrastructure.Bulk;

/// <summary>
/// One connection and one transaction for a bulk load: a staging table filled by binary COPY, then set-based SQL
/// against it. Everything the load does commits together or not at all.
/// </summary>
public sealed class BulkSession : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private NpgsqlTransaction? transaction;

    private BulkSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction ?? throw new InvalidOperationException("The bulk session has ended.");

    /// <summary>
    /// Opens a connection without command timeouts (a set-based upsert of millions of rows runs for minutes) and
    /// starts the transaction. <paramref name="workMem"/> lets the hash joins against the staging table stay in memory.
    /// </summary>
    public static async Task<BulkSession> BeginAsync(string connectionString, string workMem = "256MB", CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var session = new BulkSession(connection, transaction);
            await session.ExecuteAsync($"SET LOCAL work_mem = '{workMem}'", cancellationToken: cancellationToken);
            return session;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A temporary table dropped at the end of the transaction (never WAL-logged, invisible to others).</summary>
    public Task CreateStagingTableAsync(string name, string columnDefinitions, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"CREATE TEMP TABLE {name} ({columnDefinitions}) ON COMMIT DROP", cancellationToken: cancellationToken);

    /// <summary>Starts a binary COPY into <paramref name="table"/>; the caller writes rows and completes it.</summary>
    public NpgsqlBinaryImporter BeginCopy(string table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");

        // Zero means no timeout: Complete() waits for the server to take in the whole file.
        importer.Timeout = TimeSpan.Zero;
        return importer;
    }

    public async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T?> ScalarAsync<T>(string sql, Action<NpgsqlParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Runs a query and hands each row to <paramref name="read"/> as it arrives (nothing is buffered).</summary>
    public async Task ReadAsync(string sql, Action<NpgsqlDataReader> read, Action<NpgsqlParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var command = CreateCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    /// <summary>Refreshes the planner's statistics of a staging table, so it joins millions of rows by hash, not by loop.</summary>
    public Task AnalyzeAsync(string table, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"ANALYZE {table}", cancellationToken: cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Transaction.CommitAsync(cancellationToken);
        await transaction!.DisposeAsync();
        transaction = null;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null)
        {
            return;
        }

        await transaction.RollbackAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
    }

    private NpgsqlCommand CreateCommand(string sql, Action<NpgsqlParameterCollection>? parameters)
    {
#pragma warning disable CA2100 // The SQL is the importer's own text; values travel as parameters.
        var command = new NpgsqlCommand(sql, connection, Transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
        parameters?.Invoke(command.Parameters);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            // Not committed: nothing of the load stays.
            try
            {
                await transaction.RollbackAsync();
            }
            catch (NpgsqlException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            await transaction.DisposeAsync();
            transaction = null;
        }

        await connection.DisposeAsync();
    }
}
