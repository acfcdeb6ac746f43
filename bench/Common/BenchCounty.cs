using System.Diagnostics;
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

    /// <summary>
    /// The generated county of the dashboard and rules benchmarks, as SQL in order: 1 county, 1 media center,
    /// departments, townships under the county, communities/villages under townships (one unit per 2.6 accounts or so),
    /// and <paramref name="accounts"/> accounts spread over them (one in twenty closed, one in twenty merged, the first
    /// five the media center's hubs). Ids are explicit; the sequences are moved past them.
    /// </summary>
    public static IReadOnlyList<string> UnitsAndAccountsSql(int accounts)
    {
        var departments = Math.Max(1, accounts / 100);
        var townships = Math.Max(1, accounts / 40);
        var communities = Math.Max(1, accounts / 10);
        var units = 2 + departments + townships + communities;
        return
        [
            $"""
            INSERT INTO units (id, code, name, level, parent_id, path)
            SELECT 1, 'B-C', '基准县', 'county', NULL, '/1/'
            UNION ALL SELECT 2, 'B-MC', '融媒体中心', 'department', 1, '/1/2/'
            UNION ALL SELECT 2 + g, 'B-D' || g, '部门' || g, 'department', 1, '/1/' || (2 + g) || '/' FROM generate_series(1, {departments}) g
            UNION ALL SELECT 2 + {departments} + g, 'B-T' || g, '乡镇' || g, CASE WHEN g % 3 = 0 THEN 'street' ELSE 'township' END, 1,
                             '/1/' || (2 + {departments} + g) || '/' FROM generate_series(1, {townships}) g
            UNION ALL SELECT 2 + {departments} + {townships} + g, 'B-V' || g, '村社' || g, CASE WHEN g % 2 = 0 THEN 'village' ELSE 'community' END,
                             2 + {departments} + 1 + (g % {townships}),
                             '/1/' || (2 + {departments} + 1 + (g % {townships})) || '/' || (2 + {departments} + {townships} + g) || '/'
            FROM generate_series(1, {communities}) g
            """,
            $"SELECT setval(pg_get_serial_sequence('units', 'id'), {units})",
            $"""
            INSERT INTO accounts (id, platform, platform_account_id, name, unit_id, opened_on, operator, provides_services, is_hub, status)
            SELECT g,
                   (ARRAY['wechat','weibo','douyin','toutiao','kuaishou','bilibili','app','website','other'])[CASE WHEN g <= 5 THEN g ELSE (g * 31) % 9 + 1 END],
                   'acc_' || g, '账号' || g,
                   CASE WHEN g <= 5 THEN 2 ELSE 3 + (g * 7919) % ({units} - 2) END,
                   date '2014-01-01' + ((g * 37) % 4500),
                   CASE WHEN g % 10 = 0 THEN NULL ELSE '运营' || g END,
                   g % 11 = 0, g <= 5,
                   CASE WHEN g > 5 AND g % 20 = 0 THEN 'closed' WHEN g > 5 AND g % 20 = 1 THEN 'merged' ELSE 'active' END
            FROM generate_series(1, {accounts}) g
            """,
            $"SELECT setval(pg_get_serial_sequence('accounts', 'id'), {accounts})",
        ];
    }

    /// <summary>Runs the generation's statements in order, each without a timeout and reported with its time and first line.</summary>
    public static async Task RunStepsAsync(NpgsqlConnection connection, IEnumerable<string> statements)
    {
        foreach (var sql in statements)
        {
            var step = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
            var first = sql.TrimStart().Split('\n')[0];
            Console.WriteLine($"   {step.Elapsed.TotalSeconds,6:0.0} s  {first[..Math.Min(first.Length, 70)]}");
        }
    }
}
