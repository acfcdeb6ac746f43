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
/// A new post in such a bucket made its band probe visit every stored member (7,209 for the largest of a realistic
/// store of a million posts), and every stock-sentence post of the day paid that again. The per-post path now reads a
/// crowded bucket's members once a run, when a batch first meets it, and tests them in process with the probe's
/// filters (<see cref="NearEnough"/>: a few nanoseconds a pair, against a heap visit in the probe); the probe leaves
/// those keys out. The batch's own posts join the buckets they fall in after the batch, so later batches of the run
/// meet them too, which the run's session lock makes safe (no other run stores fingerprints meanwhile). A member
/// whose post changes or goes while the run holds it is dropped at confirmation, which reads the stored facts again.
/// Which keys are crowded comes from PostgreSQL's own statistics of the band indexes (the most common values that
/// ANALYZE keeps for an index expression), so nothing extra is kept up to date; a key the statistics miss is
/// probed as any other, so the candidates are the same either way. Memory: the members of the crowded buckets a
/// run meets, about 200 bytes each (tens of thousands at a province's scale).
/// </remarks>
public sealed partial class NearDuplicateDetector
{
    /// <summary>Estimated stored members from which a bucket is paired in process rather than probed.</summary>
    public const int DefaultCrowdedBucketMinimum = 256;

    /// <summary>Estimated stored members from which a bucket is crowded (int.MaxValue: none).</summary>
    public int CrowdedBucketMinimum { get; init; } = DefaultCrowdedBucketMinimum;

    private sealed class CrowdedBuckets
    {
        private readonly HashSet<long>[] keys;
        private readonly Dictionary<(int Band, long Key), List<BucketMember>> members = [];

        private CrowdedBuckets(HashSet<long>[] keys) => this.keys = keys;

        /// <summary>Crowded buckets whose members this run read and paired in process.</summary>
        public int InProcess => members.Count;

        public static async Task<CrowdedBuckets> LoadAsync(NpgsqlConnection db, int minimum, CancellationToken cancellationToken)
        {
            var keys = Enumerable.Range(0, MinHashLsh.Bands).Select(_ => new HashSet<long>()).ToArray();
            if (minimum == int.MaxValue)
            {
                return new CrowdedBuckets(keys);
            }

            var indexes = Enumerable.Range(0, MinHashLsh.Bands).Select(PostFingerprintSql.BandIndexName).ToList();
            await using var command = new NpgsqlCommand(
                """
                SELECT s.tablename, u.key
                FROM pg_stats s
                CROSS JOIN LATERAL unnest(s.most_common_vals::text::bigint[], s.most_common_freqs) AS u(key, frequency)
                WHERE s.schemaname = current_schema() AND s.tablename = ANY(@indexes)
                  AND u.frequency * (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'post_fingerprints'::regclass) >= @minimum
                """,
                db);
            command.Parameters.AddWithValue("indexes", indexes.ToArray());
            command.Parameters.AddWithValue("minimum", (double)Math.Max(2, minimum));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys[indexes.IndexOf(reader.GetString(0))].Add(reader.GetInt64(1));
            }

            return new CrowdedBuckets(keys);
        }

        public bool IsCrowded(int band, long key) => keys[band].Contains(key);

        /// <summary>The band's crowded keys, for the probe to leave out.</summary>
        public long[] KeysOf(int band) => [.. keys[band]];

        /// <summary>Reads the stored members of the crowded buckets this batch is the first of the run to meet.</summary>
        public async Task ReadMembersAsync(NpgsqlConnection db, List<BatchPost> batch, CancellationToken cancellationToken)
        {
            var wanted = new Dictionary<int, HashSet<long>>();
            foreach (var (band, key) in CrowdedKeysOf(batch))
            {
                if (!members.ContainsKey((band, key)))
                {
                    (wanted.TryGetValue(band, out var set) ? set : wanted[band] = []).Add(key);
                }
            }

            if (wanted.Count == 0)
            {
                return;
            }

            var branches = new StringBuilder();
            await using var command = new NpgsqlCommand { Connection = db };
            foreach (var (band, bandKeys) in wanted)
            {
                foreach (var key in bandKeys)
                {
                    members[(band, key)] = [];
                }

                branches.Append(branches.Length > 0 ? "\nUNION ALL\n" : "").Append(CultureInfo.InvariantCulture, $"""
                    SELECT {band}, {PostFingerprintSql.BandExpression("f", band)}, f.post_id, f.account_id, f.shingle_count, f.sketch
                    FROM post_fingerprints f WHERE {PostFingerprintSql.BandExpression("f", band)} = ANY(@keys{band})
                    """);
                command.Parameters.AddWithValue($"keys{band}", bandKeys.ToArray());
            }

            command.CommandText = branches.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                byte[]? sketch = null;
                if (!reader.IsDBNull(5))
                {
                    // Through Npgsql's BitArray, as the batch's sketches were written: the same bit order on both sides.
                    sketch = new byte[MinHashLsh.SketchBytes];
                    reader.GetFieldValue<BitArray>(5).CopyTo(sketch, 0);
                }

                members[(reader.GetInt32(0), reader.GetInt64(1))].Add(new BucketMember(
                    reader.GetInt64(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), IsNew: false, sketch));
            }
        }

        /// <summary>
        /// (batch post, stored member) pairs of the batch's crowded buckets that pass the probe's filters; then the
        /// batch's posts join those buckets for the run's later batches (pairs among the batch are found with the rest
        /// of the batch's own pairs).
        /// </summary>
        public List<(long New, long Other)> PairAndAdd(List<BatchPost> batch)
        {
            var found = new List<(long New, long Other)>();
            var joining = new List<((int, long) Bucket, BucketMember Member)>();
            foreach (var post in batch.Where(p => p.Signature is not null))
            {
                var member = new BucketMember(post.Id, post.AccountId, post.Shingles!.Count, IsNew: true, post.SketchBytes);
                for (var band = 0; band < MinHashLsh.Bands; band++)
                {
                    var key = post.Signature![band];
                    if (!IsCrowded(band, key))
                    {
                        continue;
                    }

                    foreach (var stored in members[(band, key)])
                    {
                        if (stored.AccountId != post.AccountId && NearEnoughInProcess(member, stored))
                        {
                            found.Add((post.Id, stored.PostId));
                        }
                    }

                    joining.Add(((band, key), member));
                }
            }

            foreach (var (bucket, member) in joining)
            {
                members[bucket].Add(member);
            }

            return found;
        }

        private IEnumerable<(int Band, long Key)> CrowdedKeysOf(List<BatchPost> batch) =>
            from post in batch
            where post.Signature is not null
            from band in Enumerable.Range(0, MinHashLsh.Bands)
            where IsCrowded(band, post.Signature![band])
            select (band, post.Signature![band]);
    }
}
