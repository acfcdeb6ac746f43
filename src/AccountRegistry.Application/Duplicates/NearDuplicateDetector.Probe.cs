using System.Globalization;
using System.Text;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// The per-post path's candidates: a batch's band matches against the stored posts (probed in PostgreSQL, on
/// connections of their own while the batch is being stored) and among the batch's own posts (in process).
/// </summary>
/// <remarks>
/// A post costs 40 B-tree probes and 40 B-tree inserts; on a store of a million posts both are most of a run
/// (docs/benchmarks.md). The probes only need the committed store, which the batch's advisory lock keeps still, so
/// they run beside the inserts, split over <see cref="ProbeConnections"/> sessions, and PostgreSQL uses more than one
/// core for a batch. Probing before the batch is stored also spares every probe a visit to the post's own new row.
/// </remarks>
public sealed partial class NearDuplicateDetector
{
    /// <summary>Sessions that probe a batch's bands side by side (each takes every n-th band).</summary>
    public int ProbeConnections { get; init; } = 2;

    /// <summary>
    /// What a band match must also pass before it becomes a candidate, checked on the fingerprint row the probe has
    /// just read: the shingle counts (exact: Jaccard ≥ 3/5 needs 5·min ≥ 3·max, so a post of 100 shingles can only
    /// match posts of 60 to 166), and the sketches' Hamming distance (<see cref="MinHashLsh.SketchMaxDistance"/>:
    /// drops a pair at the threshold with probability ≈ 0.05 % and nearly every pair at 0.3). On template-heavy text
    /// most band matches are pairs at 0.1–0.45, and this is where they stop, instead of travelling to the detector as
    /// rows to be sorted, fetched and prefiltered. Fingerprints of algorithm 1 (no sketch yet) always pass.
    /// </summary>
    private static readonly string NearEnough = string.Create(
        CultureInfo.InvariantCulture,
        $"(f.shingle_count IS NULL OR (5 * f.shingle_count >= 3 * n.shingle_count AND 5 * n.shingle_count >= 3 * f.shingle_count))"
        + $" AND (f.sketch IS NULL OR bit_count(f.sketch # n.sketch) <= {MinHashLsh.SketchMaxDistance})");

    /// <summary>(batch post, stored post of another account) pairs sharing a band and passing <see cref="NearEnough"/>.</summary>
    private async Task<List<(long New, long Other)>> ProbeStoredAsync(List<BatchPost> batch, CrowdedBuckets crowded, CancellationToken cancellationToken)
    {
        var probing = batch.Where(p => p.Signature is not null).ToList();
        if (probing.Count == 0)
        {
            return [];
        }

        var sessions = Math.Clamp(ProbeConnections, 1, MinHashLsh.Bands);
        var found = await Task.WhenAll(Enumerable.Range(0, sessions).Select(session =>
            ProbeBandsAsync(probing, Enumerable.Range(0, MinHashLsh.Bands).Where(band => band % sessions == session), crowded, cancellationToken)));

        // A post being redone still has its old fingerprint in the committed store; batch pairs are found in process.
        var inBatch = batch.Select(p => p.Id).ToHashSet();
        return found.SelectMany(pairs => pairs).Where(pair => !inBatch.Contains(pair.Other)).Distinct().ToList();
    }

    /// <summary>
    /// One branch per band: the batch's keys for that band, sorted so that the probes walk the band's B-tree in order;
    /// the account and the filters cost nothing more, as the probe reads the fingerprint row to learn its post anyway.
    /// Crowded keys are left out (<see cref="CrowdedBuckets"/>).
    /// </summary>
    private async Task<List<(long New, long Other)>> ProbeBandsAsync(
        List<BatchPost> probing, IEnumerable<int> bands, CrowdedBuckets crowded, CancellationToken cancellationToken)
    {
        var branches = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        foreach (var band in bands)
        {
            var crowdedKeys = crowded.KeysOf(band);
            var notCrowded = "";
            if (crowdedKeys.Length > 0)
            {
                notCrowded = string.Create(CultureInfo.InvariantCulture, $" WHERE NOT ({PostFingerprintSql.BandExpression("b", band)} = ANY(@crowded{band}))");
                parameters.Add(new NpgsqlParameter($"crowded{band}", crowdedKeys));
            }

            if (branches.Length > 0)
            {
                branches.Append("\n    UNION ALL\n");
            }

            branches.Append(CultureInfo.InvariantCulture, $"""
                    SELECT n.post_id AS new_id, f.post_id AS other_id
                    FROM (SELECT post_id, account_id, sketch, shingle_count, {PostFingerprintSql.BandExpression("b", band)} AS k FROM dup_probe b{notCrowded} ORDER BY 5) n
                    JOIN post_fingerprints f ON {PostFingerprintSql.BandExpression("f", band)} = n.k
                    WHERE f.account_id <> n.account_id AND {NearEnough}
                """);
        }

        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await CopyBatchAsync(db, "dup_probe", probing, cancellationToken);
        await ExecuteAsync(db, "ANALYZE dup_probe", cancellationToken);

        // The right plan is always one index probe per band and batch post. Left to itself the planner hashes whole
        // band columns when the store is small next to the batch, and JIT-compiles the branches (≈ 0.7 s for 40) on
        // every batch; both cost far more than the probes.
        await ExecuteAsync(db, "SET LOCAL jit = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL work_mem = '256MB'", cancellationToken);
        var pairs = new List<(long, long)>();
        await using (var command = new NpgsqlCommand($"SELECT DISTINCT new_id, other_id FROM (\n{branches}\n) matched", db))
        {
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pairs.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return pairs;
    }

    /// <summary>Pairs of the batch's own posts sharing a band and passing the same filters, the larger id first.</summary>
    private static IEnumerable<(long New, long Other)> PairsWithinBatch(List<BatchPost> batch)
    {
        var members = batch
            .Where(p => p.Signature is not null)
            .Select(p => (Post: p, Member: new BucketMember(p.Id, p.AccountId, p.Shingles!.Count, IsNew: true, p.SketchBytes)))
            .ToList();
        var survivors = new List<(long, long)>();
        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            foreach (var bucket in members.GroupBy(m => m.Post.Signature![band], m => m.Member))
            {
                var list = bucket.ToList();
                if (list.Count > 1)
                {
                    PairBucket(list, survivors);
                }
            }
        }

        return survivors.Distinct();
    }
}
