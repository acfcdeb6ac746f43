using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Content;

/// <summary>
/// Runs the content checks on posts as they arrive or change, and after a list edit on every stored post.
/// </summary>
/// <remarks>
/// <para>
/// Work list: content_check_queue, which triggers fill with every inserted post and every post whose title or
/// content changes (the Initial migration); a list edit queues every post in one statement
/// (<see cref="ContentRecheck"/>). Posts are taken in id order in batches, each in one transaction: read the texts
/// (FOR SHARE, so a concurrent edit waits and then queues the post again), check them on every core, COPY the
/// matches into a temporary table, then in SQL drop the batch's open findings that were not found again, insert the
/// new ones (the unique key keeps a decided finding as decided) and remove the batch from the queue. The whole posts
/// table is never read into memory; a batch holds at most <see cref="BatchSize"/> texts.
/// </para>
/// <para>
/// Content findings are kept apart from the rules: nothing here touches flags or evaluations, so
/// <c>registry evaluate --json</c> is the same with or without them.
/// </para>
/// </remarks>
public sealed class ContentInspector(RegistryConnection connection, TimeProvider clock, ILogger<ContentInspector>? logger = null) : IPostImportListener
{
    public const int DefaultBatchSize = 5_000;

    /// <summary>pg_advisory_xact_lock key serialising inspector batches ("CCHK").</summary>
    private const long AdvisoryLockKey = 0x4343_484B;

    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { CommandTimeout = 600 }.ConnectionString;

    public sealed record RunResult(int Posts, int Findings, TimeSpan Elapsed, TimeSpan CheckTime);

    public int BatchSize { get; init; } = DefaultBatchSize;

    public Task PostsImportedAsync(IProgress<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(progress is null ? null : new Progress<int>(done => progress.Report(string.Create(CultureInfo.InvariantCulture, $"content checks: {done:N0} posts checked"))), cancellationToken);

    /// <summary>Checks every queued post; <paramref name="progress"/> gets the number checked so far after each batch.</summary>
    public async Task<RunResult> RunAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var version = await ListsVersionAsync(cancellationToken);
        var checker = new ContentChecker(await LoadListsAsync(cancellationToken));
        int posts = 0, findings = 0;
        var checkTime = TimeSpan.Zero;
        while (true)
        {
            // A list edit during a long run re-queues every post; what is checked from then on uses the new lists.
            var current = await ListsVersionAsync(cancellationToken);
            if (current != version)
            {
                version = current;
                checker = new ContentChecker(await LoadListsAsync(cancellationToken));
            }

            if (await ProcessBatchAsync(checker, cancellationToken) is not { } batch)
            {
                break;
            }

            posts += batch.Posts;
            findings += batch.Findings;
            checkTime += batch.CheckTime;
            progress?.Report(posts);
        }

        if (posts > 0)
        {
            logger?.LogInformation("Content checks: {Posts} posts checked, {Findings} matches in {Elapsed}", posts, findings, watch.Elapsed);
        }

        return new RunResult(posts, findings, watch.Elapsed, checkTime);
    }

    /// <summary>How many posts wait for the checks.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM content_check_queue", db);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Changes with every edit, import or removal of a list entry (edits stamp updated_at; removals lower the count).</summary>
    private async Task<string> ListsVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM content_terms", db);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The county's lists as they are now.</summary>
    public async Task<ContentLists> LoadListsAsync(CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT kind, term, wrong_forms FROM content_terms ORDER BY id", db);
        var names = new List<OfficialName>();
        var banned = new List<string>();
        var domains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var term = reader.GetString(1);
            switch (ContentTermKinds.Parse(reader.GetString(0)))
            {
                case ContentTermKind.OfficialName:
                    names.Add(new OfficialName(term, reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2)));
                    break;
                case ContentTermKind.Banned:
                    banned.Add(term);
                    break;
                case ContentTermKind.AllowedDomain:
                    domains.Add(term);
                    break;
            }
        }

        return new ContentLists(names, banned, domains);
    }

    private sealed record BatchResult(int Posts, int Findings, TimeSpan CheckTime);

    private sealed record BatchPost(long Id, int AccountId, string? Title, string? Content)
    {
        public IReadOnlyList<ContentMatch> Matches { get; set; } = [];
    }

    private async Task<BatchResult?> ProcessBatchAsync(ContentChecker checker, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(db, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));

        var ids = await QueuedIdsAsync(db, cancellationToken);
        if (ids.Length == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var batch = await ReadBatchAsync(db, ids, cancellationToken);
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(
            batch,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            post => post.Matches = checker.Check(post.Title, post.Content));
        var checkTime = watch.Elapsed;

        await ExecuteAsync(
            db,
            """
            CREATE TEMP TABLE content_batch (
                post_id bigint NOT NULL, account_id int NOT NULL, check_code text NOT NULL, detail text NOT NULL,
                field text NOT NULL, position int NOT NULL, matched_text text NOT NULL) ON COMMIT DROP
            """,
            cancellationToken);
        var findings = 0;
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY content_batch (post_id, account_id, check_code, detail, field, position, matched_text) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var post in batch)
            {
                foreach (var match in post.Matches)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(post.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(post.AccountId, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(match.Check.ToCode(), NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(Clip(match.Detail, 256), NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(match.Field.ToCode(), NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(match.Position, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(Clip(match.MatchedText, 2048), NpgsqlDbType.Text, cancellationToken);
                    findings++;
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Open findings not found again go (the text or the lists changed); decided ones stay as the record of a
        // decision. A finding found again keeps its row, its id and its found_at.
        await ExecuteAsync(
            db,
            """
            DELETE FROM content_findings f
            WHERE f.post_id = ANY(@ids) AND f.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM content_batch b
                              WHERE b.post_id = f.post_id AND b.check_code = f.check_code AND b.field = f.field
                                AND b.position = f.position AND b.matched_text = f.matched_text);
            INSERT INTO content_findings (post_id, account_id, check_code, detail, field, position, matched_text, status, found_at)
            SELECT b.post_id, b.account_id, b.check_code, b.detail, b.field, b.position, b.matched_text, 'open', @now
            FROM content_batch b
            ON CONFLICT (post_id, check_code, field, position, matched_text) DO NOTHING;
            DELETE FROM content_check_queue WHERE post_id = ANY(@ids);
            """,
            cancellationToken,
            ("ids", ids),
            ("now", clock.GetUtcNow()));
        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(batch.Count, findings, checkTime);
    }

    private async Task<long[]> QueuedIdsAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT post_id FROM content_check_queue ORDER BY post_id LIMIT @limit", db);
        command.Parameters.AddWithValue("limit", Math.Max(1, BatchSize));
        return await QueuedIds.ReadAsync(command, cancellationToken);
    }

    private static async Task<List<BatchPost>> ReadBatchAsync(NpgsqlConnection db, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, account_id, title, content FROM posts WHERE id = ANY(@ids) ORDER BY id FOR SHARE", db);
        command.Parameters.AddWithValue("ids", ids);
        var batch = new List<BatchPost>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new BatchPost(reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return batch;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
