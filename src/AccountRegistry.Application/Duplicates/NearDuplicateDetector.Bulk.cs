using System.Diagnostics;
using System.Globalization;
using System.Text;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// The bulk path: when a run has at least as many posts to fingerprint as the store already holds (a county's first
/// import, a rebuild, the demo), keeping 40 band B-trees up to date post by post costs more than building them again.
/// </summary>
/// <remarks>
/// <para>
/// Measured on a <c>generate --accounts 2000</c> import (docs/benchmarks.md): the per-post path spent nearly all of its
/// time in 40 random B-tree inserts and 40 probes a post. The bulk path drops the band indexes, stores the
/// fingerprints with plain inserts (the queue keeps the posts as "fingerprinted, not yet paired"), finds every band
/// match band by band over the whole store (new × new once, new × stored), each shared bucket's pairs tested in process
/// with the probe's filters (<see cref="NearEnough"/>), confirms the candidates exactly as the per-post path does,
/// writes the pairs, empties the queue of what it paired, and builds the indexes again with sorted bulk builds. The
/// pairs are the same as the per-post path's (tests compare the two on the same posts).
/// </para>
/// <para>
/// Safety: the whole run holds the detector's advisory lock as a session lock, so no other run probes while the
/// indexes are missing; every run first checks (under that lock) that the indexes exist and builds what is missing,
/// so an interrupted bulk run only costs the next run an index build. The first pass commits batch by batch, the
/// pairing pass is one transaction: interrupted, the posts stay queued with their fingerprints and the next run pairs
/// them. A post edited meanwhile loses its fingerprint (trigger) and is paired by the per-post path afterwards; the
/// pairing pass locks its new posts (FOR SHARE) so that an edit waits for it.
/// </para>
/// </remarks>
public sealed partial class NearDuplicateDetector
{
    /// <summary>Below this many pending posts the per-post path is cheap enough, whatever the store.</summary>
    public const int DefaultBulkMinimum = 10_000;

    /// <summary>Pending posts from which a run may take the bulk path (when they are at least as many as the stored ones).</summary>
    public int BulkMinimum { get; init; } = DefaultBulkMinimum;

    /// <summary>Candidate pairs confirmed at once in the bulk path: bounds the texts held in memory (two per pair at most).</summary>
    private const int BulkPairsPerSlice = 8_192;

    private static string BandIndexNames() =>
        string.Join(", ", Enumerable.Range(0, MinHashLsh.Bands).Select(PostFingerprintSql.BandIndexName));

