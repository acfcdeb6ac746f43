using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// One decision for every waiting account of a filter (or the ticked rows of it). The server re-applies the filter
/// and the reviewer's scope itself: account ids from the page can only narrow the selection, never add to it. The
/// reviewer confirmed a count; when the selection no longer has that count, nothing is decided and the new count is
/// reported. All or nothing.
/// </summary>
public static class BulkDecide
{
    /// <summary>A bulk decision is a shortcut for clear cases; a selection this large is better narrowed first.</summary>
    public const int MaxAccounts = 1000;

    public sealed record Command
    {
        public required ReviewQueue.Filter Filter { get; init; }

        /// <summary>The rows ticked on the page; null for the whole filter.</summary>
        public IReadOnlyList<int>? AccountIds { get; init; }

        /// <summary>Close, Merge or Retain.</summary>
        public required DecisionKind Kind { get; init; }

        /// <summary>Merge: one hub for all (it must be a hub of every account's county); null takes each account's recommended hub.</summary>
        public int? MergeTargetAccountId { get; init; }

        public RetainReason? RetainReason { get; init; }

        public string? Reason { get; init; }

        /// <summary>The count the confirmation dialog showed.</summary>
        public required int ConfirmedCount { get; init; }
    }

    public sealed record Outcome(Guid BatchId, int Decided);

