using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 发布: the round's results, and the county's wording of its 通报, are frozen from now on (the entity refuses every later change), and each failing account
/// becomes a rectification task (整改) for its unit, due N working days later, in the same transaction: the round is
/// saved first (its xmin check refuses a second publisher before any task is written), then the tasks are inserted
/// by one INSERT … SELECT from the round's stored results, then the audit of their creation.
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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            round.Publish(scope.UserName, now);
            round.ReportTemplate = await ReportTemplateEditor.ForRoundAsync(db, round, cancellationToken);
            await InspectionRounds.SaveAsync(db, round, scope, now, "inspection_round.published", new { inspection_id = round.InspectionId }, cancellationToken);
            await Rectifications.AddForPublishedRoundAsync(db, round, deadlines.Calendar, options.Value.RectificationWorkingDays, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return round.Version;
        }
    }
}
