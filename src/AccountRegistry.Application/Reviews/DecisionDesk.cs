using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Reviews;

/// <summary>What every decision does the same way: find the account in scope, read what the reviewer was shown, guard the review version, write history, save or report the conflict.</summary>
internal static class DecisionDesk
{
    public sealed record Target(int AccountId, string Name, Platform Platform, string PlatformAccountId, int UnitId, AccountStatus Status);

    /// <summary>The basis of a decision and, for a merge, the hub the rules named.</summary>
    public sealed record Basis(ReviewBasis Review, int? RecommendedHub, IReadOnlyList<(long Id, RuleCode Rule)> OpenFlags);

    public static async Task<Target> LoadTargetAsync(RegistryDbContext db, int accountId, UserScope scope, CancellationToken cancellationToken)
    {
        var target = await db.Accounts.AsNoTracking().VisibleTo(scope)
            .Where(a => a.Id == accountId)
            .Select(a => new Target(a.Id, a.Name, a.Platform, a.PlatformAccountId, a.UnitId, a.Status))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
        if (target.Status != AccountStatus.Active)
        {
            throw new ReviewRefusedException(ReviewError.AccountNotOpen, $"Account {target.Name} is already {target.Status.ToCode()}: there is nothing left to decide.");
        }

        return target;
    }

    public static async Task<Basis> LoadBasisAsync(RegistryDbContext db, Target target, CancellationToken cancellationToken)
    {
        var open = await db.Flags.AsNoTracking()
            .Where(f => f.AccountId == target.AccountId && f.Status == FlagStatus.Open)
            .Select(f => new { f.Id, f.Rule, f.LastSeenEvaluationId })
            .ToListAsync(cancellationToken);
        long? evaluationId = open.Count == 0 ? null : open.Max(f => f.LastSeenEvaluationId);
        var result = evaluationId is null
            ? null
            : await db.EvaluationResults.AsNoTracking()
                .Where(r => r.EvaluationId == evaluationId && r.AccountId == target.AccountId)
                .Select(r => new { r.Recommendation, r.MergeTargetAccountId })
                .FirstOrDefaultAsync(cancellationToken);
        return new Basis(
            new ReviewBasis(target.AccountId, target.UnitId, open.Select(f => f.Rule).ToList(), evaluationId, result?.Recommendation),
            result?.MergeTargetAccountId,
            open.Select(f => (f.Id, f.Rule)).ToList());
    }

    /// <summary>The reviewer decided on the version they saw; anything newer is someone else's decision they have not seen.</summary>
    public static async Task EnsureUnchangedAsync(RegistryDbContext db, AccountReview? review, uint? expectedVersion, int accountId, CancellationToken cancellationToken)
    {
        if (review?.Version != expectedVersion)
        {
            throw new ReviewConflictException(
                "The account was decided by someone else after you opened it; nothing was saved.",
                await DecisionSummary.LatestAsync(db, accountId, cancellationToken));
        }
    }

    /// <summary>
    /// A close or merge decision stands while its closure request does; once that request was withdrawn, the account
    /// waits for a reviewer again and the standing decision is released.
    /// </summary>
    public static async Task ReleaseIfClosureWithdrawnAsync(RegistryDbContext db, AccountReview? review, CancellationToken cancellationToken)
    {
        if (review is { ClosureUnderway: true, StandingDecisionId: { } standing }
            && await db.ClosureRequests.AnyAsync(r => r.ReviewDecisionId == standing && r.State == Domain.Closures.ClosureState.Withdrawn, cancellationToken))
        {
            review.ReturnToQueue();
        }
    }

    /// <summary>The hub a merge goes into: the reviewer's pick or the rules' target, either way a live hub of the account's county.</summary>
    public static async Task<int> ResolveHubAsync(RegistryDbContext db, Target target, int? picked, int? recommended, CancellationToken cancellationToken)
    {
        var hubs = await CountyHubs.OfCountyAsync(db, await CountyHubs.CountyOfUnitAsync(db, target.UnitId, cancellationToken), cancellationToken);
        if (picked is { } hub)
        {
            return hubs.Any(h => h.AccountId == hub)
                ? hub
                : throw new ReviewRefusedException(ReviewError.HubNotInCounty, $"Account {hub} is not a live hub of {target.Name}'s county.");
        }

        return recommended is { } named && hubs.Any(h => h.AccountId == named)
            ? named
            : throw new ReviewRefusedException(ReviewError.NoHub, $"The rules name no live hub for {target.Name}: pick the hub to merge into.");
    }

    /// <summary>Adds the decision's history line to the unit of work.</summary>
    public static void Audit(RegistryDbContext db, ReviewDecision decision, Target target)
    {
        var action = decision.Kind switch
        {
            DecisionKind.Close => "review.close",
            DecisionKind.Merge => "review.merge",
            DecisionKind.Retain => "review.retain",
            DecisionKind.DismissFlag => "flag.dismissed",
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, null),
        };
        AuditLog.Append(
            db,
            decision.DecidedAt,
            decision.DecidedBy,
            action,
            "account",
            target.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            target.UnitId,
            $"{target.Name} ({target.Platform.ToCode()} {target.PlatformAccountId})" + (decision.Reason is null ? string.Empty : ": " + decision.Reason),
            new
            {
                decision_id = decision.Id,
                kind = decision.Kind.ToCode(),
                rules = decision.Rules.Select(r => r.ToCode()).ToArray(),
                evaluation_id = decision.EvaluationId,
                recommended = decision.Recommended?.ToCode(),
                merge_target_account_id = decision.MergeTargetAccountId,
                retain_reason = decision.RetainReason?.ToCode(),
                dismissed_rule = decision.DismissedRule?.ToCode(),
                flag_id = decision.FlagId,
                reason = decision.Reason,
                batch_id = decision.BatchId,
            });
    }

    /// <summary>
    /// Runs a decision in one transaction on a fresh context (the work saves; this commits). A concurrent decision
    /// on one of the accounts, caught by a row version or the account_reviews key at any save, becomes a
    /// <see cref="ReviewConflictException"/> carrying what was decided (for one account), and nothing is kept.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        IDbContextFactory<RegistryDbContext> contexts,
        int? accountId,
        Func<RegistryDbContext, Task<T>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work(db);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var latest = accountId is { } id ? await DecisionSummary.LatestAsync(fresh, id, cancellationToken) : null;
            throw new ReviewConflictException(
                accountId is null
                    ? "Some of the accounts were decided by someone else at the same moment; nothing was saved."
                    : "The account was decided by someone else at the same moment; nothing was saved.",
                latest);
        }
    }

    /// <summary>
    /// A row version that moved (account_reviews or flags xmin), or a second first decision on one account (the
    /// account_reviews key).
    /// </summary>
    private static bool IsConflict(Exception ex) =>
        ex is DbUpdateConcurrencyException
        || (ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg }
            && pg.TableName == "account_reviews");
}
