using AccountRegistry.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccountRegistry.Application.Imports;

/// <summary>Configuration section "FollowUp": the background worker that drains the post-import queues.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>Whether this instance runs the worker. Another instance or `registry import` still drains the queues.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle worker looks at the queues for work that another instance's import queued.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <summary>Wakes this process's follow-up worker at once after an import committed posts (other instances poll).</summary>
public sealed class FollowUpSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Nudge()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged: one wake-up drains everything queued so far.
        }
    }

    /// <summary>Waits for a nudge or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// The work that follows every import of posts: near-duplicate fingerprints and content checks. Each listener drains
/// its own queue table (filled by triggers on posts) in batches that commit together with their queue entries, so a
/// crash mid-batch loses nothing and a second drainer only interleaves batch by batch.
/// </summary>
public sealed class FollowUpWork(IEnumerable<IPostImportListener> listeners, RegistryConnection connection, ILogger<FollowUpWork> logger)
{
    /// <summary>What still waits, per queue.</summary>
    public sealed record Backlog(long Fingerprints, long ContentChecks)
    {
        public long Total => Fingerprints + ContentChecks;
    }

    /// <summary>Counts both queues in one round trip (they hold post ids only; counting 200,000 entries takes milliseconds).</summary>
    public async Task<Backlog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM post_fingerprint_queue), (SELECT count(*) FROM content_check_queue)", db);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Backlog(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Runs every listener until its queue is empty. A failing listener does not stop the others: its posts stay
    /// queued for the next drain, and the failure comes back as a message for the operator.
    /// </summary>
    public async Task<IReadOnlyList<string>> DrainAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var listener in listeners)
        {
            try
            {
                await listener.PostsImportedAsync(progress, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Follow-up work {Listener} failed; its queue keeps the posts not yet done", listener.GetType().Name);
                problems.Add($"{listener.GetType().Name} failed; the posts stay queued for the next run: {ex.Message}");
            }
        }

        return problems;
    }
}
