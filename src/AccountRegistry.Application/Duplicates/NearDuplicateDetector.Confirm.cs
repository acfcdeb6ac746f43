using AccountRegistry.Domain.Text;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// Confirmation and writing, shared by both paths: candidates (from the probe, the batch, crowded buckets or the bulk
/// pass's band joins) are confirmed exactly on the current texts, a slice of stored posts at a time, and the pairs are
/// written "copy → source" by publication time.
/// </summary>
public sealed partial class NearDuplicateDetector
{
    /// <summary>
    /// Stored posts whose signatures and texts are held at once while confirming. Template-heavy data gives a batch
    /// hundreds of candidates per post, touching tens of thousands of stored posts; holding all their 160-value
    /// signatures and texts together grew an import's working set by hundreds of MB, so they are taken in slices.
    /// </summary>
    private const int StoredPostsPerSlice = 4_096;

    /// <summary>
    /// Confirms the candidates a slice of stored posts at a time: those of different accounts whose signatures make
    /// the threshold plausible are confirmed exactly on the current texts. Memory is bounded by the slice.
    /// </summary>
    private static async Task<(int Candidates, List<Pair> Pairs)> ConfirmCandidatesAsync(
        NpgsqlConnection db, List<BatchPost> batch, List<(long New, long Other)> candidatePairs, CancellationToken cancellationToken)
    {
        var batchFacts = batch.ToDictionary(p => p.Id, p => new PostFacts(p.AccountId, p.PublishedAt, p.Signature));
        var batchShingles = batch.ToDictionary(p => p.Id, p => p.Shingles!);
        candidatePairs.Sort((x, y) => x.Other != y.Other ? x.Other.CompareTo(y.Other) : x.New.CompareTo(y.New));

        var candidates = 0;
        var pairs = new List<Pair>();
        var slice = new List<(long A, long B)>();
        var distinctStored = 0;
        long lastStored = 0;
        (long, long) previous = default;
        foreach (var (@new, other) in candidatePairs)
        {
            // A pair can come from the probe and from a crowded bucket, or from two buckets of the batch; once is enough.
            if ((@new, other) == previous)
            {
                continue;
            }

            previous = (@new, other);

            // Batch × batch pairs need no stored facts and go with any slice.
            if (!batchFacts.ContainsKey(other) && other != lastStored)
            {
                if (distinctStored >= StoredPostsPerSlice)
                {
                    await ConfirmSliceIntoAsync();
                    distinctStored = 0;
                }

                distinctStored++;
                lastStored = other;
            }

            slice.Add((@new, other));
        }

        await ConfirmSliceIntoAsync();
        return (candidates, pairs);

        async Task ConfirmSliceIntoAsync()
        {
            if (slice.Count == 0)
            {
                return;
            }

            var (sliceCandidates, slicePairs) = await ConfirmSliceAsync(db, batchFacts, batchShingles, slice, cancellationToken);
            candidates += sliceCandidates;
            pairs.AddRange(slicePairs);
            slice.Clear();
        }
    }

    private sealed record PostFacts(int AccountId, DateTime PublishedAt, long[]? Signature);

    private sealed record Pair(long A, long B, DateTime APublishedAt, DateTime BPublishedAt, double Similarity);

    private static async Task<(int Candidates, List<Pair> Pairs)> ConfirmSliceAsync(
        NpgsqlConnection db,
        Dictionary<long, PostFacts> batchFacts,
        Dictionary<long, ShingleSet> batchShingles,
        List<(long A, long B)> slice,
        CancellationToken cancellationToken)
    {
        // Posts not in the batch are read from the store: one side of a batch's candidate, both sides of a bulk pass's.
        var facts = new Dictionary<long, PostFacts>();
        var stored = slice.SelectMany(c => new[] { c.A, c.B }).Where(id => !batchFacts.ContainsKey(id)).Distinct().ToArray();
        if (stored.Length > 0)
        {
            await using var command = new NpgsqlCommand(
                "SELECT post_id, account_id, published_at, signature FROM post_fingerprints WHERE post_id = ANY(@ids)", db);
            command.Parameters.AddWithValue("ids", stored);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                facts[reader.GetInt64(0)] = new PostFacts(
                    reader.GetInt32(1), reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<long[]>(3));
            }
        }

