using AccountRegistry.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccountRegistry.Application.Content;

/// <summary>
/// Re-checks stored posts after a list changed: every post goes back into content_check_queue (one set-based
/// statement) and the background service drains the queue with the new lists, batch by batch, reporting progress.
/// Also drains what an interrupted run or a stopped server left queued, when the app starts.
/// </summary>
public sealed class ContentRecheck(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ContentRecheck> logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    private Status status = new(false, 0, 0, null);

    /// <param name="Running">A re-check is under way.</param>
    /// <param name="Total">Posts queued when it started (plus any queued meanwhile as they are seen).</param>
    /// <param name="Done">Posts checked so far.</param>
    public sealed record Status(bool Running, long Total, long Done, DateTimeOffset? FinishedAt)
    {
        public int Percent => Total <= 0 ? (Running ? 0 : 100) : (int)Math.Min(100, Done * 100 / Total);
    }

    public Status Current
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    /// <summary>Queues every stored post for the checks; returns how many were queued.</summary>
    public static async Task<long> QueueAllAsync(RegistryConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { CommandTimeout = 600 }.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO content_check_queue (post_id) SELECT id FROM posts ON CONFLICT DO NOTHING", db);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Asks the service to drain the queue now (after a list edit).</summary>
    public void Wake() => wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The queue keeps what was not done; the next wake-up (or restart) continues it.
                logger.LogError(ex, "Content re-check stopped; the queue keeps the posts not yet checked");
                SetStatus(Current with { Running = false });
            }

            try
            {
                await wake.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var inspector = scope.ServiceProvider.GetRequiredService<ContentInspector>();
        var pending = await inspector.CountPendingAsync(cancellationToken);
        if (pending == 0)
        {
            // Another run took the queue already; a page waiting for "done" after its edit still gets its answer.
            SetStatus(Current with { Running = false, FinishedAt = clock.GetUtcNow() });
            return;
        }

        SetStatus(new Status(true, pending, 0, null));
        var progress = new SynchronousProgress(done => SetStatus(Current with { Done = done, Total = Math.Max(Current.Total, done) }));
        var result = await inspector.RunAsync(progress, cancellationToken);
        SetStatus(new Status(false, Math.Max(pending, result.Posts), result.Posts, clock.GetUtcNow()));
    }

    private void SetStatus(Status value)
    {
        lock (gate)
        {
            status = value;
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    /// <summary>Progress&lt;T&gt; posts to a captured context; the status must be current when the run returns.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
