using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Imports;

/// <summary>
/// Drains the follow-up queues (fingerprints, content checks) in the background, so that an import or a collector
/// batch answers as soon as its posts are committed. The queues are tables, so the work survives restarts; a session
/// advisory lock lets one instance drain while the others wait their turn; each batch commits with its queue entries,
/// so a crash mid-batch loses nothing (the batch is simply done again).
/// </summary>
public sealed class FollowUpWorker(
    IServiceScopeFactory scopes,
    RegistryConnection connection,
    FollowUpSignal signal,
    IOptionsMonitor<FollowUpOptions> options,
    ILogger<FollowUpWorker> logger) : BackgroundService
{
    /// <summary>After a failure, wait this long before the next attempt (the database may be restarting).</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.LogInformation("Follow-up worker disabled (FollowUp:Enabled = false); imports leave their fingerprints and content checks queued");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds));
            try
            {
                if (await DrainOnceAsync(stoppingToken) > 0)
                {
                    pause = Backoff;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Follow-up worker failed; the queues keep the posts not yet done");
                pause = Backoff;
            }

            try
            {
                await signal.WaitAsync(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One turn: if no other instance is draining, drain every queue until empty. Returns the failures (logged).</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<FollowUpWork>();
        if ((await work.BacklogAsync(cancellationToken)).Total == 0)
        {
            return 0;
        }

        await using var held = await SessionAdvisoryLock.TryAcquireAsync(connection.ConnectionString, SessionAdvisoryLock.FollowUpKey, cancellationToken);
        if (held is null)
        {
            return 0; // another instance is draining (`registry import` drains without this lock: the listeners' transaction locks keep its batches apart)
        }

        return (await work.DrainAsync(null, cancellationToken)).Count;
    }
}
