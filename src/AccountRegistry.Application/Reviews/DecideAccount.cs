using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// A reviewer decides one flagged account: close it, merge it into a hub of its county, or retain it for a stated
/// reason. Close and merge open the owning unit's closure request in the same transaction
/// (<see cref="ReviewDecisionClosures"/>); its clerks' notifications commit with it.
/// </summary>
public static class DecideAccount
{
    public sealed record Command
    {
        public required int AccountId { get; init; }

        /// <summary>Close, Merge or Retain (a flag is dismissed with <see cref="DismissFlag"/>).</summary>
        public required DecisionKind Kind { get; init; }

        /// <summary>Merge: the hub picked; null takes the one the rules named.</summary>
        public int? MergeTargetAccountId { get; init; }

        /// <summary>Retain: required.</summary>
        public RetainReason? RetainReason { get; init; }

        /// <summary>Required when retaining for another reason; a note otherwise.</summary>
        public string? Reason { get; init; }

        /// <summary>The review version the reviewer saw (<see cref="ReviewCase.Case.ReviewVersion"/>); null when the account had never been decided.</summary>
        public uint? ExpectedVersion { get; init; }
    }

    /// <param name="ClosureRequestId">The closure request a close or merge opened (or the account's already open one); null otherwise.</param>
    public sealed record Outcome(long DecisionId, uint ReviewVersion, long? ClosureRequestId);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock, ClosureDeadlines deadlines)
    {
        public async Task<Outcome> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ReviewAccess.EnsureMayReview(scope);
            if (!command.Kind.SettlesAccount())
            {
                throw new ArgumentException("Dismiss a flag with DismissFlag.", nameof(command));
            }

            return await DecisionDesk.RunAsync(contexts, command.AccountId, db => DecideAsync(db, command, scope, cancellationToken), cancellationToken);
        }

        private async Task<Outcome> DecideAsync(RegistryDbContext db, Command command, UserScope scope, CancellationToken cancellationToken)
        {
            var target = await DecisionDesk.LoadTargetAsync(db, command.AccountId, scope, cancellationToken);
            var review = await db.AccountReviews.FirstOrDefaultAsync(r => r.AccountId == target.AccountId, cancellationToken);
            await DecisionDesk.EnsureUnchangedAsync(db, review, command.ExpectedVersion, target.AccountId, cancellationToken);
            var basis = await DecisionDesk.LoadBasisAsync(db, target, cancellationToken);
            var now = clock.GetUtcNow();

            var decision = command.Kind switch
            {
                DecisionKind.Close => ReviewDecision.Close(basis.Review, command.Reason, scope.UserName, now),
                DecisionKind.Merge => ReviewDecision.Merge(
                    basis.Review,
                    await DecisionDesk.ResolveHubAsync(db, target, command.MergeTargetAccountId, basis.RecommendedHub, cancellationToken),
                    command.Reason,
                    scope.UserName,
                    now),
                DecisionKind.Retain => ReviewDecision.Retain(
                    basis.Review,
                    command.RetainReason ?? throw new ReviewRefusedException(ReviewError.ReasonRequired, "Retaining an account needs a reason."),
                    command.Reason,
                    scope.UserName,
                    now),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command.Kind, null),
            };

            await DecisionDesk.ReleaseIfClosureWithdrawnAsync(db, review, cancellationToken);
            if (review?.ClosureUnderway == true)
            {
                // Checked before saving anything, so the refusal leaves no trace.
                throw new ReviewRefusedException(ReviewError.ClosureUnderway, $"{target.Name} is already decided ({review.StandingKind!.Value.ToCode()}); its closure request is underway.");
            }

            // The decision first (the review row points at it), then the review row in the same transaction.
            db.ReviewDecisions.Add(decision);
            await db.SaveChangesAsync(cancellationToken);
            if (review is null)
            {
                review = AccountReview.For(target.AccountId);
                db.AccountReviews.Add(review);
            }

            review.Record(decision);
            DecisionDesk.Audit(db, decision, target);
            var opened = decision.Kind.OpensClosure()
                ? await ReviewDecisionClosures.OpenAsync(db, decision, scope, deadlines, cancellationToken)
                : null;
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(decision.Id, review.Version, opened?.Request.Id);
        }
    }
}
