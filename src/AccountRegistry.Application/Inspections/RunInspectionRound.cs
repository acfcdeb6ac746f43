using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 执行检查: the indicators for the round's check point, by <see cref="RunInspection"/> itself (one statement of the
/// indicators, not a copy); the round points to the stored inspection and reads its drawn accounts' verdicts from it.
/// </summary>
public static class RunInspectionRound
{
    public sealed record Command(long RoundId, uint ExpectedVersion);

    public sealed record Result(long InspectionId, uint Version);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, RunInspection.Handler inspect, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using (var check = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var before = await InspectionRounds.LoadAsync(check, command.RoundId, scope, command.ExpectedVersion, cancellationToken);
                before.EnsureEditable();
            }

            var asOf = await ReadAsOfAsync(command.RoundId, cancellationToken);
            var inspection = await inspect.HandleAsync(new RunInspection.Command(asOf, $"round:{command.RoundId}"), cancellationToken);

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, command.RoundId, scope, command.ExpectedVersion, cancellationToken);
            var now = clock.GetUtcNow();
            round.RecordRun(inspection.InspectionId, now);
            await InspectionRounds.SaveAsync(db, round, scope, now, "inspection_round.checked", new { inspection_id = inspection.InspectionId }, cancellationToken);
            return new Result(inspection.InspectionId, round.Version);
        }

        private async Task<DateOnly> ReadAsOfAsync(long roundId, CancellationToken cancellationToken)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.InspectionRounds.Where(r => r.Id == roundId).Select(r => r.AsOf).SingleAsync(cancellationToken);
        }
    }
}
