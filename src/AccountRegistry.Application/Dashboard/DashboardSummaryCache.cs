using System.Collections.Concurrent;
using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// Keeps each computed summary (per day and unit scope) until a write to a table it is computed from commits. Leaders
/// and county systems poll the same few days all day while the figures change a few times a day; recomputing them on
/// every request would cost the server dozens of milliseconds of CPU each time.
/// </summary>
/// <remarks>
/// A summary is computed in one REPEATABLE READ transaction and remembers that transaction's snapshot. Statement
/// triggers on every table the figures read append the writing transaction's id to dashboard_changes (migration
/// DashboardFigures). A kept summary is still right while no transaction in dashboard_changes is invisible to its
/// snapshot: one index probe, as cheap as the health check's query, and free of the race where a writer commits
/// between a version read and the figures' read. Writers never wait on each other for it: each adds its own row.
/// The probe runs at most once per <see cref="DashboardOptions.RecheckAfter"/> per kept summary.
/// </remarks>
public sealed class DashboardSummaryCache(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryConnection connection,
    IOptions<DashboardOptions> options,
    TimeProvider clock)
{
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<(DateOnly Day, string Prefix), Lazy<Task<Entry>>> entries = new();
    private long lastPrune;

    public DashboardFigures.Handler Figures { get; } = new(contexts, options);

    /// <summary>The figures as of <paramref name="asOf"/> for the scope, kept or freshly computed.</summary>
    public async Task<DashboardFigures.Summary> SummaryAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!options.Value.CacheFigures)
        {
            return (await Figures.ComputeAsync(asOf, scope, cancellationToken)).Summary;
        }

        var key = (asOf, scope.VisiblePathPrefix);
        if (entries.TryGetValue(key, out var kept))
        {
            var entry = await AwaitOrNullAsync(kept);
            var now = clock.GetUtcNow();
            if (entry is not null && now - entry.ComputedAt < options.Value.MaxCacheAge)
            {
                if (now - entry.VerifiedAt < options.Value.RecheckAfter)
                {
                    return entry.Summary;
                }

                if (!await ChangedSinceAsync(entry.Snapshot, cancellationToken))
                {
                    entry.VerifiedAt = now;
                    return entry.Summary;
                }
            }

            entries.TryRemove(new KeyValuePair<(DateOnly, string), Lazy<Task<Entry>>>(key, kept));
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        // Concurrent requests for the same figures share one computation.
        var computing = entries.GetOrAdd(key, _ => new Lazy<Task<Entry>>(() => ComputeAsync(asOf, scope)));
        try
        {
            return (await computing.Value.WaitAsync(cancellationToken)).Summary;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            entries.TryRemove(new KeyValuePair<(DateOnly, string), Lazy<Task<Entry>>>(key, computing));
            throw;
        }
    }

    private static async Task<Entry?> AwaitOrNullAsync(Lazy<Task<Entry>> kept)
    {
        try
        {
            return await kept.Value;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<Entry> ComputeAsync(DateOnly asOf, UserScope scope)
    {
        // Not the caller's token: the computation is shared, and one caller giving up must not fail the others.
        var (summary, snapshot) = await Figures.ComputeAsync(asOf, scope, CancellationToken.None);
        await PruneChangeLogAsync();
        var now = clock.GetUtcNow();
        return new Entry(summary, snapshot, now) { VerifiedAt = now };
    }

    private async Task<bool> ChangedSinceAsync(string snapshot, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (
                SELECT 1 FROM dashboard_changes
                WHERE txid >= pg_snapshot_xmin(@snapshot::pg_snapshot) AND NOT pg_visible_in_snapshot(txid, @snapshot::pg_snapshot))
            """,
            db);
        command.Parameters.AddWithValue("snapshot", snapshot);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Rows older than a day can no longer invalidate anything kept (a summary lives at most <see cref="DashboardOptions.MaxCacheAge"/>);
    /// dropped at most once an hour per instance.
    /// </summary>
    private async Task PruneChangeLogAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var last = Interlocked.Read(ref lastPrune);
        if (now - last < 3600 || Interlocked.CompareExchange(ref lastPrune, now, last) != last)
        {
            return;
        }

        await using var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM dashboard_changes WHERE noted_at < clock_timestamp() - interval '1 day'", db);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Entry(DashboardFigures.Summary Summary, string Snapshot, DateTimeOffset ComputedAt)
    {
        /// <summary>When the change log last said nothing changed (a torn read of this struct only costs an extra check).</summary>
        public DateTimeOffset VerifiedAt { get; set; }
    }
}
