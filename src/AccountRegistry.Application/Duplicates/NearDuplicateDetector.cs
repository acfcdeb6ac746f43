using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// Finds the same story posted again by another account (一稿多投), as spec/rules.md defines near-duplicates, and
/// keeps near_duplicates true as posts arrive or change.
/// </summary>
/// <remarks>
/// <para>
/// Work list: after an import, post_fingerprint_queue, which database triggers fill with every inserted post and
/// every post whose title, content, time or account changes (that trigger also drops the stale fingerprint and
/// pairs at once), so a run costs what the import added. The backfill instead checks every stored post for a
/// current fingerprint (none, an older algorithm, or a text that no longer matches its content hash).
/// Posts are taken in id order, in batches, each batch in one transaction: read the texts (FOR SHARE, so a
/// concurrent edit waits and then invalidates what this batch wrote), normalise and hash them on every core,
/// store the fingerprints, look up LSH candidates for the batch (one index probe per band and post against the stored
/// fingerprints, run beside the store; the batch's own pairs and crowded buckets in process; a band match is dropped
/// where it is found when the shingle counts or the sketches prove it below the threshold, see <see cref="NearEnough"/>), drop candidates whose
/// signatures agree on under 35 % of their values (a pair at the 0.6 threshold agrees on 96 ± 6 of 160), confirm
/// the rest exactly on the current texts, and write the pairs. A pair is found when the later of its two posts (in processing order) is processed,
/// whatever order they were imported in; which post copies which is decided by publication time, not by import order.
/// </para>
/// <para>
/// A row of near_duplicates reads "post_id copies source_post_id": the source is a post of another account
/// published at or before it, as the spec words DUPLICATE_CONTENT. Two posts published at the very same instant are
/// each "at or before" the other, so such a pair is stored in both directions; every other pair once, later → earlier.
/// Posts of the same account are never paired (the spec only counts copies of another account).
/// </para>
/// <para>
/// Runs are safe to repeat and to interrupt: a batch commits as a whole (its queue entries with it), and the next
/// run continues with what is still queued or, for the backfill, still without a current fingerprint. Concurrent runs
/// (an import while a backfill runs) take turns: a run holds the detector's advisory lock as a session lock from start
/// to end, and the other waits for it.
/// </para>
/// </remarks>
public sealed partial class NearDuplicateDetector(RegistryConnection connection, TimeProvider clock) : IPostImportListener
{
    /// <summary>
    /// A batch's statements are bounded by the batch size, not by the store, but on a busy server one can outlast
    /// Npgsql's 30-second default; a backfill should wait rather than fail.
    /// </summary>
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { CommandTimeout = 600 }.ConnectionString;

    /// <summary>
    /// Posts per batch. A batch's confirmation holds the normalised texts and shingle sets of every stored post its
    /// candidates touch; on template-heavy data 10,000 posts a batch grew the working set by over 1 GB, 2,000 keeps
    /// it within the import's memory bound at a small cost in round trips.
    /// </summary>
    public const int DefaultBatchSize = 2_000;

    /// <summary>Signatures agreeing on fewer of their 160 values than this are not worth fetching texts for.</summary>
    public const double PrefilterSimilarity = 0.35;

    /// <summary>Advisory lock key of the detector ("NDUP"): a run holds it as a session lock, a clear as a transaction lock.</summary>
    private const long AdvisoryLockKey = 0x4E44_5550;

    /// <param name="Candidates">Candidate pairs from the LSH lookup (different accounts, each pair once).</param>
    /// <param name="Confirmed">Pairs confirmed by the exact definition.</param>
    /// <param name="RowsWritten">near_duplicates rows written (a same-instant pair writes two).</param>
    /// <param name="Bulk">Whether the run took the bulk path (<see cref="BulkMinimum"/>).</param>
    /// <param name="CrowdedBuckets">Crowded buckets whose members the per-post path read once and paired in process.</param>
    public sealed record RunResult(int Posts, int Candidates, int Confirmed, int RowsWritten, TimeSpan Elapsed, PhaseTimes Phases, bool Bulk = false, int CrowdedBuckets = 0);

    /// <summary>Where a run's time went (summed over batches), for the benchmark and for operators.</summary>
    /// <param name="Indexes">Dropping and rebuilding the band indexes around a bulk run.</param>
    public sealed record PhaseTimes(TimeSpan Select, TimeSpan Read, TimeSpan Hash, TimeSpan Store, TimeSpan Lookup, TimeSpan Confirm, TimeSpan Write, TimeSpan Indexes = default)
    {
        public static PhaseTimes Zero { get; } = new(default, default, default, default, default, default, default);

