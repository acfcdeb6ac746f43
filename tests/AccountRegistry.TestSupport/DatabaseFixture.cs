using AccountRegistry.Infrastructure.Persistence;
using Npgsql;
using Xunit;

namespace AccountRegistry.TestSupport;

/// <summary>
/// One fresh, migrated database per test class (IClassFixture), so tests never see each other's rows.
/// Intent methods keep tests reading as the use case.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    private string? connectionString;

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The fixture is not initialised.");

    public PostgresServer Server { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        connectionString = await Server.CreateDatabaseAsync();
    }

    public RegistryDbContext CreateContext() => RegistryDbContextOptions.Create(ConnectionString);

    public async Task<T> InsertAsync<T>(T entity)
        where T : class
    {
        await using var db = CreateContext();
        db.Add(entity);
        await db.SaveChangesAsync();
        return entity;
    }

    public async Task InsertAsync(params object[] entities)
    {
        await using var db = CreateContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    public async Task<TResult> QueryAsync<TResult>(Func<RegistryDbContext, Task<TResult>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = CreateContext();
        return await query(db);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