    /// <summary>Builds the band indexes a bulk run dropped (and did not get to build again); the caller holds the lock.</summary>
    private static async Task BuildMissingBandIndexesAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'post_fingerprints' AND indexname = ANY(@names)", db);
        command.Parameters.AddWithValue("names", Enumerable.Range(0, MinHashLsh.Bands).Select(PostFingerprintSql.BandIndexName).ToArray());
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == MinHashLsh.Bands)
        {
            return;
        }

        var create = new StringBuilder();
        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            create.Append(PostFingerprintSql.CreateBandIndex(band)).Append(";\n");
        }

        // Sorted bulk builds: a post costs 40 appends to a sort instead of 40 random descents.
        await ExecuteAsync(db, "SET maintenance_work_mem = '256MB'", cancellationToken);
        await ExecuteAsync(db, create.ToString(), cancellationToken);
        await ExecuteAsync(db, "RESET maintenance_work_mem; ANALYZE post_fingerprints", cancellationToken);
    }

    /// <summary>
    /// Runs the bulk path when the pending posts are many and at least as many as the stored ones; null when it does
    /// not apply. The caller's session holds the detector's lock, with temp_buffers large enough for the pairing pass's
    /// temporary copy of the store (the default 8 MB made every scan of it a read from the operating system).
    /// </summary>
    private async Task<RunResult?> RunInBulkIfLargeAsync(NpgsqlConnection db, bool verifyContent, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (pending, stored) = await CountPendingAndStoredAsync(db, verifyContent, cancellationToken);
        if (pending < Math.Max(1, BulkMinimum) || pending < stored)
        {
            return null;
        }

        progress?.Report(string.Create(
            CultureInfo.InvariantCulture, $"bulk fingerprinting: {pending:N0} posts to do, {stored:N0} stored; band indexes rebuilt at the end"));
        return await RunInBulkAsync(db, verifyContent, progress, cancellationToken);
    }

    private static async Task<(long Pending, long Stored)> CountPendingAndStoredAsync(NpgsqlConnection db, bool verifyContent, CancellationToken cancellationToken)
    {
        // The backfill's own test (a text that no longer hashes to its fingerprint) reads every text; counting
        // the posts without a current fingerprint is enough to choose the path.
        await using var command = new NpgsqlCommand(
            verifyContent
                ? $"""
                   SELECT (SELECT count(*) FROM posts p WHERE {PendingCondition(verifyContent: false)}),
                          (SELECT count(*) FROM post_fingerprints WHERE algorithm = @algorithm)
                   """
                : """
                  SELECT (SELECT count(*) FROM post_fingerprint_queue),
                         (SELECT count(*) FROM post_fingerprints f WHERE NOT EXISTS (SELECT 1 FROM post_fingerprint_queue q WHERE q.post_id = f.post_id))
                  """,
            db);
        command.Parameters.AddWithValue("algorithm", MinHashLsh.AlgorithmVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<RunResult> RunInBulkAsync(NpgsqlConnection db, bool verifyContent, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        await ExecuteAsync(db, $"DROP INDEX IF EXISTS {BandIndexNames()}", cancellationToken);
        var indexes = Lap(phase);

        // First pass: fingerprints only, batch by batch (each commits; the posts stay queued until they are paired).
        long after = 0;
        var posts = 0;
        var phases = PhaseTimes.Zero;
        while (await ProcessBatchAsync(db, after, verifyContent, crowded: null, cancellationToken) is { } batch)
        {
            after = batch.LastPostId;
            posts += batch.Posts;
            phases = phases.Add(batch.Phases);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"bulk fingerprinting: {posts:N0} posts fingerprinted ({watch.Elapsed.TotalSeconds:F1} s)"));
        }

        phase.Restart();
        var (candidates, confirmed, rows, lookup, confirm) = await PairQueuedFingerprintsAsync(db, progress, cancellationToken);
        var write = Lap(phase);
        progress?.Report(string.Create(
            CultureInfo.InvariantCulture, $"bulk fingerprinting: {confirmed:N0} near-duplicate pairs confirmed of {candidates:N0} candidates; building the band indexes"));
        await BuildMissingBandIndexesAsync(db, cancellationToken);
        indexes += Lap(phase);
        phases = phases.Add(new PhaseTimes(default, default, default, default, lookup, confirm, write - lookup - confirm, indexes));
        return new RunResult(posts, candidates, confirmed, rows, watch.Elapsed, phases, Bulk: true);
    }

    /// <summary>
    /// The set-based pairing of every queued post that has a fingerprint, against every fingerprint (queued pairs
    /// once, the later id probing the earlier), in one transaction.
    /// </summary>
    private static async Task<(int Candidates, int Confirmed, int Rows, TimeSpan Lookup, TimeSpan Confirm)> PairQueuedFingerprintsAsync(
        NpgsqlConnection db, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);

        // An edit of a post being paired waits for this transaction; one that committed before is not paired here
        // (its fingerprint is gone) and is left queued for the per-post path.
        await ExecuteAsync(
            db,
            """
            WITH locked AS (SELECT p.id FROM posts p JOIN post_fingerprint_queue q ON q.post_id = p.id FOR SHARE OF p)
            SELECT count(*) FROM locked
            """,
            cancellationToken);
        await ExecuteAsync(
            db,
            """
            CREATE TEMP TABLE bulk_fingerprints ON COMMIT DROP AS
            SELECT f.post_id, f.account_id, f.shingle_count, f.sketch, f.signature, q.post_id IS NOT NULL AS is_new
            FROM post_fingerprints f LEFT JOIN post_fingerprint_queue q ON q.post_id = f.post_id
            WHERE f.signature IS NOT NULL;
            ANALYZE bulk_fingerprints;
            CREATE TEMP TABLE bulk_matches (new_id bigint NOT NULL, other_id bigint NOT NULL) ON COMMIT DROP
            """,
            cancellationToken);

        // Band by band, the buckets that hold two posts or more (one of them new) come here in key order, one bucket
        // at a time, and every pair in a bucket is tested in process with the probe's filters: crowded buckets of
        // stock-sentence posts make hundreds of thousands of pairs, which cost PostgreSQL about a microsecond each in
        // a join and cost this loop a few nanoseconds. Survivors go to bulk_matches, the smaller id second.
        // Hashed: a merge join would sort the whole store (sketches included) for every band to keep a few buckets.
        await ExecuteAsync(db, "SET LOCAL jit = off; SET LOCAL work_mem = '256MB'; SET LOCAL enable_mergejoin = off", cancellationToken);
        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            var survivors = await BandSurvivorsAsync(db, band, cancellationToken);
            await using var writer = await db.BeginBinaryImportAsync("COPY bulk_matches (new_id, other_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var (a, b) in survivors)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(a, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(b, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(
            db,
            "DECLARE bulk_candidates NO SCROLL CURSOR FOR SELECT DISTINCT new_id, other_id FROM bulk_matches ORDER BY new_id, other_id",
            cancellationToken);
        var lookup = Lap(phase);

        var noBatch = new Dictionary<long, PostFacts>();
        var noShingles = new Dictionary<long, ShingleSet>();
        int candidates = 0, confirmed = 0, rows = 0;
        var fetched = new List<(long A, long B)>(BulkPairsPerSlice);
        do
        {
            fetched.Clear();
            await using (var command = new NpgsqlCommand($"FETCH FORWARD {BulkPairsPerSlice} FROM bulk_candidates", db))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    fetched.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
            }

            if (fetched.Count > 0)
            {
                var (sliceCandidates, pairs) = await ConfirmSliceAsync(db, noBatch, noShingles, fetched, cancellationToken);
                candidates += sliceCandidates;
                confirmed += pairs.Count;
                rows += await WritePairsAsync(db, pairs, cancellationToken);
                progress?.Report(string.Create(
                    CultureInfo.InvariantCulture, $"bulk fingerprinting: {confirmed:N0} near-duplicate pairs confirmed of {candidates:N0} candidates"));
            }
        }
        while (fetched.Count == BulkPairsPerSlice);

        await ExecuteAsync(db, "CLOSE bulk_candidates", cancellationToken);
        var confirm = Lap(phase);
        await ExecuteAsync(
            db,
            "DELETE FROM post_fingerprint_queue q USING bulk_fingerprints b WHERE b.is_new AND b.post_id = q.post_id",
            cancellationToken);

        // Queued posts without a signature (too short to ever match) are done too.
        await ExecuteAsync(
            db,
            "DELETE FROM post_fingerprint_queue q USING post_fingerprints f WHERE f.post_id = q.post_id AND f.signature IS NULL",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (candidates, confirmed, rows, lookup, confirm);
    }
}
