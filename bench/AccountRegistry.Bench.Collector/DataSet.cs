using System.Text;
using System.Text.Json;
using AccountRegistry.Domain.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Bench.Collector;

/// <summary>
/// One county with its accounts, a backlog of posts loaded by binary COPY (the posts' triggers queue each one for
/// fingerprints and content checks, exactly as an import does), and the collector batches as JSON bodies.
/// </summary>
internal sealed class DataSet(int accounts, int seed)
{
    private static readonly DateTimeOffset Latest = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string[] words = Words(seed);

    public static string Platform(int account) => ((Platform)(account % 8)).ToCode();

    public static string AccountId(int account) => BenchCounty.AccountId(account);

    /// <summary>Drops and recreates the database, migrates it and adds the county and its accounts.</summary>
    public async Task CreateAsync(string admin, string connectionString) => await BenchCounty.CreateAsync(admin, connectionString, accounts);

    /// <summary>The backlog: posts over the past year, in COPYs of 50,000 rows (each its own transaction, as imports of files would be).</summary>
    public async Task LoadBacklogAsync(string connectionString, int posts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = new Dictionary<int, int>();
        await using (var command = new NpgsqlCommand("SELECT id, platform_account_id FROM accounts", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids[int.Parse(reader.GetString(1)["bench_".Length..], System.Globalization.CultureInfo.InvariantCulture)] = reader.GetInt32(0);
            }
        }

        var random = new Random(seed);
        for (var done = 0; done < posts;)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY posts (account_id, platform_post_id, published_at, title, content, is_original) FROM STDIN (FORMAT BINARY)");
            for (var inChunk = 0; inChunk < 50_000 && done < posts; inChunk++, done++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[done % accounts], NpgsqlDbType.Integer);
                await writer.WriteAsync($"backlog_{done}", NpgsqlDbType.Text);
                await writer.WriteAsync(Latest.AddMinutes(-random.Next(365 * 24 * 60)).ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Text(random, 8, 20), NpgsqlDbType.Text);
                await writer.WriteAsync(Text(random, 300, 800), NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }
    }

    /// <summary>The JSON body of one collector batch: <paramref name="size"/> new posts spread over the accounts.</summary>
    public byte[] Batch(string label, int number, int size)
    {
        var random = new Random(HashCode.Combine(seed, label, number));
        var items = Enumerable.Range(0, size).Select(i =>
        {
            var account = random.Next(accounts);
            return new Dictionary<string, object?>
            {
                ["platform"] = Platform(account),
                ["account_id"] = AccountId(account),
                ["post_id"] = $"{label}_{number}_{i}",
                ["published_at"] = Latest.AddMinutes(-random.Next(7 * 24 * 60)),
                ["title"] = Text(random, 8, 20),
                ["content"] = Text(random, 300, 800),
                ["is_original"] = true,
            };
        });
        return JsonSerializer.SerializeToUtf8Bytes(items);
    }

    /// <summary>Sentences of random two-character words: distinct texts, so fingerprinting does its full work per post.</summary>
    private string Text(Random random, int minLength, int maxLength)
    {
        var length = random.Next(minLength, maxLength + 1);
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            var sentence = random.Next(6, 16);
            for (var w = 0; w < sentence && text.Length < length; w++)
            {
                text.Append(words[random.Next(words.Length)]);
            }

            text.Append(random.Next(4) == 0 ? '，' : '。');
        }

        return text.ToString();
    }

    private static string[] Words(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 3000).Select(_ => string.Concat((char)random.Next(0x4E00, 0x62FF), (char)random.Next(0x4E00, 0x62FF)))];
    }
}
