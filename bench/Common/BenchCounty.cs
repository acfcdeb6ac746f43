using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;

namespace AccountRegistry.Bench;

/// <summary>A benchmark's database from nothing: recreated, migrated, one county holding the benchmark's accounts.</summary>
public static class BenchCounty
{
    /// <summary>The platform account id of the <paramref name="account"/>th benchmark account.</summary>
    public static string AccountId(int account) => $"bench_{account:00000}";

    /// <summary>Drops and recreates the database <paramref name="connectionString"/> names, on <paramref name="admin"/>'s server.</summary>
    public static async Task RecreateAsync(string admin, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database ?? throw new ArgumentException("The connection string names no database.");
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Recreates and migrates the database, then adds the county BENCH with <paramref name="accounts"/> accounts
    /// (platforms in turn, <see cref="AccountId"/>); returns the accounts' ids in that order.
    /// </summary>
    public static async Task<int[]> CreateAsync(string admin, string connectionString, int accounts)
    {
        await RecreateAsync(admin, connectionString);
        await using var db = RegistryDbContextOptions.Create(connectionString);
        await RegistryMigrations.MigrateAsync(db);
        var county = new Unit { Code = "BENCH", Name = "基准县", Level = UnitLevel.County };
        db.Units.Add(county);
        await db.SaveChangesAsync();
        county.Path = Unit.ChildPath(null, county.Id);
        var list = Enumerable.Range(0, accounts).Select(i => new Account
        {
            Platform = (Platform)(i % 8),
            PlatformAccountId = AccountId(i),
            Name = $"账号{i:00000}",
            UnitId = county.Id,
            OpenedOn = new DateOnly(2018, 1, 1),
        }).ToList();
        db.Accounts.AddRange(list);
        await db.SaveChangesAsync();
        return [.. list.Select(a => a.Id)];
    }
}
