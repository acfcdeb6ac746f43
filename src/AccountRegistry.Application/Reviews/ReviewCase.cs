// Over 300 lines: mostly the records of the one page a reviewer decides on (flags, figures, history, duplicates,
// siblings); its three queries are short and share them.
using System.Text.Json;
using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// 账号审核: everything a reviewer needs to decide one flagged account: its flags with their evidence, the figures
/// behind them (days since the last post, posts and mean reads of the last 90 days, copies), the evaluation the
/// flags came from and its merge target, the hubs it may go into, and its history (earlier flags, verdicts,
/// decisions, status changes).
/// </summary>
public static class ReviewCase
{
    public sealed record FlagView(
        long Id,
        RuleCode Rule,
        FlagStatus Status,
        DateTimeOffset OpenedAt,
        DateOnly LastSeenOn,
        DateTimeOffset? ResolvedAt,
        DateTimeOffset? DismissedAt,
        string? DismissedBy,
        string? DismissedReason,
        string? EvidenceText,
        string Evidence);

    public sealed record EvaluationView(
        long Id,
        DateOnly AsOf,
        DateTimeOffset RanAt,
        Recommendation Recommendation,
        IReadOnlyList<RuleCode> Rules,
        int? MergeTargetAccountId,
        string? MergeTargetName);

    /// <summary>Figures as of today over the last 90 days (the rules' default window).</summary>
    public sealed record Figures(
        DateOnly Today,
        DateTimeOffset? LastPostAt,
        int? DaysSinceLastPost,
        int PostsInWindow,
        int OriginalsInWindow,
        int PostsWithReads,
        decimal? MeanReads,
        int CopiesInWindow);

    public sealed record Hub(int AccountId, string Name, Platform Platform, string PlatformAccountId);

    /// <summary>A closure request of the account (opened by a review decision or filed by its clerk).</summary>
    public sealed record ClosureRequestView(int Id, ClosureKind Kind, ClosureState State, ClosureOrigin Origin, DateTimeOffset CreatedAt, DateOnly? DueOn, long? ReviewDecisionId);

    public sealed record StatusChangeView(AccountStatus Status, DateOnly EffectiveOn, string? MergedIntoName, DateTimeOffset RecordedAt, string? RecordedBy, string? Reason);

    public sealed record Case(
        AccountDetail.Facts Facts,
        Figures Figures,
        IReadOnlyList<FlagView> Flags,
        EvaluationView? Basis,
        IReadOnlyList<EvaluationView> Verdicts,
        IReadOnlyList<Hub> Hubs,
        IReadOnlyList<DecisionSummary> Decisions,
        IReadOnlyList<StatusChangeView> StatusChanges,
        IReadOnlyList<ClosureRequestView> ClosureRequests,
        uint? ReviewVersion,
        DecisionKind? Standing,
        bool Pending)
    {
        public IEnumerable<FlagView> OpenFlags => Flags.Where(f => f.Status == FlagStatus.Open);

        public bool CanDecide => Facts.Status == AccountStatus.Active && OpenFlags.Any() && Standing is not (DecisionKind.Close or DecisionKind.Merge);
    }

    /// <summary>A post of this account next to the earlier post of another account it copies.</summary>
    public sealed record DuplicatePair(
        long PostId,
        DateTimeOffset PublishedAt,
        string? Title,
        string? Content,
        long SourcePostId,
        int SourceAccountId,
        string SourceAccountName,
        DateTimeOffset SourcePublishedAt,
        string? SourceTitle,
        string? SourceContent,
        double Similarity);

    /// <summary>A live account of the same unit on the same platform (this one included), with its figures.</summary>
    public sealed record Sibling(
        int AccountId,
        string Name,
        string PlatformAccountId,
        DateOnly OpenedOn,
        bool IsHub,
        DateTimeOffset? LastPostAt,
        int PostsInWindow,
        decimal? MeanReads,
        bool IsThisAccount);

    public const int WindowDays = QueueSql.MeanReadsWindowDays;

