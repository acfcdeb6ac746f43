using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Notifications;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// The door for the review issue: a reviewer's close or merge decision opens the closure workflow for the owning
/// unit and notifies its clerks. Works in the caller's unit of work and transaction, so the decision and its request
/// commit together:
/// <code>
/// await using var tx = await db.Database.BeginTransactionAsync(ct);
/// … record the decision …
/// var opened = await ReviewDecisionClosures.OpenAsync(db, new(decision.Id, accountId, ClosureKind.Merge, hubId, ruleCodes, reason), reviewerScope, now, deadlines, ct);
/// await db.SaveChangesAsync(ct);
/// await tx.CommitAsync(ct);
/// await notifier.DispatchAsync(opened.Notifications, ct);   // extra channels, after the commit
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
    /// <param name="Notifications">The clerks' in-app notifications, for <c>Notifier.DispatchAsync</c> after the commit.</param>
    public sealed record Opened(ClosureRequest Request, bool Created, IReadOnlyList<Notification> Notifications);

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
            return new Opened(open, false, []);
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
        var notifications = await ClosureWorkflow.RecordStepsAsync(
            new ClosureChange(db, request, actor, reviewer, now, deadlines), request.Steps, cancellationToken);
        return new Opened(request, true, notifications);
    }
}