    private sealed record Selected(
        int AccountId,
        string Name,
        string Platform,
        string PlatformAccountId,
        int UnitId,
        string[] Rules,
        long EvaluationId,
        string? Recommendation,
        int? RecommendedHub,
        int? CountyId,
        long? LatestDecisionId);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock, ClosureDeadlines deadlines)
    {
        public async Task<Outcome> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(command.Filter);
            ReviewAccess.EnsureMayReview(scope);
            if (!command.Kind.SettlesAccount())
            {
                throw new ReviewRefusedException(ReviewError.BulkDismissNotAllowed, "Flags are dismissed one by one, with their own reason.");
            }

            if (command.Kind == DecisionKind.Retain && command.RetainReason is null)
            {
                throw new ReviewRefusedException(ReviewError.ReasonRequired, "Retaining accounts needs a reason.");
            }

            return await DecisionDesk.RunAsync(contexts, null, db => DecideAllAsync(db, command, scope, cancellationToken), cancellationToken);
        }

        private async Task<Outcome> DecideAllAsync(RegistryDbContext db, Command command, UserScope scope, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();

            // Only waiting accounts: a bulk action never overrides a decision someone already made.
            var sql = await QueueSql.BuildAsync(db, command.Filter with { State = ReviewQueue.State.Pending }, scope, now, cancellationToken);
            var onlyIds = command.AccountIds is not null;
            var parameters = onlyIds
                ? sql.Parameters(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = command.AccountIds!.Distinct().ToArray() })
                : sql.Parameters();
            var selected = await db.Database.SqlQueryRaw<Selected>(sql.SelectionSql(onlyIds), parameters).ToListAsync(cancellationToken);
            if (selected.Count != command.ConfirmedCount)
            {
                throw new BulkSelectionChangedException(command.ConfirmedCount, selected.Count);
            }

            if (selected.Count == 0)
            {
                return new Outcome(Guid.Empty, 0);
            }

            if (selected.Count > MaxAccounts)
            {
                throw new ReviewRefusedException(ReviewError.BulkTooMany, $"{selected.Count} accounts is more than one bulk decision may cover ({MaxAccounts}); narrow the filter.");
            }

            var hubs = command.Kind == DecisionKind.Merge ? await ResolveHubsAsync(db, selected, command.MergeTargetAccountId, cancellationToken) : [];

            // Tracked with their xmin; each must still be what the selection saw, or someone decided in between.
            var ids = selected.Select(s => s.AccountId).ToList();
            var reviews = await db.AccountReviews.Where(r => ids.Contains(r.AccountId)).ToDictionaryAsync(r => r.AccountId, cancellationToken);
            if (selected.Any(s => (reviews.TryGetValue(s.AccountId, out var r) ? r.LatestDecisionId : (long?)null) != s.LatestDecisionId))
            {
                throw new ReviewConflictException("Some of the accounts were decided by someone else meanwhile; nothing was saved.", (DecisionSummary?)null);
            }

            foreach (var review in reviews.Values)
            {
                // The selection holds waiting accounts only: a close or merge still recorded as standing is one whose request was withdrawn.
                await DecisionDesk.ReleaseIfClosureWithdrawnAsync(db, review, cancellationToken);
            }

            var batchId = Guid.NewGuid();
            var decisions = selected.Select(s =>
            {
                var basis = new ReviewBasis(
                    s.AccountId,
                    s.UnitId,
                    s.Rules.Select(RuleCodes.Parse).ToList(),
                    s.EvaluationId,
                    s.Recommendation is null ? null : Recommendations.Parse(s.Recommendation));
                return command.Kind switch
                {
                    DecisionKind.Close => ReviewDecision.Close(basis, command.Reason, scope.UserName, now, batchId),
                    DecisionKind.Merge => ReviewDecision.Merge(basis, hubs[s.AccountId], command.Reason, scope.UserName, now, batchId),
                    DecisionKind.Retain => ReviewDecision.Retain(basis, command.RetainReason!.Value, command.Reason, scope.UserName, now, batchId),
                    _ => throw new ArgumentOutOfRangeException(nameof(command), command.Kind, null),
                };
            }).ToList();
            db.ReviewDecisions.AddRange(decisions);
            await db.SaveChangesAsync(cancellationToken);

            foreach (var (decision, s) in decisions.Zip(selected))
            {
                if (!reviews.TryGetValue(s.AccountId, out var review))
                {
                    review = AccountReview.For(s.AccountId);
                    db.AccountReviews.Add(review);
                }

                review.Record(decision);
                DecisionDesk.Audit(db, decision, new DecisionDesk.Target(s.AccountId, s.Name, Platforms.Parse(s.Platform), s.PlatformAccountId, s.UnitId, AccountStatus.Active));
                if (decision.Kind.OpensClosure())
                {
                    await ReviewDecisionClosures.OpenAsync(db, decision, scope, deadlines, cancellationToken);
                }
            }

            AuditLog.Append(
                db,
                now,
                scope.UserName,
                "review.bulk",
                "review_batch",
                batchId.ToString(),
                scope.UnitId,
                $"{command.Kind.ToCode()} × {selected.Count}",
                new { kind = command.Kind.ToCode(), accounts = ids, filter = SavedFilters.ToJson(command.Filter), ticked = onlyIds });
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(batchId, selected.Count);
        }

        /// <summary>Each account's hub: the one picked when it is a hub of the account's county, else the rules' target.</summary>
        private static async Task<Dictionary<int, int>> ResolveHubsAsync(RegistryDbContext db, List<Selected> selected, int? picked, CancellationToken cancellationToken)
        {
            var hubsByCounty = new Dictionary<int, HashSet<int>>();
            foreach (var county in selected.Where(s => s.CountyId is not null).Select(s => s.CountyId!.Value).Distinct())
            {
                hubsByCounty[county] = (await CountyHubs.OfCountyAsync(db, county, cancellationToken)).Select(h => h.AccountId).ToHashSet();
            }

            var targets = new Dictionary<int, int>();
            var without = new List<string>();
            foreach (var s in selected)
            {
                var hubs = s.CountyId is { } c ? hubsByCounty[c] : [];
                int? target = picked ?? s.RecommendedHub;
                if (target is { } t && hubs.Contains(t))
                {
                    targets[s.AccountId] = t;
                }
                else
                {
                    without.Add(s.Name);
                }
            }

            if (without.Count > 0)
            {
                throw new MergeTargetMissingException(without);
            }

            return targets;
        }
    }
}

/// <summary>A bulk merge where some accounts have no live hub of their county to go into: nothing was decided.</summary>
public sealed class MergeTargetMissingException : ArgumentException
{
    public MergeTargetMissingException(IReadOnlyList<string> accounts)
        : base($"{accounts?.Count} of the accounts have no live hub of their county to merge into ({string.Join("、", (accounts ?? []).Take(5))}{((accounts?.Count ?? 0) > 5 ? "…" : string.Empty)}); pick a hub or narrow the filter.")
    {
        Accounts = accounts ?? [];
    }

    public MergeTargetMissingException()
        : this([])
    {
    }

    public MergeTargetMissingException(string message)
        : base(message)
    {
        Accounts = [];
    }

    public MergeTargetMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Accounts = [];
    }

    /// <summary>The names of the accounts without a target.</summary>
    public IReadOnlyList<string> Accounts { get; }
}
