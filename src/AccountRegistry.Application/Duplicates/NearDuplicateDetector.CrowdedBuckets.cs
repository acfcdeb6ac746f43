using System.Collections;
using System.Globalization;
using System.Text;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// Crowded buckets: band keys that hundreds or thousands of stored posts share, because all four minima of the band
/// fall in one stock sentence (活动现场，工作人员通过发放宣传资料…) that many short reports carry.
/// </summary>
/// <remarks>
/// A new post in such a bucket made its band probe visit every stored member (13,933 for the largest of a realistic
/// store of two million posts), and every stock-sentence post of the day paid that again. The per-post path now reads
/// a crowded bucket's members once a run, when a batch first meets it, and tests them in process with the probe's
/// filters (<see cref="NearEnough"/>: a few nanoseconds a pair, against a heap visit in the probe); the probe leaves
/// those keys out. The batch's own posts join the buckets they fall in after the batch, so later batches of the run
/// meet them too, which the run's session lock makes safe (no other run stores fingerprints meanwhile). A member
/// whose post changes or goes while the run holds it is dropped at confirmation, which reads the stored facts again.
/// <para>
/// Which keys are crowded comes from PostgreSQL's own statistics of the band indexes (the most common values that
/// ANALYZE keeps for an index expression), so nothing extra is kept up to date. Memory is bounded by
/// <see cref="CrowdedMemberBudget"/> members (176 bytes each): the largest buckets are taken first, and a bucket that
/// would overrun the budget (statistics are estimates) stays with the probe. A key left to the probe gives the same
/// candidates, only slower.
/// </para>
/// </remarks>
public sealed partial class NearDuplicateDetector
{
    /// <summary>Estimated stored members from which a bucket is paired in process rather than probed.</summary>
    public const int DefaultCrowdedBucketMinimum = 256;

    /// <summary>Bucket members a run holds at most (≈ 44 MB).</summary>
    public const int DefaultCrowdedMemberBudget = 250_000;

    /// <summary>Estimated stored members from which a bucket is crowded (int.MaxValue: none).</summary>
    public int CrowdedBucketMinimum { get; init; } = DefaultCrowdedBucketMinimum;

    /// <summary>Members of crowded buckets a run holds in memory at most.</summary>
    public int CrowdedMemberBudget { get; init; } = DefaultCrowdedMemberBudget;

    /// <summary>A crowded bucket's members, column by column (no object per member).</summary>
    private sealed class BucketMembers
    {
        private long[] postIds = new long[16];
        private int[] accountIds = new int[16];
        private int[] shingleCounts = new int[16];
        private byte[] sketches = new byte[16 * MinHashLsh.SketchBytes];

        public int Count { get; private set; }

        /// <param name="shingleCount">-1 when unknown (algorithm 1).</param>
        /// <param name="sketch">Null when unknown (algorithm 1): stored as zeros and never used.</param>
        public void Add(long postId, int accountId, int shingleCount, ReadOnlySpan<byte> sketch)
        {
            if (Count == postIds.Length)
            {
                Array.Resize(ref postIds, Count * 2);
                Array.Resize(ref accountIds, Count * 2);
                Array.Resize(ref shingleCounts, Count * 2);
                Array.Resize(ref sketches, Count * 2 * MinHashLsh.SketchBytes);
            }

            postIds[Count] = postId;
            accountIds[Count] = accountId;
            shingleCounts[Count] = sketch.IsEmpty ? -1 : shingleCount;
            sketch.CopyTo(sketches.AsSpan(Count * MinHashLsh.SketchBytes));
            Count++;
        }

