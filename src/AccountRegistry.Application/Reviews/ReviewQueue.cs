using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// 审核队列: the flagged accounts of the reviewer's district that wait for a decision, with what the rules recommend,
/// filtered, counted, sorted and paged in PostgreSQL.
/// </summary>
public static class ReviewQueue
{
    /// <summary>Which flagged accounts: waiting for a decision, already decided, or both (the report upward).</summary>
    public enum State
    {
        Pending,
        Decided,
        All,
    }

    public enum SortColumn
    {
        /// <summary>When the oldest open flag opened: ascending puts the longest-waiting account first.</summary>
        FlaggedSince,
        Name,
        Unit,
        Platform,
        LastPost,
        MeanReads,
        Recommendation,
    }

    /// <summary>What selects the accounts. The same filter drives the page, the counts, the export and bulk decisions.</summary>
    public sealed record Filter
    {
        public State State { get; init; } = State.Pending;

        public RuleCode? Rule { get; init; }

        public Recommendation? Recommendation { get; init; }

        /// <summary>The unit's whole subtree.</summary>
        public int? UnitId { get; init; }

        public Platform? Platform { get; init; }

        public UnitLevel? Level { get; init; }

        /// <summary>Only accounts whose oldest open flag has been open at least this many days.</summary>
        public int? MinFlagAgeDays { get; init; }

        /// <summary>Matches the account name or its platform id.</summary>
        public string? Search { get; init; }

        /// <summary>
        /// Only accounts with an open content finding of this type (issue 10). Content findings are shown alongside the
        /// rules' flags; they never change which rules fire or what the evaluation recommends.
        /// </summary>
        public ContentCheck? ContentCheck { get; init; }
    }

    public sealed record Query
    {
        public Filter Filter { get; init; } = new();

        public SortColumn Sort { get; init; } = SortColumn.FlaggedSince;

        public SortDirection Direction { get; init; } = SortDirection.Ascending;

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 25;
    }

    public sealed record Row(
        int AccountId,
        string Name,
        Platform Platform,
        string PlatformAccountId,
        int UnitId,
        string UnitName,
        UnitLevel UnitLevel,
        IReadOnlyList<string> UnitPath,
        bool IsHub,
        bool ProvidesServices,
        IReadOnlyList<RuleCode> Rules,
        Recommendation Recommendation,
        int? MergeTargetAccountId,
        string? MergeTargetName,
        long EvaluationId,
        DateTimeOffset FlaggedSince,
        DecisionKind? StandingKind,
        bool Pending,
        DateTimeOffset? LastPostAt,
        decimal? MeanReads,
        IReadOnlyList<ContentCheck> ContentFlags);

    /// <summary>How many accounts of the filter (whatever its recommendation filter) each recommendation has.</summary>
    public sealed record Counts(int Close, int Merge, int None)
    {
        public int Total => Close + Merge + None;

        public int Of(Recommendation? recommendation) => recommendation switch
        {
            null => Total,
            Domain.Rules.Recommendation.Close => Close,
            Domain.Rules.Recommendation.Merge => Merge,
            Domain.Rules.Recommendation.None => None,
            _ => throw new ArgumentOutOfRangeException(nameof(recommendation), recommendation, null),
        };
    }

    public sealed record Result(PagedResult<Row> Page, Counts Counts);

    public const int MaxPageSize = 200;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            ReviewAccess.EnsureMayReview(scope);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var sql = await QueueSql.BuildAsync(db, query.Filter, scope, clock.GetUtcNow(), cancellationToken);
            var records = await db.Database.SqlQueryRaw<QueueRecord>(
                    sql.PageSql(query.Sort, query.Direction),
                    sql.PageParameters(pageSize, (page - 1) * pageSize))
                .ToListAsync(cancellationToken);
            var counts = records.Count > 0
                ? new Counts(records[0].CloseCount, records[0].MergeCount, records[0].NoneCount)
                : await CountAsync(db, sql, cancellationToken);
            var rows = records.Select(r => r.ToRow()).ToList();
            return new Result(new PagedResult<Row>(rows, counts.Of(query.Filter.Recommendation), page, pageSize), counts);
        }

        /// <summary>The counts alone (the bulk confirmation shows how many accounts a decision will cover).</summary>
        public async Task<Counts> CountAsync(Filter filter, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var sql = await QueueSql.BuildAsync(db, filter, scope, clock.GetUtcNow(), cancellationToken);
            return await CountAsync(db, sql, cancellationToken);
        }

        private static async Task<Counts> CountAsync(RegistryDbContext db, QueueSql sql, CancellationToken cancellationToken)
        {
            var buckets = await db.Database.SqlQueryRaw<Bucket>(sql.CountSql(), sql.Parameters()).ToListAsync(cancellationToken);
            int Of(string code) => buckets.Where(b => b.Key == code).Sum(b => b.Count);
            return new Counts(
                Of(Domain.Rules.Recommendation.Close.ToCode()),
                Of(Domain.Rules.Recommendation.Merge.ToCode()),
                Of(Domain.Rules.Recommendation.None.ToCode()));
        }
    }

    internal sealed record Bucket(string Key, int Count);

    /// <summary>A page row as PostgreSQL returns it: the spec's codes as text, mapped to the domain's enums in <see cref="ToRow"/>.</summary>
    internal sealed record QueueRecord(
        int AccountId,
        string Name,
        string Platform,
        string PlatformAccountId,
        int UnitId,
        string UnitName,
        string UnitLevel,
        string[] UnitPathNames,
        bool IsHub,
        bool ProvidesServices,
        string[] Rules,
        string? Recommendation,
        int? MergeTargetAccountId,
        string? MergeTargetName,
        long EvaluationId,
        DateTimeOffset FlaggedSince,
        string? StandingKind,
        bool Pending,
        DateTimeOffset? LastPostAt,
        decimal? MeanReads,
        string[] ContentFlags,
        int CloseCount,
        int MergeCount,
        int NoneCount)
    {
        public Row ToRow() => new(
            AccountId,
            Name,
            Platforms.Parse(Platform),
            PlatformAccountId,
            UnitId,
            UnitName,
            UnitLevels.Parse(UnitLevel),
            UnitPathNames,
            IsHub,
            ProvidesServices,
            Rules.Select(RuleCodes.Parse).ToList(),
            Recommendation is null ? Domain.Rules.Recommendation.None : Recommendations.Parse(Recommendation),
            MergeTargetAccountId,
            MergeTargetName,
            EvaluationId,
            FlaggedSince,
            StandingKind is null ? null : DecisionKinds.Parse(StandingKind),
            Pending,
            LastPostAt,
            MeanReads is { } mean ? Math.Round(mean, 1, MidpointRounding.AwayFromZero) : null,
            [.. ContentFlags.Select(ContentChecks.Parse)]);
    }
}
