using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>Takes back a manual finding recorded in error, before the round is published (audited with what it said).</summary>
public static class RemoveRoundFinding
{
    public sealed record Command(long RoundId, uint ExpectedVersion, long FindingId, string Reason);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<uint> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, command.RoundId, scope, command.ExpectedVersion, cancellationToken);
            round.EnsureEditable();
            if (string.IsNullOrWhiteSpace(command.Reason))
            {
                throw new RoundException(RoundError.NoteRequired, "Say why the finding is taken back.");
            }

            var finding = await db.InspectionRoundFindings.FirstOrDefaultAsync(f => f.Id == command.FindingId && f.RoundId == round.Id, cancellationToken)
                ?? throw new RoundException(RoundError.NotFound, $"Finding {command.FindingId} is not in round {round.Id}.");
            db.InspectionRoundFindings.Remove(finding);

            // The round's row changes too, so that its xmin moves and a concurrent publish conflicts.
            db.Entry(round).Property(r => r.Title).IsModified = true;
            var now = clock.GetUtcNow();
            await InspectionRounds.SaveAsync(db, round, scope, now, "inspection_round.finding_removed", new
            {
                finding_id = finding.Id,
                account_id = finding.AccountId,
                kind = finding.Kind.ToCode(),
                item = finding.Item.ToCode(),
                points = finding.Points,
                note = finding.Note,
                file = finding.FileName,
                reason = command.Reason.Trim(),
            }, cancellationToken);
            return round.Version;
        }
    }
}