        /// <summary>Members of other accounts that pass <see cref="NearEnough"/> against the post.</summary>
        public void NearEnoughTo(BatchPost post, List<(long New, long Other)> found)
        {
            var count = post.Shingles!.Count;
            var sketch = post.SketchBytes;
            for (var i = 0; i < Count; i++)
            {
                if (accountIds[i] == post.AccountId)
                {
                    continue;
                }

                // A member without counts and sketch (algorithm 1) always passes, as in the probe.
                var known = shingleCounts[i] >= 0;
                if (!known
                    || (5 * shingleCounts[i] >= 3 * count && 5 * count >= 3 * shingleCounts[i]
                        && (sketch is null || !MinHashLsh.SketchRejects(sketch, sketches.AsSpan(i * MinHashLsh.SketchBytes, MinHashLsh.SketchBytes)))))
                {
                    found.Add((post.Id, postIds[i]));
                }
            }
        }
    }

    private sealed class CrowdedBuckets
    {
        private readonly HashSet<long>[] keys;
        private readonly Dictionary<(int Band, long Key), BucketMembers> members = [];
        private readonly int budget;
        private int held;
        private int kept;

        private CrowdedBuckets(HashSet<long>[] keys, int budget) => (this.keys, this.budget) = (keys, budget);

        /// <summary>Crowded buckets whose members this run read and paired in process.</summary>
        public int InProcess => kept;

        public static async Task<CrowdedBuckets> LoadAsync(NpgsqlConnection db, int minimum, int budget, CancellationToken cancellationToken)
        {
            var keys = Enumerable.Range(0, MinHashLsh.Bands).Select(_ => new HashSet<long>()).ToArray();
            if (minimum == int.MaxValue || budget <= 0)
            {
                return new CrowdedBuckets(keys, 0);
            }

            var indexes = Enumerable.Range(0, MinHashLsh.Bands).Select(PostFingerprintSql.BandIndexName).ToList();
            await using var command = new NpgsqlCommand(
                """
                SELECT s.tablename, u.key, u.frequency * c.reltuples AS members
                FROM pg_stats s
                CROSS JOIN LATERAL unnest(s.most_common_vals::text::bigint[], s.most_common_freqs) AS u(key, frequency)
                CROSS JOIN (SELECT reltuples FROM pg_class WHERE oid = 'post_fingerprints'::regclass) c
                WHERE s.schemaname = current_schema() AND s.tablename = ANY(@indexes) AND u.frequency * c.reltuples >= @minimum
                ORDER BY members DESC
                """,
                db);
            command.Parameters.AddWithValue("indexes", indexes.ToArray());
            command.Parameters.AddWithValue("minimum", (double)Math.Max(2, minimum));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            double estimated = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                // The largest first, while their estimated members fit the budget.
                estimated += reader.GetDouble(2);
                if (estimated > budget)
                {
                    break;
                }

                keys[indexes.IndexOf(reader.GetString(0))].Add(reader.GetInt64(1));
            }

            return new CrowdedBuckets(keys, budget);
        }

        public bool IsCrowded(int band, long key) => keys[band].Contains(key);

        /// <summary>The band's crowded keys, for the probe to leave out.</summary>
        public long[] KeysOf(int band) => [.. keys[band]];

