// Over 300 lines: one benchmark scenario (store, fast load, a day checked, its report), read and changed as a whole.
using System.Diagnostics;
using AccountRegistry.Application.Duplicates;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>
/// A province-sized store: N posts fingerprinted by the backfill, then a day of new posts (some copying stored posts,
/// some copying each other) checked by the import listener exactly as an import would run it.
/// </summary>
internal static class ScaleBench
{
    private const int Accounts = 5_000;

    public static async Task RunAsync(IBenchCorpus corpus, string connectionString, int stored, int fresh, bool reuse, bool fastLoad)
    {
        Console.WriteLine($"corpus: {corpus.Name}");
        var detector = new NearDuplicateDetector(new RegistryConnection(connectionString), TimeProvider.System);
        var dayStart = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        int[] accountIds;
        if (!reuse)
        {
            var watch = Stopwatch.StartNew();
            accountIds = await BenchDatabase.CreateAsync(connectionString, Accounts);
            var random = new Random(1);
            var first = dayStart.AddDays(-730);

            // Stored posts over two years; 2 % of them lightly edited copies of an earlier one on another account.
            IEnumerable<BenchDatabase.BenchPost> Stored()
            {
                var recent = new Queue<(string, string)>();
                for (var i = 0; i < stored; i++)
                {
                    var at = first.AddSeconds((double)i / stored * 730 * 86_400);
                    var post = recent.Count > 100 && random.Next(100) < 2
                        ? corpus.Copy(random, recent.ElementAt(random.Next(recent.Count)), corpus.Kinds[1])
                        : corpus.Post(random);
                    recent.Enqueue(post);
                    if (recent.Count > 1_000)
                    {
                        recent.Dequeue();
                    }

                    yield return new BenchDatabase.BenchPost(accountIds[random.Next(Accounts)], at, post.Item1, post.Item2);
                }
            }

            await BenchDatabase.LoadPostsAsync(connectionString, Stored(), "s");
            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE posts");
            Console.WriteLine($"loaded {stored:N0} stored posts in {watch.Elapsed.TotalSeconds:F1} s");

            watch.Restart();
            if (fastLoad)
            {
                await FastFingerprintsAsync(connectionString);
                Console.WriteLine($"fingerprints bulk-loaded (band indexes built after the load; no pairs among stored posts) in {watch.Elapsed.TotalSeconds:F1} s");
            }
            else
            {
                var backfill = await detector.RunAsync(verifyContent: false, new ConsoleProgress(), CancellationToken.None);
                Console.WriteLine($"backfill: {backfill.Posts:N0} posts in {backfill.Elapsed.TotalSeconds:F1} s = {backfill.Posts / backfill.Elapsed.TotalSeconds:N0} posts/s; {backfill.Confirmed:N0} pairs{(backfill.Bulk ? " (bulk path)" : "")}");
                Print(backfill.Phases);
            }

            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE post_fingerprints");
            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE near_duplicates");
            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE posts");
        }
        else
        {
            // A reused store is measured as it was stored: the days an earlier run added go first (their fingerprints
            // and pairs with them, by the posts' triggers and foreign keys).
            accountIds = await AccountIdsAsync(connectionString);
            await BenchDatabase.ExecuteAsync(connectionString, "DELETE FROM posts WHERE platform_post_id LIKE 'd%'");
            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE posts");
            await BenchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE post_fingerprints");
        }

        var size = await BenchDatabase.ScalarAsync(connectionString, "SELECT pg_total_relation_size('post_fingerprints')");
        var storedCount = await BenchDatabase.ScalarAsync(connectionString, "SELECT count(*) FROM post_fingerprints");
        Console.WriteLine($"post_fingerprints with its {MinHashLsh.Bands} band indexes: {size / 1024.0 / 1024:N0} MiB for {storedCount:N0} posts ({(double)size / storedCount:N0} bytes per post)");

        for (var day = 0; day < 2; day++)
        {
            await CheckADayAsync(connectionString, corpus, detector, accountIds, dayStart.AddDays(day), fresh, 100 + day);
        }
    }

    /// <summary>
    /// Set-up only: fingerprints of the stored posts computed here and COPYed with the band indexes dropped, then the
    /// indexes built (as the migration defines them), much faster than the backfill for a benchmark's store. The
    /// stored posts' own pairs are not computed: the day's check does not read them.
    /// </summary>
    private static async Task FastFingerprintsAsync(string connectionString)
    {
        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            await BenchDatabase.ExecuteAsync(connectionString, $"DROP INDEX IF EXISTS {PostFingerprintSql.BandIndexName(band)}");
        }

