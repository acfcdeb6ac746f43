using AccountRegistry.Domain.Reviews;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The seam between a reviewer's close or merge decision and the closure-request workflow (关停申请, issue 7): the
/// decision opens a closure request for the unit that owns the account and tells that unit's clerk in the app.
/// The closure feature implements this (with <c>ClosureRequest.OpenFromReviewDecision</c> and its notifications) and
/// registers it in AddApplication; until then <see cref="ClosureWorkflowNotInstalled"/> stands in.
/// </summary>
public interface IClosureWorkflow
{
    /// <summary>
    /// Called inside the decision's transaction, after the decision is saved (its id is set) and before the commit.
    /// Add the request and the clerk's notification to <paramref name="db"/> without saving or committing: the caller
    /// saves once, so the decision, the request and the notification land together or not at all.
    /// </summary>
    Task OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, CancellationToken cancellationToken);
}

/// <summary>Stands in while the closure workflow is not part of the build: the decision is recorded, no request is opened.</summary>
public sealed class ClosureWorkflowNotInstalled(ILogger<ClosureWorkflowNotInstalled> logger) : IClosureWorkflow
{
    public Task OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        logger.LogWarning(
            "Review decision {DecisionId} ({Kind}) on account {AccountId} recorded; no closure request opened: the closure workflow is not installed",
            decision.Id, decision.Kind.ToCode(), decision.AccountId);
        return Task.CompletedTask;
    }
}
