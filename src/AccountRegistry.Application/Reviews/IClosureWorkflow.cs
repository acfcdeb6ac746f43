using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The seam between a reviewer's close or merge decision and the closure-request workflow (关停申请, issue 7): the
/// decision opens a closure request for the unit that owns the account and tells that unit's clerk in the app.
/// The closure feature's door is <c>ReviewDecisionClosures.OpenAsync</c> (it needs the reviewer's scope and returns
/// the clerks' notifications to dispatch after the commit); <c>Closures.ReviewClosureWorkflow</c> implements this
/// interface and AddApplication registers it.
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