        await using var read = new Npgsql.NpgsqlConnection(connectionString);
        await read.OpenAsync();
        await using var write = new Npgsql.NpgsqlConnection(connectionString);
        await write.OpenAsync();
        long after = 0;
        var now = DateTimeOffset.UtcNow;
        while (true)
        {
            var chunk = new List<(long Id, int Account, DateTime At, string Text, Guid Hash)>(50_000);
            await using (var command = new Npgsql.NpgsqlCommand(
                $"SELECT id, account_id, published_at, title, content, {PostFingerprintSql.ContentHashExpression("p")} FROM posts p WHERE id > @after ORDER BY id LIMIT 50000", read))
            {
                command.Parameters.AddWithValue("after", after);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    chunk.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetDateTime(2),
                        NearDuplicateRule.PostText(reader.GetString(3), reader.GetString(4)), reader.GetGuid(5)));
                }
            }

            if (chunk.Count == 0)
            {
                break;
            }

            after = chunk[^1].Id;
            var lengths = new int[chunk.Count];
            var signatures = new long[]?[chunk.Count];
            var sketches = new System.Collections.BitArray?[chunk.Count];
            var shingleCounts = new int[chunk.Count];
            Parallel.For(0, chunk.Count, i =>
            {
                var normalized = TextNormalizer.Normalize(chunk[i].Text);
                lengths[i] = normalized.Length;
                var sketch = new byte[MinHashLsh.SketchBytes];
                signatures[i] = MinHashLsh.Signature(normalized, sketch);
                sketches[i] = signatures[i] is null ? null : new System.Collections.BitArray(sketch);
                shingleCounts[i] = ShingleSet.FromNormalized(normalized).Count;
            });
            await using var writer = await write.BeginBinaryImportAsync(
                "COPY post_fingerprints (post_id, account_id, published_at, normalized_length, signature, content_hash, sketch, shingle_count, algorithm, computed_at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < chunk.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(chunk[i].Id, NpgsqlTypes.NpgsqlDbType.Bigint);
                await writer.WriteAsync(chunk[i].Account, NpgsqlTypes.NpgsqlDbType.Integer);
                await writer.WriteAsync(chunk[i].At, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(lengths[i], NpgsqlTypes.NpgsqlDbType.Integer);
                if (signatures[i] is { } signature)
                {
                    await writer.WriteAsync(signature, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(chunk[i].Hash, NpgsqlTypes.NpgsqlDbType.Uuid);
                if (sketches[i] is { } sketch)
                {
                    await writer.WriteAsync(sketch, NpgsqlTypes.NpgsqlDbType.Bit);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(shingleCounts[i], NpgsqlTypes.NpgsqlDbType.Integer);
                await writer.WriteAsync(MinHashLsh.AlgorithmVersion, NpgsqlTypes.NpgsqlDbType.Smallint);
                await writer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            await BenchDatabase.ExecuteAsync(connectionString, $"CREATE INDEX {PostFingerprintSql.BandIndexName(band)} ON post_fingerprints ((signature[{band + 1}]))");
        }

        await BenchDatabase.ExecuteAsync(connectionString, "TRUNCATE post_fingerprint_queue");
    }

    private static async Task CheckADayAsync(
        string connectionString, IBenchCorpus corpus, NearDuplicateDetector detector, int[] accountIds, DateTimeOffset day, int fresh, int seed)
    {
        var random = new Random(seed);

        // The day's posts: 4 % copy a random stored post (various kinds), 1 % copy an earlier post of the same day.
        var storedSample = await SampleStoredAsync(connectionString, random, fresh / 25);
        var posts = new List<BenchDatabase.BenchPost>(fresh);
        var planted = new List<(int DayIndex, long? StoredId, int? DayOriginal, double Jaccard)>();
        var kinds = corpus.Kinds;
        for (var i = 0; i < fresh; i++)
        {
            var at = day.AddSeconds((double)i / fresh * 86_000);
            var account = accountIds[random.Next(accountIds.Length)];
            var roll = random.Next(100);
            if (roll < 4 && storedSample.Count > 0)
            {
                var source = storedSample[random.Next(storedSample.Count)];
                var copy = corpus.Copy(random, (source.Title, source.Content), kinds[random.Next(kinds.Count)]);
                planted.Add((i, source.Id, null, Jaccard((source.Title, source.Content), copy)));
                posts.Add(new BenchDatabase.BenchPost(account, at, copy.Title, copy.Content));
            }
            else if (roll < 5 && i > 0)
            {
                var original = random.Next(i);
                var copy = corpus.Copy(random, (posts[original].Title, posts[original].Content), kinds[random.Next(kinds.Count)]);
                planted.Add((i, null, original, Jaccard((posts[original].Title, posts[original].Content), copy)));
                posts.Add(new BenchDatabase.BenchPost(account, at, copy.Title, copy.Content));
            }
            else
            {
                var post = corpus.Post(random);
                posts.Add(new BenchDatabase.BenchPost(account, at, post.Title, post.Content));
            }
        }

        var ids = await BenchDatabase.LoadPostsAsync(connectionString, posts, $"d{seed}-");
        var run = await detector.RunAsync(verifyContent: false, null, CancellationToken.None);
        var pairs = await BenchDatabase.PairsAsync(connectionString);
        var expected = planted.Where(p => p.Jaccard >= NearDuplicateRule.Threshold && SameAccount(posts, accountIds, p) is false).ToList();
        var found = expected.Count(p =>
        {
            var copyId = ids[p.DayIndex];
            var sourceId = p.StoredId ?? ids[p.DayOriginal!.Value];
            return pairs.Contains(copyId < sourceId ? (copyId, sourceId) : (sourceId, copyId));
        });
        Console.WriteLine();
        Console.WriteLine($"day {day:yyyy-MM-dd}: {run.Posts:N0} new posts checked in {run.Elapsed.TotalSeconds:F2} s (target < 10 s): {run.Candidates:N0} candidate pairs ({(double)run.Candidates / Math.Max(1, run.Posts):N1} per new post), {run.Confirmed:N0} confirmed; {run.CrowdedBuckets:N0} crowded buckets paired in process");
        Console.WriteLine($"  planted copies with Jaccard ≥ 0.6: {expected.Count:N0}, found {found:N0} ({SyntheticCorpus.Percent((double)found / Math.Max(1, expected.Count))})");
        Print(run.Phases);
    }

    private static bool SameAccount(List<BenchDatabase.BenchPost> posts, int[] accountIds, (int DayIndex, long? StoredId, int? DayOriginal, double Jaccard) planted)
    {
        _ = accountIds;

        // Stored sources are on random accounts; a 1-in-5,000 clash is possible but not checked here.
        return planted.DayOriginal is { } original && posts[original].AccountId == posts[planted.DayIndex].AccountId;
    }

    private static double Jaccard((string Title, string Content) a, (string Title, string Content) b) =>
        ShingleSet.FromText(NearDuplicateRule.PostText(a.Title, a.Content)).Jaccard(ShingleSet.FromText(NearDuplicateRule.PostText(b.Title, b.Content)));

    private static async Task<List<(long Id, string Title, string Content)>> SampleStoredAsync(string connectionString, Random random, int count)
    {
        var max = await BenchDatabase.ScalarAsync(connectionString, "SELECT max(id) FROM posts");
        var ids = Enumerable.Range(0, count).Select(_ => 1 + random.NextInt64(max)).Distinct().ToArray();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, title, content FROM posts WHERE id = ANY(@ids) ORDER BY id", connection);
        command.Parameters.AddWithValue("ids", ids);
        var result = new List<(long, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return result;
    }

    private static async Task<int[]> AccountIdsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM accounts ORDER BY id", connection);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return [.. ids];
    }

    private static void Print(NearDuplicateDetector.PhaseTimes phases) =>
        Console.WriteLine(
            $"  phases: select pending {phases.Select.TotalSeconds:F2} s, read {phases.Read.TotalSeconds:F2} s, normalise+hash {phases.Hash.TotalSeconds:F2} s, " +
            $"store fingerprints {phases.Store.TotalSeconds:F2} s, LSH lookup {phases.Lookup.TotalSeconds:F2} s, confirm {phases.Confirm.TotalSeconds:F2} s, write pairs+commit {phases.Write.TotalSeconds:F2} s, band indexes {phases.Indexes.TotalSeconds:F2} s");

    private sealed class ConsoleProgress : IProgress<string>
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();

        public void Report(string value)
        {
            if (sinceLast.Elapsed.TotalSeconds >= 30)
            {
                Console.Error.WriteLine(value);
                sinceLast.Restart();
            }
        }
    }
}
