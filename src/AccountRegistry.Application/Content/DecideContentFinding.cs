using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Content;

/// <summary>
/// A reviewer confirms a content finding or calls it a false alarm, with a reason; who, when and why are kept on the
/// finding and in the audit trail. A finding someone else decided meanwhile is not decided again.
/// </summary>
public static class DecideContentFinding
{
    public enum Verdict
    {
        Confirm,
        FalseAlarm,
    }

    /// <summary>Who decides findings: the district (reviewers and administrators), as the content pages show it.</summary>
    public static bool MayDecide(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Meets(Policies.District);
    }

    public sealed record Command(long FindingId, Verdict Verdict, string? Note, uint ExpectedVersion);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task DecideAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!MayDecide(scope))
            {
                throw new NotFoundOrForbiddenException("Only reviewers decide on content findings.");
            }

            if (command.Verdict == Verdict.FalseAlarm && string.IsNullOrWhiteSpace(command.Note))
            {
                throw new ContentTermInvalidException([new(null, "note", "a false alarm needs a reason")]);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var accounts = db.Accounts.VisibleTo(scope);
            var finding = await db.ContentFindings
                .Where(f => f.Id == command.FindingId && accounts.Any(a => a.Id == f.AccountId))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Content finding {command.FindingId} was not found.");
            if (finding.Version != command.ExpectedVersion || finding.Status != ContentFindingStatus.Open)
            {
                throw new ContentTermConflictException("Someone else decided on this finding meanwhile.");
            }

            var now = clock.GetUtcNow();
            if (command.Verdict == Verdict.Confirm)
            {
                finding.Confirm(scope.UserName, command.Note, now);
            }
            else
            {
                finding.MarkFalseAlarm(scope.UserName, command.Note, now);
            }

            var unitId = await db.Accounts.Where(a => a.Id == finding.AccountId).Select(a => a.UnitId).SingleAsync(cancellationToken);
            AuditLog.Append(db, now, scope.UserName, "content_finding." + finding.Status.ToCode(), "content_finding", finding.Id.ToString(CultureInfo.InvariantCulture), unitId,
                summary: $"{finding.Check.ToCode()} {finding.MatchedText}: {finding.Status.ToCode()}",
                details: new { post_id = finding.PostId, account_id = finding.AccountId, check = finding.Check.ToCode(), finding.Detail, note = finding.DecisionNote });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new ContentTermConflictException("Someone else decided on this finding meanwhile.", ex);
            }
        }
    }
}
