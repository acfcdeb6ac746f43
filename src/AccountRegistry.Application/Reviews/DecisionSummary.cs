using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>One decision as people read it: what, by whom, when, why, on which evaluation.</summary>
public sealed record DecisionSummary(
    long Id,
    int AccountId,
    DecisionKind Kind,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    RetainReason? RetainReason,
    string? Reason,
    RuleCode? DismissedRule,
    IReadOnlyList<RuleCode> Rules,
    long? EvaluationId,
    Recommendation? Recommended,
    int? MergeTargetAccountId,
    string? MergeTargetName,
    Guid? BatchId)
{
    /// <summary>An account's decisions, newest first.</summary>
    internal static IQueryable<DecisionSummary> Of(RegistryDbContext db, int accountId) =>
        db.ReviewDecisions.AsNoTracking()
            .Where(d => d.AccountId == accountId)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id)
            .Select(d => new DecisionSummary(
                d.Id,
                d.AccountId,
                d.Kind,
                d.DecidedBy,
                d.DecidedAt,
                d.RetainReason,
                d.Reason,
                d.DismissedRule,
                d.Rules,
                d.EvaluationId,
                d.Recommended,
                d.MergeTargetAccountId,
                db.Accounts.Where(a => a.Id == d.MergeTargetAccountId).Select(a => a.Name).FirstOrDefault(),
                d.BatchId));

    internal static Task<DecisionSummary?> LatestAsync(RegistryDbContext db, int accountId, CancellationToken cancellationToken) =>
        Of(db, accountId).FirstOrDefaultAsync(cancellationToken);
}
