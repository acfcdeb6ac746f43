using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// A manual finding's screenshot, to those who may see the finding: the reviewers and administrators whose scope holds
/// the round (as for every round use case), and, once the round is published, the clerks and leaders who see the
/// account's rectification task of that round (the finding is what the clerk is asked to put right). Anyone else gets "not found",
/// exactly like a finding that does not exist.
/// </summary>
public static class RoundFindingScreenshot
{
    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<StoredFile> DownloadAsync(long roundId, long findingId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var findings = db.InspectionRoundFindings.AsNoTracking().Where(f => f.Id == findingId && f.RoundId == roundId);
            if (scope.Meets(Policies.District))
            {
                await InspectionRounds.LoadAsync(db, roundId, scope, null, cancellationToken);
            }
            else
            {
                var published = db.InspectionRounds.Where(r => r.State == RoundState.Published).Select(r => r.Id);
                var tasks = Rectifications.VisibleTo(db, scope);
                findings = findings.Where(f => published.Contains(f.RoundId) && tasks.Any(t => t.RoundId == f.RoundId && t.AccountId == f.AccountId));
            }

            return await findings.Select(f => new StoredFile(f.FileName, f.ContentType, f.Content)).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Finding {findingId} of round {roundId} was not found.");
        }
    }
}