        PostFacts? Facts(long id) => batchFacts.TryGetValue(id, out var f) ? f : facts.GetValueOrDefault(id);

        var ofOtherAccounts = slice
            .Where(c => Facts(c.A) is { } a && Facts(c.B) is { } b && a.AccountId != b.AccountId)
            .ToList();
        var plausible = ofOtherAccounts
            .Where(c => Facts(c.A)!.Signature is { } a && Facts(c.B)!.Signature is { } b && MinHashLsh.EstimateSimilarity(a, b) >= PrefilterSimilarity)
            .ToList();
        if (plausible.Count == 0)
        {
            return (ofOtherAccounts.Count, []);
        }

        // Stored posts' texts are read again and normalised here (cheaper than storing a second copy of every text,
        // and always the current text).
        var shingles = new Dictionary<long, ShingleSet>();
        var missing = plausible.SelectMany(c => new[] { c.A, c.B }).Where(id => !batchShingles.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            await using var command = new NpgsqlCommand("SELECT id, title, content FROM posts WHERE id = ANY(@ids)", db);
            command.Parameters.AddWithValue("ids", missing);
            var texts = new List<(long Id, string Text)>(missing.Length);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    texts.Add((reader.GetInt64(0), NearDuplicateRule.PostText(
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2))));
                }
            }

            var sets = new ShingleSet[texts.Count];
            Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => sets[i] = ShingleSet.FromText(texts[i].Text));
            for (var i = 0; i < texts.Count; i++)
            {
                shingles[texts[i].Id] = sets[i];
            }
        }

        ShingleSet? Shingles(long id) => batchShingles.TryGetValue(id, out var s) ? s : shingles.GetValueOrDefault(id);

        var similarities = new double?[plausible.Count];
        Parallel.For(0, plausible.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (a, b) = plausible[i];
            if (Shingles(a) is { } setA && Shingles(b) is { } setB)
            {
                similarities[i] = NearDuplicateRule.Confirm(setA, setB);
            }
        });

        var pairs = new List<Pair>();
        for (var i = 0; i < plausible.Count; i++)
        {
            if (similarities[i] is { } similarity)
            {
                var (a, b) = plausible[i];
                pairs.Add(new Pair(a, b, Facts(a)!.PublishedAt, Facts(b)!.PublishedAt, similarity));
            }
        }

        return (ofOtherAccounts.Count, pairs);
    }

    private static async Task<int> WritePairsAsync(NpgsqlConnection db, List<Pair> pairs, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return 0;
        }

        var rows = new List<(long Post, long Source, double Similarity)>(pairs.Count);
        foreach (var pair in pairs)
        {
            var order = pair.APublishedAt.CompareTo(pair.BPublishedAt);
            if (order <= 0)
            {
                rows.Add((pair.B, pair.A, pair.Similarity));
            }

            if (order >= 0)
            {
                rows.Add((pair.A, pair.B, pair.Similarity));
            }
        }

        await ExecuteAsync(
            db,
            // A bulk pass writes several slices in one transaction.
            """
            CREATE TEMP TABLE IF NOT EXISTS dup_pairs (post_id bigint NOT NULL, source_post_id bigint NOT NULL, similarity double precision NOT NULL) ON COMMIT DROP;
            TRUNCATE dup_pairs
            """,
            cancellationToken);
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY dup_pairs (post_id, source_post_id, similarity) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (post, source, similarity) in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(post, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(source, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(similarity, NpgsqlDbType.Double, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return await ExecuteAsync(
            db,
            """
            INSERT INTO near_duplicates (post_id, source_post_id, similarity)
            SELECT post_id, source_post_id, similarity FROM dup_pairs
            ON CONFLICT (post_id, source_post_id) DO UPDATE SET similarity = EXCLUDED.similarity
            """,
            cancellationToken);
    }
}
