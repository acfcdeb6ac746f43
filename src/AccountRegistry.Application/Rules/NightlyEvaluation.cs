using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Rules;

/// <summary>Configuration section "Rules".</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>Whether this instance schedules the nightly evaluation at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time of day in Asia/Shanghai, "HH:mm".</summary>
    public string NightlyAt { get; set; } = "02:00";

    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

/// <summary>When the nightly run is due, in Shanghai time (UTC+8, no daylight saving).</summary>
public static class NightlySchedule
{
    /// <summary>The first wait after a failed night; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>The first instant strictly after <paramref name="now"/> whose Shanghai time of day is <paramref name="at"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = now.ToOffset(ShanghaiCalendar.Offset);
        var candidate = new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).ToDateTime(at), ShanghaiCalendar.Offset);
        return candidate > now ? candidate : candidate.AddDays(1);
    }

    /// <summary>The latest instant at or before <paramref name="now"/> whose Shanghai time of day is <paramref name="at"/>: the night a starting instance makes sure of.</summary>
    public static DateTimeOffset LastRun(DateTimeOffset now, TimeOnly at) => NextRun(now, at).AddDays(-1);

    /// <summary>
    /// When to try a failed night again: <paramref name="failures"/> doublings of <see cref="FirstRetryAfter"/> after
    /// <paramref name="now"/>, or null when that is not before the next night (which then runs as usual).
    /// </summary>
    public static DateTimeOffset? Retry(DateTimeOffset now, TimeOnly at, int failures)
    {
        var wait = FirstRetryAfter * Math.Pow(2, Math.Min(Math.Max(failures - 1, 0), 16));
        var retry = now + wait;
        return retry < NextRun(now, at) ? retry : null;
    }
}

/// <summary>
/// Runs the evaluation every night at Rules:NightlyAt (Shanghai time) as of that day. Every app instance schedules
/// it; the advisory lock lets one evaluate while the others skip, and a run finding the night's evaluation already
/// stored skips too, so instances whose clocks differ a little still evaluate once. The registry must not lose a day
/// because nothing ran at that time: a starting instance first makes sure of the latest night (evaluates it unless it
/// is stored), and a failed night is tried again after 5, 10, 20 … minutes until the next night takes over.
/// </summary>
public sealed class NightlyEvaluation(
    IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<RulesOptions> options, ILogger<NightlyEvaluation> logger)
    : BackgroundService
{
    /// <summary>When the armed timer fires next (null until armed): for the status page and for tests that drive a fake clock.</summary>
    public DateTimeOffset? NextDue { get; private set; }

    /// <summary>One nightly attempt as of <paramref name="asOf"/>: evaluates, or skips when another instance is at it or was.</summary>
    public async Task<RunEvaluation.Result> RunOnceAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>();
        return await handler.HandleAsync(
            new RunEvaluation.Command(asOf, Evaluation.Nightly) { Lock = RunEvaluation.LockMode.SkipIfBusy, OncePerDay = true },
            cancellationToken);
    }

    private async Task RecordFailureAsync(DateTimeOffset due, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(cancellationToken);
            AuditLog.Append(db, clock.GetUtcNow(), Evaluation.Nightly, NightlyStatus.FailedAction, "evaluation", summary:
                string.Create(CultureInfo.InvariantCulture, $"nightly evaluation as of {ShanghaiCalendar.DayOf(due):yyyy-MM-dd} failed: {failure.GetType().Name}"),
                details: new { as_of = ShanghaiCalendar.DayOf(due), error = failure.Message });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be what failed; the log line above is then the only trace.
            logger.LogWarning(ex, "Could not record the failed nightly evaluation");
        }
    }

    private TimeOnly NightlyAt() => RulesOptions.TryParseTime(options.CurrentValue.NightlyAt, out var parsed) ? parsed : new TimeOnly(2, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.LogInformation("Nightly evaluation disabled (Rules:Enabled = false)");
            return;
        }

        // The night to evaluate (its slot) and when; at start, the latest night, at once.
        var at = NightlyAt();
        var night = NightlySchedule.LastRun(clock.GetUtcNow(), at);
        DateTimeOffset? runAt = clock.GetUtcNow();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (runAt is null)
            {
                at = NightlyAt();
                night = NightlySchedule.NextRun(now, at);
                runAt = night;
                logger.LogInformation("Next nightly evaluation at {Due}", LogFormat.Moment(night));
            }

            try
            {
                var wait = Task.Delay(runAt.Value > now ? runAt.Value - now : TimeSpan.Zero, clock, stoppingToken);
                NextDue = runAt > now ? runAt : null;
                await wait;
                NextDue = null;
                var result = await RunOnceAsync(ShanghaiCalendar.DayOf(night), stoppingToken);
                logger.LogInformation("Nightly evaluation as of {AsOf}: {Outcome}, {Accounts} accounts", LogFormat.Day(result.AsOf), result.Outcome, result.AccountCount);
                failures = 0;
                runAt = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed night must not stop the next one, nor cost the registry a day: logged, recorded for
                // 评估记录, and tried again after a growing pause while that is before the next night.
                NextDue = null;
                failures++;
                runAt = NightlySchedule.Retry(clock.GetUtcNow(), at, failures);
                logger.LogError(ex, "Nightly evaluation as of {AsOf} failed; next attempt {Retry}", LogFormat.Day(ShanghaiCalendar.DayOf(night)), runAt is { } retry ? LogFormat.Moment(retry) : "at the next nightly time");
                await RecordFailureAsync(night, ex, stoppingToken);
            }
        }
    }
}
