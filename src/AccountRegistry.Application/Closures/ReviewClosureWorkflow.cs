using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// Connects a reviewer's close or merge decision (审核决定) to the closure workflow: it opens a request for the owning
/// unit in the decision's own transaction and notifies the unit's clerks in the app.
/// </summary>
public sealed class ReviewClosureWorkflow(ClosureDeadlines deadlines, TimeProvider clock) : IClosureWorkflow
{
    public async Task OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, CancellationToken cancellationToken)
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
            return;
        }

        // The decision handler has already checked the reviewer's scope on this account; the request is opened in the
        // reviewer's name.
        var reviewer = new UserScope(decision.DecidedBy, new HashSet<string> { Roles.Reviewer, Roles.Admin }, null, null);
        await ReviewDecisionClosures.OpenAsync(
            db,
            new ReviewDecisionClosures.Decision(decision.Id, decision.AccountId, kind.Value, decision.MergeTargetAccountId, decision.Rules.Select(r => r.ToCode()).ToList(), decision.Reason),
            reviewer,
            clock.GetUtcNow(),
            deadlines,
            cancellationToken);
    }
}