    /// <summary>How much of a post's text the side-by-side shows.</summary>
    public const int ExcerptLength = 400;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, AccountDetail.Handler accounts, TimeProvider clock)
    {
        public async Task<Case> GetAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            var facts = await accounts.GetAsync(accountId, scope, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var today = ShanghaiCalendar.Today(clock);
            var figures = await FiguresAsync(db, accountId, today, cancellationToken);

            var flagRows = await db.Flags.AsNoTracking()
                .Where(f => f.AccountId == accountId)
                .OrderBy(f => f.Status == FlagStatus.Open ? 0 : 1).ThenByDescending(f => f.OpenedAt).ThenBy(f => f.Id)
                .Select(f => new { f.Id, f.Rule, f.Status, f.OpenedAt, f.LastSeenOn, f.ResolvedAt, f.DismissedAt, f.DismissedBy, f.DismissedReason, f.Evidence, f.LastSeenEvaluationId })
                .ToListAsync(cancellationToken);
            var flags = flagRows
                .Select(f => new FlagView(f.Id, f.Rule, f.Status, f.OpenedAt, f.LastSeenOn, f.ResolvedAt, f.DismissedAt, f.DismissedBy, f.DismissedReason, EvidenceText(f.Evidence), f.Evidence))
                .ToList();
            var basisId = flagRows.Where(f => f.Status == FlagStatus.Open).Select(f => (long?)f.LastSeenEvaluationId).Max();

            var verdicts = await Verdicts(db, accountId).Take(12).ToListAsync(cancellationToken);
            var basis = basisId is null
                ? null
                : verdicts.FirstOrDefault(v => v.Id == basisId) ?? await Verdicts(db, accountId).FirstOrDefaultAsync(v => v.Id == basisId, cancellationToken);

            var hubs = (await CountyHubs.OfCountyAsync(db, await CountyHubs.CountyOfUnitAsync(db, facts.UnitId, cancellationToken), cancellationToken))
                .Where(h => h.AccountId != accountId)
                .Select(h => new Hub(h.AccountId, h.Name, h.Platform, h.PlatformAccountId))
                .ToList();
            var decisions = await DecisionSummary.Of(db, accountId).ToListAsync(cancellationToken);
            var statusChanges = await db.AccountStatusChanges.AsNoTracking()
                .Where(c => c.AccountId == accountId)
                .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
                .Select(c => new StatusChangeView(
                    c.Status,
                    c.EffectiveOn,
                    db.Accounts.Where(a => a.Id == c.MergedIntoAccountId).Select(a => a.Name).FirstOrDefault(),
                    c.RecordedAt,
                    c.RecordedBy,
                    c.Reason))
                .ToListAsync(cancellationToken);
            var closureRequests = await db.ClosureRequests.AsNoTracking()
                .Where(r => r.AccountId == accountId)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                .Select(r => new ClosureRequestView(r.Id, r.Kind, r.State, r.Origin, r.CreatedAt, r.DueOn, r.ReviewDecisionId))
                .ToListAsync(cancellationToken);
            var review = await db.AccountReviews.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == accountId, cancellationToken);

            // A close or merge whose request was withdrawn no longer stands (as in the queue).
            var standing = review?.StandingKind is DecisionKind.Close or DecisionKind.Merge
                && closureRequests.Any(r => r.ReviewDecisionId == review.StandingDecisionId && r.State == ClosureState.Withdrawn)
                ? null
                : review?.StandingKind;
            var open = flags.Where(f => f.Status == FlagStatus.Open).ToList();
            var pending = open.Count > 0
                && (standing is null || (standing == DecisionKind.Retain && open.Any(f => f.OpenedAt > review!.SettledAt)));

            return new Case(facts, figures, flags, basis, verdicts, hubs, decisions, statusChanges, closureRequests, review?.Version, standing, pending);
        }

        /// <summary>The account's posts that copy an earlier post of another account, newest first, each beside its source.</summary>
        public async Task<PagedResult<DuplicatePair>> DuplicatesAsync(int accountId, UserScope scope, int page, int pageSize, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            pageSize = Math.Clamp(pageSize, 1, 50);
            page = Math.Max(1, page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await EnsureVisibleAsync(db, accountId, scope, cancellationToken);
            var pairs =
                from p in db.Posts
                where p.AccountId == accountId
                join nd in db.NearDuplicates on p.Id equals nd.PostId
                join s in db.Posts on nd.SourcePostId equals s.Id
                where s.AccountId != p.AccountId && s.PublishedAt <= p.PublishedAt
                join sa in db.Accounts on s.AccountId equals sa.Id
                select new { p, nd, s, sa };
            var total = await pairs.CountAsync(cancellationToken);
            var rows = await pairs
                .OrderByDescending(x => x.p.PublishedAt).ThenByDescending(x => x.p.Id).ThenBy(x => x.s.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(x => new DuplicatePair(
                    x.p.Id,
                    x.p.PublishedAt,
                    x.p.Title,
                    x.p.Content == null ? null : x.p.Content.Substring(0, ExcerptLength),
                    x.s.Id,
                    x.sa.Id,
                    x.sa.Name,
                    x.s.PublishedAt,
                    x.s.Title,
                    x.s.Content == null ? null : x.s.Content.Substring(0, ExcerptLength),
                    x.nd.Similarity))
                .ToListAsync(cancellationToken);
            return new PagedResult<DuplicatePair>(rows, total, page, pageSize);
        }

        /// <summary>The unit's live accounts on the account's platform (DUPLICATE_PLATFORM compares these).</summary>
        public async Task<IReadOnlyList<Sibling>> SiblingsAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var account = await db.Accounts.AsNoTracking().VisibleTo(scope).Where(a => a.Id == accountId)
                .Select(a => new { a.UnitId, a.Platform })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            var sql = $"""
                SELECT s.account_id AS "AccountId", s.name AS "Name", s.platform_account_id AS "PlatformAccountId", s.opened_on AS "OpenedOn",
                       s.is_hub AS "IsHub", {QueueSql.LastPostExpression("s")} AS "LastPostAt",
                       (SELECT count(*)::int FROM posts po WHERE po.account_id = s.account_id AND po.published_at >= @window_start) AS "PostsInWindow",
                       {QueueSql.MeanReadsExpression("s")} AS "MeanReads",
                       s.account_id = @account AS "IsThisAccount"
                FROM (SELECT a.id AS account_id, a.name, a.platform_account_id, a.opened_on, a.is_hub
                      FROM accounts a
                      WHERE a.unit_id = @unit AND a.platform = @platform AND (a.status = 'active' OR a.id = @account)) s
                ORDER BY s.platform_account_id COLLATE "C"
                """;
            var rows = await db.Database.SqlQueryRaw<Sibling>(
                    sql,
                    new Npgsql.NpgsqlParameter("window_start", WindowStart(ShanghaiCalendar.Today(clock))),
                    new Npgsql.NpgsqlParameter("account", accountId),
                    new Npgsql.NpgsqlParameter("unit", account.UnitId),
                    new Npgsql.NpgsqlParameter("platform", account.Platform.ToCode()))
                .ToListAsync(cancellationToken);
            return rows.Select(r => r with { MeanReads = Round(r.MeanReads) }).ToList();
        }

        private static IQueryable<EvaluationView> Verdicts(RegistryDbContext db, int accountId) =>
            from r in db.EvaluationResults.AsNoTracking()
            join e in db.Evaluations on r.EvaluationId equals e.Id
            where r.AccountId == accountId && e.UpdatedFlags
            orderby r.EvaluationId descending
            select new EvaluationView(
                e.Id,
                e.AsOf,
                e.StartedAt,
                r.Recommendation,
                r.Rules,
                r.MergeTargetAccountId,
                db.Accounts.Where(a => a.Id == r.MergeTargetAccountId).Select(a => a.Name).FirstOrDefault());

        private sealed record FigureRecord(DateTimeOffset? LastPostAt, int PostsInWindow, int OriginalsInWindow, int PostsWithReads, decimal? MeanReads, int CopiesInWindow);

        private static async Task<Figures> FiguresAsync(RegistryDbContext db, int accountId, DateOnly today, CancellationToken cancellationToken)
        {
            var figures = await db.Database.SqlQueryRaw<FigureRecord>(
                    """
                    SELECT (SELECT max(po.published_at) FROM posts po WHERE po.account_id = @account) AS "LastPostAt",
                           count(p.id)::int AS "PostsInWindow",
                           count(p.id) FILTER (WHERE p.is_original)::int AS "OriginalsInWindow",
                           count(r.reads)::int AS "PostsWithReads",
                           avg(r.reads) AS "MeanReads",
                           count(p.id) FILTER (WHERE EXISTS (
                               SELECT 1 FROM near_duplicates nd JOIN posts s ON s.id = nd.source_post_id
                               WHERE nd.post_id = p.id AND s.account_id <> p.account_id AND s.published_at <= p.published_at))::int AS "CopiesInWindow"
                    FROM posts p
                    LEFT JOIN LATERAL (
                        SELECT s.reads FROM read_snapshots s WHERE s.post_id = p.id ORDER BY s.captured_at DESC LIMIT 1
                    ) r ON TRUE
                    WHERE p.account_id = @account AND p.published_at >= @window_start
                    """,
                    new Npgsql.NpgsqlParameter("account", accountId),
                    new Npgsql.NpgsqlParameter("window_start", WindowStart(today)))
                .SingleAsync(cancellationToken);
            int? days = figures.LastPostAt is { } last ? today.DayNumber - ShanghaiCalendar.DayOf(last).DayNumber : null;
            return new Figures(today, figures.LastPostAt, days, figures.PostsInWindow, figures.OriginalsInWindow, figures.PostsWithReads, Round(figures.MeanReads), figures.CopiesInWindow);
        }

        private static DateTimeOffset WindowStart(DateOnly today) => ShanghaiCalendar.StartOf(today.AddDays(-(WindowDays - 1))).ToUniversalTime();

        private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;

        private static async Task EnsureVisibleAsync(RegistryDbContext db, int accountId, UserScope scope, CancellationToken cancellationToken)
        {
            if (!await db.Accounts.VisibleTo(scope).AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            }
        }
    }

    /// <summary>The readable sentence the rules stored with the evidence ("text"), when there is one.</summary>
    public static string? EvidenceText(string? evidenceJson)
    {
        if (string.IsNullOrWhiteSpace(evidenceJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(evidenceJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
