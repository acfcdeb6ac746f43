using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>A benchmark database: recreated and migrated, one county with accounts, posts loaded by binary COPY.</summary>
internal static class BenchDatabase
{
    public sealed record BenchPost(int AccountId, DateTimeOffset PublishedAt, string Title, string Content);

    /// <summary>The benchmark waits for slow statements rather than failing on Npgsql's 30-second default.</summary>
    public static string Patient(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;

    /// <summary>Drops and recreates the database named in the connection string, migrates it, adds the accounts.</summary>
    public static Task<int[]> CreateAsync(string connectionString, int accounts) => BenchCounty.CreateAsync(connectionString, connectionString, accounts);

    /// <summary>Loads posts by binary COPY; returns their ids in order.</summary>
    public static async Task<long[]> LoadPostsAsync(string connectionString, IEnumerable<BenchPost> posts, string idPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long before;
        await using (var max = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM posts", connection))
        {
            before = (long)(await max.ExecuteScalarAsync())!;
        }

        // In COPYs of 100,000 rows: one giant transaction would hold everything until the very end.
        var count = 0;
        using var source = posts.GetEnumerator();
        var more = source.MoveNext();
        while (more)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY posts (account_id, platform_post_id, published_at, title, content, is_original) FROM STDIN (FORMAT BINARY)");
            for (var inChunk = 0; more && inChunk < 100_000; inChunk++, more = source.MoveNext())
            {
                var post = source.Current;
                await writer.StartRowAsync();
                await writer.WriteAsync(post.AccountId, NpgsqlDbType.Integer);
                await writer.WriteAsync($"{idPrefix}{count++}", NpgsqlDbType.Text);
                await writer.WriteAsync(post.PublishedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(post.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(post.Content, NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using var ids = new NpgsqlCommand("SELECT id FROM posts WHERE id > @before ORDER BY id", connection);
        ids.Parameters.AddWithValue("before", before);
        var result = new List<long>(count);
        await using var reader = await ids.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetInt64(0));
        }

        return [.. result];
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored pair, unordered (a same-instant pair is stored both ways).</summary>
    public static async Task<HashSet<(long, long)>> PairsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT post_id, source_post_id FROM near_duplicates", connection);
        var pairs = new HashSet<(long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (a, b) = (reader.GetInt64(0), reader.GetInt64(1));
            pairs.Add(a < b ? (a, b) : (b, a));
        }

        return pairs;
    }
}