        public PhaseTimes Add(PhaseTimes other)
        {
            ArgumentNullException.ThrowIfNull(other);
            return new(
                Select + other.Select, Read + other.Read, Hash + other.Hash, Store + other.Store, Lookup + other.Lookup, Confirm + other.Confirm, Write + other.Write, Indexes + other.Indexes);
        }
    }

    public int BatchSize { get; init; } = DefaultBatchSize;

    public Task PostsImportedAsync(IProgress<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(verifyContent: false, progress, cancellationToken);

    /// <summary>
    /// Before a stored evaluation: DUPLICATE_CONTENT reads the stored pairs, and posts still queued (`import --no-wait`,
    /// `seed-demo`, a collector batch the worker has not reached, an import just before the nightly run) have none yet,
    /// so their copies would count as originals. Fingerprints what is queued; an empty queue costs one count.
    /// </summary>
    /// <returns>How many posts were queued (0: nothing was run).</returns>
    public async Task<long> CatchUpAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        long queued;
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(cancellationToken);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM post_fingerprint_queue", db);
            queued = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        if (queued > 0)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"fingerprinting {queued:N0} queued posts first, so that DUPLICATE_CONTENT sees their copies"));
            await RunAsync(verifyContent: false, progress: null, cancellationToken);
        }

        return queued;
    }

    /// <summary>
    /// Fingerprints the queued posts and records their near-duplicates. With <paramref name="verifyContent"/> (the
    /// backfill) it instead checks every stored post: one without a fingerprint, with an older algorithm's, or whose
    /// text no longer hashes to its content_hash is redone (a full pass over all texts, not for every import).
    /// </summary>
    public async Task<RunResult> RunAsync(bool verifyContent, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        long after = 0;
        int posts = 0, candidates = 0, confirmed = 0, rows = 0;
        var phases = PhaseTimes.Zero;

        // One session holds the detector's lock for the whole run: the bulk path needs the band indexes to itself, and
        // the per-post path keeps the crowded buckets' members in memory from batch to batch, which another run's
        // batches in between would make stale. Not pooled: temp_buffers can only be set before the session's first
        // temporary table, and a pooled session would keep the lock if unlocking failed.
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await ExecuteAsync(db, "SET temp_buffers = '1GB'", cancellationToken);
        await ExecuteAsync(db, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            var bulk = await RunInBulkIfLargeAsync(db, verifyContent, progress, cancellationToken);
            if (bulk is not null)
            {
                (posts, candidates, confirmed, rows, phases) = (bulk.Posts, bulk.Candidates, bulk.Confirmed, bulk.RowsWritten, bulk.Phases);
            }

            // Whatever the bulk path left (posts changed while it ran) and every small run go through the band indexes.
            await BuildMissingBandIndexesAsync(db, cancellationToken);
            var crowded = await CrowdedBuckets.LoadAsync(db, CrowdedBucketMinimum, CrowdedMemberBudget, cancellationToken);
            while (true)
            {
                var batch = await ProcessBatchAsync(db, after, verifyContent, crowded, cancellationToken);
                if (batch is null)
                {
                    break;
                }

                after = batch.LastPostId;
                posts += batch.Posts;
                candidates += batch.Candidates;
                confirmed += batch.Confirmed;
                rows += batch.RowsWritten;
                phases = phases.Add(batch.Phases);
                progress?.Report(string.Create(
                    CultureInfo.InvariantCulture,
                    $"fingerprinted {posts:N0} posts, {confirmed:N0} near-duplicate pairs confirmed of {candidates:N0} candidates ({watch.Elapsed.TotalSeconds:F1} s)"));
            }

            return new RunResult(posts, candidates, confirmed, rows, watch.Elapsed, phases, bulk is not null, crowded.InProcess);
        }
        finally
        {
            // A broken session has released the lock with itself (it is not pooled); unlocking it would only hide
            // what broke it.
            if (db.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(db, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
            }
        }
    }

    /// <summary>How many posts lack a current fingerprint (for progress; a pass over every post).</summary>
    public async Task<long> CountPendingAsync(bool verifyContent, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM posts p WHERE {PendingCondition(verifyContent)}", db);
        command.Parameters.AddWithValue("algorithm", MinHashLsh.AlgorithmVersion);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Forgets every fingerprint and pair, so that the next run recomputes them all (registry fingerprint --rebuild).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(db, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        await ExecuteAsync(db, "TRUNCATE near_duplicates, post_fingerprints, post_fingerprint_queue", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record BatchResult(long LastPostId, int Posts, int Candidates, int Confirmed, int RowsWritten, PhaseTimes Phases);

    private sealed class BatchPost(long id, int accountId, DateTime publishedAt, string text, Guid contentHash)
    {
        public long Id { get; } = id;

        public int AccountId { get; } = accountId;

        public DateTime PublishedAt { get; } = publishedAt;

        public string Text { get; } = text;

        public Guid ContentHash { get; } = contentHash;

        public int[] Normalized { get; set; } = [];

        public long[]? Signature { get; set; }

        public BitArray? Sketch { get; set; }

        /// <summary>The sketch as <see cref="MinHashLsh.Signature(int[], Span{byte})"/> wrote it, for the in-process filter.</summary>
        public byte[]? SketchBytes { get; set; }

        public ShingleSet? Shingles { get; set; }
    }

    private static string PendingCondition(bool verifyContent) =>
        "NOT EXISTS (SELECT 1 FROM post_fingerprints f WHERE f.post_id = p.id AND f.algorithm = @algorithm"
        + (verifyContent ? $" AND f.content_hash = {PostFingerprintSql.ContentHashExpression("p")})" : ")");

    /// <summary>One batch, in one transaction; the caller's session holds the detector's advisory lock.</summary>
    /// <param name="crowded">
    /// The crowded buckets of the per-post path; null for the bulk path's first pass, which only stores the batch's
    /// fingerprints and leaves its posts queued for the set-based pass.
    /// </param>
    private async Task<BatchResult?> ProcessBatchAsync(NpgsqlConnection db, long after, bool verifyContent, CrowdedBuckets? crowded, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);

        var phase = Stopwatch.StartNew();
        var ids = await PendingIdsAsync(db, after, verifyContent, cancellationToken);
        if (ids.Length == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var select = Lap(phase);
        var batch = await ReadBatchAsync(db, ids, cancellationToken);
        var read = Lap(phase);
        Parallel.ForEach(
            batch,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            post =>
            {
                post.Normalized = TextNormalizer.Normalize(post.Text);
                var sketch = new byte[MinHashLsh.SketchBytes];
                post.Signature = MinHashLsh.Signature(post.Normalized, sketch);
                post.Sketch = post.Signature is null ? null : new BitArray(sketch);
                post.SketchBytes = post.Signature is null ? null : sketch;
                post.Shingles = ShingleSet.FromNormalized(post.Normalized);
            });
        var hash = Lap(phase);

        // Pairs of a post being redone are redone with it (a changed post's pairs are usually gone already: trigger).
        // Queue entries of posts deleted meanwhile go too: they were selected, but nothing was read for them.
        await ExecuteAsync(
            db,
            """
            DELETE FROM near_duplicates WHERE post_id = ANY(@ids) OR source_post_id = ANY(@ids);
            DELETE FROM post_fingerprints WHERE post_id = ANY(@ids);
            DELETE FROM post_fingerprint_queue WHERE post_id = ANY(@ids)
            """,
            cancellationToken,
            ("ids", ids));
        if (crowded is null)
        {
            await StoreFingerprintsAsync(db, batch, cancellationToken);
            await ExecuteAsync(
                db,
                "INSERT INTO post_fingerprint_queue (post_id) SELECT unnest(@read) ON CONFLICT DO NOTHING",
                cancellationToken,
                ("read", batch.Select(p => p.Id).ToArray()));
            await transaction.CommitAsync(cancellationToken);
            return new BatchResult(ids[^1], batch.Count, 0, 0, 0, new PhaseTimes(select, read, hash, Lap(phase), default, default, default));
        }

        // The stored posts are probed on connections of their own while this one stores the batch: the probe reads
        // the committed store (which the run's advisory lock keeps still), the batch's own pairs are found here, and
        // so are those in crowded buckets, whose stored members are read once a run (see CrowdedBuckets).
        await crowded.ReadMembersAsync(db, batch, cancellationToken);
        var crowdedMembers = Lap(phase);
        var probe = ProbeStoredAsync(batch, crowded, cancellationToken);
        var crowdedPairs = Task.Run(() => crowded.PairAndAdd(batch, cancellationToken), cancellationToken);
        await StoreFingerprintsAsync(db, batch, cancellationToken);
        var store = Lap(phase);
        var candidatePairs = await probe;
        candidatePairs.AddRange(PairsWithinBatch(batch));
        candidatePairs.AddRange(await crowdedPairs);

        // Lookup: reading crowded buckets, and what the probe took beyond the store it ran beside.
        var lookup = crowdedMembers + Lap(phase);
        var (candidates, pairs) = await ConfirmCandidatesAsync(db, batch, candidatePairs, cancellationToken);
        var confirm = Lap(phase);
        var rowsWritten = await WritePairsAsync(db, pairs, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var write = Lap(phase);
        return new BatchResult(ids[^1], batch.Count, candidates, pairs.Count, rowsWritten, new PhaseTimes(select, read, hash, store, lookup, confirm, write));
    }

    private static TimeSpan Lap(Stopwatch watch)
    {
        var elapsed = watch.Elapsed;
        watch.Restart();
        return elapsed;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
