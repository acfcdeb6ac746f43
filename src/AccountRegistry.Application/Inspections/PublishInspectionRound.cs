using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 发布: the round's results are frozen from now on (the entity refuses every later change), and each failing account
/// becomes a rectification task (整改) for its unit, due N working days later, in the same save.
/// </summary>
public static class PublishInspectionRound
{
    public sealed record Command(long RoundId, uint ExpectedVersion);

    public sealed class Handler(
        IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock, ClosureDeadlines deadlines, Microsoft.Extensions.Options.IOptions<ClosureOptions> options)
    {
        public async Task<uint> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, command.RoundId, scope, command.ExpectedVersion, cancellationToken);
            var now = clock.GetUtcNow();
            round.Publish(scope.UserName, now);
            await Rectifications.AddForPublishedRoundAsync(db, round, deadlines.Calendar, options.Value.RectificationWorkingDays, now, cancellationToken);
            await InspectionRounds.SaveAsync(db, round, scope, now, "inspection_round.published", new { inspection_id = round.InspectionId }, cancellationToken);
            return round.Version;
        }
    }
}
