using System.Diagnostics;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Bench.Rules;

/// <summary>
/// A synthetic county generated in SQL (generate_series), deterministic, sized by the number of accounts: 100 posts and
/// 300 read snapshots per account, as the 20,000 / 2,000,000 / 6,000,000. Three in ten accounts post through
/// the last year, the rest stopped between 2016 and 2023, so W (90 days) holds a realistic few percent of the posts.
/// </summary>
internal static class DataSet
{
    public sealed record Counts(long Accounts, long Posts, long Snapshots, long PostsInWindow, long Copies);

    public static async Task<string> EnsureAsync(string server, string database, int accounts, DateOnly asOf, bool regenerate)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var target = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var exists = await ScalarAsync(connection, $"SELECT count(*) FROM pg_database WHERE datname = '{database}'") > 0;
            if (exists && !regenerate)
            {
                await using var check = new NpgsqlConnection(target);
                await check.OpenAsync();
                if (await ScalarAsync(check, "SELECT count(*) FROM accounts") == accounts)
                {
                    // Kept from an earlier run: bring its schema up to date.
                    await using var db = RegistryDbContextOptions.Create(target);
                    await RegistryMigrations.MigrateAsync(db);
                    return target;
                }
            }

            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\"");
        }

        await using (var db = RegistryDbContextOptions.Create(target))
        {
            await RegistryMigrations.MigrateAsync(db);
        }

        var watch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            var end = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await BenchCounty.RunStepsAsync(connection, [
                .. BenchCounty.UnitsAndAccountsSql(accounts),
                $"""
                INSERT INTO posts (id, account_id, platform_post_id, published_at, title, content, is_original)
                SELECT g,
                       a,
                       'p' || g,
                       CASE WHEN a % 10 < 3 OR a <= 5
                            THEN timestamptz '{end} 20:00:00+08' - make_interval(mins => ((g * 7919) % (365 * 24 * 60))::int)
                            ELSE timestamptz '2016-01-01 00:00:00+08' + make_interval(mins => ((g::bigint * 104729) % (7 * 365 * 24 * 60))::int)
                       END,
                       '标题 ' || g,
                       repeat(md5(g::text), 4),
                       CASE WHEN a % 13 = 0 THEN g % 10 = 0 ELSE g % 10 < 7 END
                FROM generate_series(1::bigint, {accounts * 100}) g, LATERAL (SELECT (g % {accounts}) + 1 AS a) x
                """,
                $"SELECT setval(pg_get_serial_sequence('posts', 'id'), {accounts * 100})",
                // Snapshots 1 hour, 1 day and 7 days after publishing, none later than the generation's "now" (T 23:00
                // Shanghai): a collector cannot have read tomorrow's figures.
                $"""
                INSERT INTO read_snapshots (post_id, captured_at, reads)
                SELECT p.id, LEAST(p.published_at + s.after, timestamptz '{end} 23:00:00+08' - make_interval(mins => s.n)),
                       (p.id * s.n * 2654435761) % (CASE WHEN p.account_id % 4 = 0 THEN 150 ELSE 3000 END)
                FROM posts p
                CROSS JOIN (VALUES (1, interval '1 hour'), (2, interval '1 day'), (3, interval '7 days')) s(n, after)
                ON CONFLICT DO NOTHING
                """,
                // Every hundredth post copies the post before it, which belongs to another account.
                "INSERT INTO near_duplicates (post_id, source_post_id, similarity) SELECT id, id - 1, 0.8 FROM posts WHERE id % 100 = 0",
                // The set plants its own pairs; a stored evaluation would otherwise fingerprint its 2 M queued posts first.
                "TRUNCATE post_fingerprint_queue",
                "VACUUM ANALYZE",
            ]);
        }

        Console.WriteLine($"   generated {database} in {watch.Elapsed.TotalSeconds:0} s");
        return target;
    }

    public static async Task<Counts> CountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new Counts(
            await ScalarAsync(connection, "SELECT count(*) FROM accounts"),
            await ScalarAsync(connection, "SELECT count(*) FROM posts"),
            await ScalarAsync(connection, "SELECT count(*) FROM read_snapshots"),
            await ScalarAsync(connection, "SELECT count(*) FROM posts WHERE published_at >= timestamptz '2026-08-26 00:00+08' AND published_at < timestamptz '2026-11-24 00:00+08'"),
            await ScalarAsync(connection, "SELECT count(*) FROM near_duplicates"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
