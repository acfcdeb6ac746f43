using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// A reviewer judges one open flag unfounded, with a reason. The flag goes dismissed (<see cref="Flag.Dismiss"/>:
/// it stays so for the county's dismissal period unless its evidence gets worse); the account's other flags still
/// wait for a decision.
/// </summary>
public static class DismissFlag
{
    public sealed record Command
    {
        public required int AccountId { get; init; }

        public required long FlagId { get; init; }

        public required string Reason { get; init; }

        /// <summary>The review version the reviewer saw; null when the account had never been decided.</summary>
        public uint? ExpectedVersion { get; init; }
    }

    public sealed record Outcome(long DecisionId, uint ReviewVersion);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ReviewAccess.EnsureMayReview(scope);
            return await DecisionDesk.RunAsync(contexts, command.AccountId, db => DismissAsync(db, command, scope, cancellationToken), cancellationToken);
        }

        private async Task<Outcome> DismissAsync(RegistryDbContext db, Command command, UserScope scope, CancellationToken cancellationToken)
        {
            var target = await DecisionDesk.LoadTargetAsync(db, command.AccountId, scope, cancellationToken);
            var review = await db.AccountReviews.FirstOrDefaultAsync(r => r.AccountId == target.AccountId, cancellationToken);
            await DecisionDesk.EnsureUnchangedAsync(db, review, command.ExpectedVersion, target.AccountId, cancellationToken);

            // Tracked with its xmin: a nightly evaluation moving the flag meanwhile makes the save fail instead of one
            // of the two changes vanishing.
            var flag = await db.Flags.FirstOrDefaultAsync(f => f.Id == command.FlagId && f.AccountId == target.AccountId, cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Flag {command.FlagId} was not found on account {target.AccountId}.");
            var basis = await DecisionDesk.LoadBasisAsync(db, target, cancellationToken);
            var now = clock.GetUtcNow();
            var decision = ReviewDecision.Dismissal(basis.Review, flag.Id, flag.Rule, command.Reason, scope.UserName, now);
            flag.Dismiss(scope.UserName, command.Reason, now);

            db.ReviewDecisions.Add(decision);
            await db.SaveChangesAsync(cancellationToken);
            if (review is null)
            {
                review = AccountReview.For(target.AccountId);
                db.AccountReviews.Add(review);
            }

            review.Record(decision);
            DecisionDesk.Audit(db, decision, target);
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(decision.Id, review.Version);
        }
    }
}
