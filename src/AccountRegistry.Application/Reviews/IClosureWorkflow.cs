using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The seam between a reviewer's close or merge decision and the closure-request workflow (关停申请, issue 7): the
/// decision opens a closure request for the unit that owns the account and tells that unit's clerk in the app.
/// The closure feature's door is <c>ReviewDecisionClosures.OpenAsync</c> (it needs the reviewer's scope and returns
/// the clerks' notifications to dispatch after the commit); an implementation of this interface calls it and is
/// registered in AddApplication. Until then <see cref="ClosureWorkflowNotInstalled"/> stands in.
/// </summary>
public interface IClosureWorkflow
{
    /// <summary>
    /// Called inside the decision's transaction, after the decision is saved (its id is set) and before the commit.
    /// The implementation adds (and may flush) the request and the clerk's in-app notification on <paramref name="db"/>
    /// but never commits: the decision, the request and the notification land together or not at all. Work that must
    /// wait for the commit (sending on other channels) goes into <see cref="ClosureOpening.AfterCommit"/>.
    /// </summary>
    Task<ClosureOpening> OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, UserScope reviewer, CancellationToken cancellationToken);
}

/// <param name="ClosureRequestId">The request opened (or the account's already open one); null when none was.</param>
/// <param name="AfterCommit">Run by the decision's handler once the transaction has committed.</param>
public sealed record ClosureOpening(long? ClosureRequestId, Func<CancellationToken, Task>? AfterCommit)
{
    public static ClosureOpening None { get; } = new(null, null);

    /// <summary>Runs the after-commit work of each opening, in order.</summary>
    internal static async Task RunAfterCommitAsync(IEnumerable<ClosureOpening> openings, CancellationToken cancellationToken)
    {
        foreach (var opening in openings)
        {
            if (opening.AfterCommit is { } work)
            {
                await work(cancellationToken);
            }
        }
    }
}

/// <summary>Stands in while the closure workflow is not part of the build: the decision is recorded, no request is opened.</summary>
public sealed class ClosureWorkflowNotInstalled(ILogger<ClosureWorkflowNotInstalled> logger) : IClosureWorkflow
{
    public Task<ClosureOpening> OpenFromReviewDecisionAsync(RegistryDbContext db, ReviewDecision decision, UserScope reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        logger.LogWarning(
            "Review decision {DecisionId} ({Kind}) on account {AccountId} recorded; no closure request opened: the closure workflow is not installed",
            decision.Id, decision.Kind.ToCode(), decision.AccountId);
        return Task.FromResult(ClosureOpening.None);
    }
}
