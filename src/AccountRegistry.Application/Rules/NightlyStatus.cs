using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Rules;

/// <summary>评估记录's schedule line: when the nightly evaluation runs next, and whether the last nightly attempt succeeded.</summary>
public static class NightlyStatus
{
    /// <summary>The audit action of a nightly run that failed (the run stores nothing, so the audit line is its trace).</summary>
    public const string FailedAction = "evaluation.nightly.failed";

    /// <param name="NextDue">When the next nightly run is due; null when this instance does not schedule it.</param>
    /// <param name="LastRunAt">When the last stored nightly evaluation started.</param>
    /// <param name="LastFailureAt">When the last nightly attempt failed.</param>
    public sealed record Result(bool Enabled, DateTimeOffset? NextDue, DateTimeOffset? LastRunAt, DateOnly? LastRunAsOf, DateTimeOffset? LastFailureAt)
    {
        /// <summary>The last attempt failed: no nightly evaluation was stored after the failure.</summary>
        public bool LastFailed => LastFailureAt is { } failed && (LastRunAt is null || failed > LastRunAt);
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, IOptionsMonitor<RulesOptions> options, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken = default)
        {
            var settings = options.CurrentValue;
            DateTimeOffset? next = settings.Enabled && RulesOptions.TryParseTime(settings.NightlyAt, out var at)
                ? NightlySchedule.NextRun(clock.GetUtcNow(), at)
                : null;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var last = await db.Evaluations.AsNoTracking()
                .Where(e => e.TriggeredBy == Evaluation.Nightly)
                .OrderByDescending(e => e.StartedAt)
                .Select(e => new { e.StartedAt, e.AsOf })
                .FirstOrDefaultAsync(cancellationToken);
            var failed = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == FailedAction)
                .OrderByDescending(a => a.At)
                .Select(a => (DateTimeOffset?)a.At)
                .FirstOrDefaultAsync(cancellationToken);
            return new Result(settings.Enabled, next, last?.StartedAt, last?.AsOf, failed);
        }
    }
}
