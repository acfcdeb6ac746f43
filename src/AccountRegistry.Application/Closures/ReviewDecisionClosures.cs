using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// How a reviewer's close or merge decision (审核决定) opens the closure workflow for the owning unit and notifies its
/// clerks in the app. Works in the caller's unit of work and transaction, so the decision, its request and the
/// clerks' notifications commit together or not at all:
/// <code>
/// await using var tx = await db.Database.BeginTransactionAsync(ct);
/// … record the decision (saved, so it has its id) …
/// var opened = await ReviewDecisionClosures.OpenAsync(db, decision, reviewerScope, deadlines, ct);
/// await db.SaveChangesAsync(ct);
/// await tx.CommitAsync(ct);
/// </code>
/// </summary>
public static class ReviewDecisionClosures
{
    /// <param name="ReviewDecisionId">The decision's id, kept on the request.</param>
    /// <param name="AccountId">The account decided on.</param>
    /// <param name="Kind">Close or merge.</param>
    /// <param name="MergeTargetAccountId">The hub, for a merge.</param>
    /// <param name="RuleCodes">The rules behind the decision (spec codes); they become the request's reasons.</param>
    /// <param name="Note">The reviewer's reason, shown to the clerk.</param>
    public sealed record Decision(long ReviewDecisionId, int AccountId, ClosureKind Kind, int? MergeTargetAccountId, IReadOnlyList<string> RuleCodes, string? Note);

    /// <param name="Request">The new request, or the account's already open one.</param>
    /// <param name="Created">False when the account already had an open request (it is returned untouched).</param>
    public sealed record Opened(ClosureRequest Request, bool Created);

    /// <summary>
    /// Opens the request a close or merge decision asks for, in the reviewer's name, dated when the decision was taken;
    /// null for a decision that closes nothing (retain, dismiss).
    /// </summary>
    public static async Task<Opened?> OpenAsync(
        RegistryDbContext db, ReviewDecision decision, UserScope reviewer, ClosureDeadlines deadlines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ClosureKind? kind = decision.Kind switch
        {
            DecisionKind.Close => ClosureKind.Close,
            DecisionKind.Merge => ClosureKind.Merge,
            DecisionKind.Retain or DecisionKind.DismissFlag => null,
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown decision kind."),
        };
        if (kind is null)
        {
            return null;
        }

        return await OpenAsync(
            db,
            new Decision(decision.Id, decision.AccountId, kind.Value, decision.MergeTargetAccountId, decision.Rules.Select(r => r.ToCode()).ToList(), decision.Reason),
            reviewer,
            decision.DecidedAt,
            deadlines,
            cancellationToken);
    }

    /// <summary>
    /// Opens the request (state Draft, origin review decision) and saves it (a flush inside the caller's transaction:
    /// the audit row needs the request's id). The reviewer must see the account; a merge target must be a live hub of its
    /// county.
    /// </summary>
    public static async Task<Opened> OpenAsync(
        RegistryDbContext db, Decision decision, UserScope reviewer, DateTimeOffset now, ClosureDeadlines deadlines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(reviewer);
        var account = await db.Accounts.VisibleTo(reviewer).Include(a => a.Unit)
            .FirstOrDefaultAsync(a => a.Id == decision.AccountId, cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Account {decision.AccountId} was not found.");
        var open = await db.ClosureRequests
            .FirstOrDefaultAsync(r => r.AccountId == account.Id && r.State != ClosureState.Completed && r.State != ClosureState.Withdrawn, cancellationToken);
        if (open is not null)
        {
            return new Opened(open, false);
        }

        if (decision.Kind == ClosureKind.Merge)
        {
            await FileClosureRequest.Handler.EnsureCountyHubAsync(db, account.UnitId, decision.MergeTargetAccountId, cancellationToken);
        }

        var actor = ClosureScope.ActorOf(reviewer);
        var reasons = decision.RuleCodes.Select(ClosureReasons.FromRuleCode).OfType<ClosureReason>().ToList();
        var request = ClosureRequest.OpenFromReviewDecision(
            decision.ReviewDecisionId, actor, account, decision.Kind, decision.MergeTargetAccountId, reasons, decision.Note, now, deadlines);
        db.ClosureRequests.Add(request);
        await ClosureWorkflow.SaveAsync(db, cancellationToken);
        await ClosureWorkflow.RecordStepsAsync(new ClosureChange(db, request, actor, reviewer, now, deadlines), request.Steps, cancellationToken);
        return new Opened(request, true);
    }
}