        /// <summary>
        /// Reads the stored members of the crowded buckets this batch is the first of the run to meet, one bucket at a
        /// time; a bucket that would overrun the budget is handed back to the probe.
        /// </summary>
        public async Task ReadMembersAsync(NpgsqlConnection db, List<BatchPost> batch, CancellationToken cancellationToken)
        {
            var wanted = CrowdedKeysOf(batch).Where(bucket => !members.ContainsKey(bucket)).Distinct().ToList();
            if (wanted.Count == 0)
            {
                return;
            }

            var branches = new StringBuilder();
            await using var command = new NpgsqlCommand { Connection = db };
            foreach (var group in wanted.GroupBy(bucket => bucket.Band))
            {
                branches.Append(branches.Length > 0 ? "\nUNION ALL\n" : "").Append(CultureInfo.InvariantCulture, $"""
                    SELECT {group.Key}, {PostFingerprintSql.BandExpression("f", group.Key)}, f.post_id, f.account_id, f.shingle_count, f.sketch
                    FROM post_fingerprints f WHERE {PostFingerprintSql.BandExpression("f", group.Key)} = ANY(@keys{group.Key})
                    """);
                command.Parameters.AddWithValue($"keys{group.Key}", group.Select(bucket => bucket.Key).ToArray());
            }

            // In bucket order, so that each bucket is weighed against the budget before the next is read.
            command.CommandText = $"SET LOCAL work_mem = '128MB';\nSELECT * FROM (\n{branches}\n) m ORDER BY 1, 2";
            var bucketRows = new BucketMembers();
            (int Band, long Key) current = (-1, 0);
            var sketch = new byte[MinHashLsh.SketchBytes];
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var bucket = (reader.GetInt32(0), reader.GetInt64(1));
                    if (bucket != current)
                    {
                        Keep(current, bucketRows);
                        bucketRows = new BucketMembers();
                        current = bucket;
                    }

                    var known = !reader.IsDBNull(5) && !reader.IsDBNull(4);
                    if (known)
                    {
                        // Through Npgsql's BitArray, as the batch's sketches were written: the same bit order on both sides.
                        reader.GetFieldValue<BitArray>(5).CopyTo(sketch, 0);
                    }

                    bucketRows.Add(reader.GetInt64(2), reader.GetInt32(3), known ? reader.GetInt32(4) : -1, known ? sketch : []);
                }
            }

            Keep(current, bucketRows);

            // Buckets with no stored member at all (the statistics were older than a deletion) hold nothing to keep.
            foreach (var bucket in wanted.Where(bucket => !members.ContainsKey(bucket) && IsCrowded(bucket.Band, bucket.Key)))
            {
                members[bucket] = new BucketMembers();
            }
        }

        private void Keep((int Band, long Key) bucket, BucketMembers rows)
        {
            if (bucket.Band < 0)
            {
                return;
            }

            if (held + rows.Count > budget)
            {
                keys[bucket.Band].Remove(bucket.Key);
                return;
            }

            held += rows.Count;
            kept++;
            members[bucket] = rows;
        }

        /// <summary>
        /// (batch post, stored member) pairs of the batch's crowded buckets that pass the probe's filters; then the
        /// batch's posts join those buckets for the run's later batches (pairs among the batch are found with the rest
        /// of the batch's own pairs). A bucket the budget cannot grow any more goes back to the probe.
        /// </summary>
        public List<(long New, long Other)> PairAndAdd(List<BatchPost> batch, CancellationToken cancellationToken)
        {
            // On template-heavy text a batch meets buckets of thousands of members: the tests run on every core
            // (beside the batch's store and probe, which wait on PostgreSQL).
            var posts = batch.Where(p => p.Signature is not null).ToList();
            var found = new List<(long New, long Other)>[posts.Count];
            Parallel.For(0, posts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var pairs = new List<(long New, long Other)>();
                for (var band = 0; band < MinHashLsh.Bands; band++)
                {
                    if (IsCrowded(band, posts[i].Signature![band]))
                    {
                        members[(band, posts[i].Signature![band])].NearEnoughTo(posts[i], pairs);
                    }
                }

                found[i] = pairs;
            });

            foreach (var post in posts)
            {
                for (var band = 0; band < MinHashLsh.Bands; band++)
                {
                    var key = post.Signature![band];
                    if (!IsCrowded(band, key))
                    {
                        continue;
                    }

                    if (held >= budget)
                    {
                        // Not kept means not crowded any more: later batches probe this key, and this post is stored
                        // by then, so they still meet it.
                        keys[band].Remove(key);
                        members.Remove((band, key), out var dropped);
                        held -= dropped!.Count;
                        continue;
                    }

                    members[(band, key)].Add(post.Id, post.AccountId, post.Shingles!.Count, post.SketchBytes ?? []);
                    held++;
                }
            }

            return [.. found.SelectMany(pairs => pairs)];
        }

        private IEnumerable<(int Band, long Key)> CrowdedKeysOf(List<BatchPost> batch) =>
            from post in batch
            where post.Signature is not null
            from band in Enumerable.Range(0, MinHashLsh.Bands)
            where IsCrowded(band, post.Signature![band])
            select (band, post.Signature![band]);
    }
}
