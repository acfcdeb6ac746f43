using AccountRegistry.Application.Common;
using AccountRegistry.Application.Notifications;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// Connects a reviewer's close or merge decision (审核决定) to the closure workflow: it opens a request for the owning
/// unit in the decision's own transaction, in the reviewer's name and scope, and notifies the unit's clerks in the
/// app. Other channels are dispatched once the decision has committed.
/// </summary>
public sealed class ReviewClosureWorkflow(ClosureDeadlines deadlines, Notifier notifier) : IClosureWorkflow
{
    public async Task<ClosureOpening> OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, UserScope reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var kind = decision.Kind switch
        {
            DecisionKind.Close => ClosureKind.Close,
            DecisionKind.Merge => ClosureKind.Merge,
            DecisionKind.Retain or DecisionKind.DismissFlag => (ClosureKind?)null,
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown decision kind."),
        };
        if (kind is null)
        {
            return ClosureOpening.None;
        }

        var opened = await ReviewDecisionClosures.OpenAsync(
            db,
            new ReviewDecisionClosures.Decision(decision.Id, decision.AccountId, kind.Value, decision.MergeTargetAccountId, decision.Rules.Select(r => r.ToCode()).ToList(), decision.Reason),
            reviewer,
            decision.DecidedAt,
            deadlines,
            cancellationToken);
        var notifications = opened.Notifications;
        return new ClosureOpening(opened.Request.Id, notifications.Count == 0 ? null : ct => notifier.DispatchAsync(notifications, ct));
    }
}
