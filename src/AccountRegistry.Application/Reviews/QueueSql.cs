using System.Text;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The review queue as SQL: one definition of "the flagged accounts this filter selects in this scope", used by the
/// page, its counts, the export and bulk decisions, so that what a reviewer confirms is what the server decides.
/// Only fixed fragments are put together here; every value travels as a parameter.
/// </summary>
/// <remarks>
/// The accounts of the scope and the filter's unit conditions come first (units.path prefix on its pattern index,
/// then accounts by unit), then their open flags grouped per account, then the review standing and the result of
/// the evaluation that last saw the flags: the highest last_seen_evaluation_id of the open flags (flags_current: the
/// latest flag-moving run for every flag that still fires). That result is one key probe per account (OFFSET 0 keeps it
/// one): joined plainly, PostgreSQL hashed the results of every stored run, which grow by a run's worth each night. Last post and mean reads are computed for the rows of a page
/// only, unless the page is sorted by them.
/// </remarks>
internal sealed partial class QueueSql
{
    /// <summary>The window of the mean-reads column, ending today: the rules' default W.</summary>
    public const int MeanReadsWindowDays = 90;

    /// <summary>
    /// A flagged account waits for a decision unless one stands; a retained one waits again when a flag opened after
    /// it; a close or merge stops standing when the closure request it opened was withdrawn.
    /// </summary>
    public const string PendingCondition = """
        (ar.standing_kind IS NULL
         OR (ar.standing_kind = 'retain' AND o.newest_opened_at > ar.settled_at)
         OR (ar.standing_kind IN ('close', 'merge') AND EXISTS (
                SELECT 1 FROM closure_requests cr WHERE cr.review_decision_id = ar.standing_decision_id AND cr.state = 'withdrawn')))
        """;

    private readonly List<(string Name, object Value, NpgsqlDbType Type)> values = [];

    private QueueSql(string ctes, string recommendationCondition)
    {
        Ctes = ctes;
        RecommendationCondition = recommendationCondition;
    }

    /// <summary>"WITH"-less CTEs ending with <c>queue</c>: one row per selected account (before the recommendation filter).</summary>
    public string Ctes { get; }

    /// <summary>The recommendation filter over <c>queue q</c> (TRUE when none).</summary>
    public string RecommendationCondition { get; }

    private static DateOnly WindowStartDay(DateTimeOffset now) => ShanghaiCalendar.DayOf(now).AddDays(-(MeanReadsWindowDays - 1));

    public static async Task<QueueSql> BuildAsync(RegistryDbContext db, ReviewQueue.Filter filter, UserScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        // Conditions on the account and its unit narrow the flags before they are grouped (a district's reviewer reads
        // only their district's flags); conditions on the grouped flags and the review standing come after.
        var conditions = new List<string> { "a.status = 'active'", "u.path LIKE @scope_prefix" };
        var flagConditions = new List<string> { "TRUE" };
        var flagColumns = string.Empty;
        var values = new List<(string, object, NpgsqlDbType)>
        {
            ("scope_prefix", scope.VisiblePathPrefix + "%", NpgsqlDbType.Text),
            ("window_start", ShanghaiCalendar.StartOf(WindowStartDay(now)).ToUniversalTime(), NpgsqlDbType.TimestampTz),
            ("window_start_day", WindowStartDay(now), NpgsqlDbType.Date),
        };

        if (filter.UnitId is { } unitId)
        {
            var unitPath = await db.Units.AsNoTracking().VisibleTo(scope)
                .Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);

            // A unit outside the scope selects nothing rather than widening the scope.
            conditions.Add("u.path LIKE @unit_prefix");
            values.Add(("unit_prefix", (unitPath ?? "/__nothing__/") + "%", NpgsqlDbType.Text));
        }

        if (filter.Platform is { } platform)
        {
            conditions.Add("a.platform = @platform");
            values.Add(("platform", platform.ToCode(), NpgsqlDbType.Text));
        }

        if (filter.Level is { } level)
        {
            conditions.Add("u.level = @level");
            values.Add(("level", level.ToCode(), NpgsqlDbType.Text));
        }

        if (filter.Rule is { } rule)
        {
            // A grouped boolean rather than "@rule = ANY(o.rules)": PostgreSQL guesses half the accounts for it, not
            // 0.5 %, and so hashes the evaluation results instead of probing them once per account.
            flagColumns = ",\n       bool_or(f.rule::text = @rule) AS has_rule";
            flagConditions.Add("o.has_rule");
            values.Add(("rule", rule.ToCode(), NpgsqlDbType.Text));
        }

        if (filter.MinFlagAgeDays is > 0 and var days)
        {
            flagConditions.Add("o.flagged_since <= @flagged_before");
            values.Add(("flagged_before", now.ToUniversalTime().AddDays(-days), NpgsqlDbType.TimestampTz));
        }

        if (filter.ContentCheck is { } contentCheck)
        {
            flagConditions.Add("EXISTS (SELECT 1 FROM content_findings cf WHERE cf.account_id = o.account_id AND cf.status = 'open' AND cf.check_code = @content_check)");
            values.Add(("content_check", contentCheck.ToCode(), NpgsqlDbType.Text));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            conditions.Add("(a.name ILIKE @search ESCAPE '\\' OR a.platform_account_id ILIKE @search ESCAPE '\\')");
            values.Add(("search", SearchPattern.Contains(filter.Search), NpgsqlDbType.Text));
        }

        switch (filter.State)
        {
            case ReviewQueue.State.Pending:
                flagConditions.Add(PendingCondition);
                break;
            case ReviewQueue.State.Decided:
                flagConditions.Add("NOT " + PendingCondition);
                break;
            case ReviewQueue.State.All:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.State, "Unknown queue state.");
        }

        var recommendationCondition = "TRUE";
        if (filter.Recommendation is { } recommendation)
        {
            recommendationCondition = "COALESCE(q.recommendation, 'none') = @recommendation";
            values.Add(("recommendation", recommendation.ToCode(), NpgsqlDbType.Text));
        }

        var ctes = $"""
            scoped AS (
                SELECT a.id, a.name, a.platform, a.platform_account_id, a.unit_id, a.is_hub, a.provides_services,
                       u.name AS unit_name, u.level AS unit_level, u.path AS unit_path
                FROM accounts a
                JOIN units u ON u.id = a.unit_id
                WHERE {string.Join("\n      AND ", conditions)}
            ),
            open_flags AS (
                SELECT f.account_id,
                       array_agg(f.rule::text ORDER BY f.rule COLLATE "C") AS rules,
                       min(f.opened_at) AS flagged_since,
                       max(f.opened_at) AS newest_opened_at,
                       max(f.last_seen_evaluation_id) AS evaluation_id{flagColumns}
                FROM flags_current f
                JOIN scoped s ON s.id = f.account_id
                WHERE f.status = 'open'
                GROUP BY f.account_id
            ),
            queue AS (
                SELECT a.id AS account_id, a.name, a.platform::text AS platform, a.platform_account_id, a.unit_id,
                       a.unit_name, a.unit_level::text AS unit_level, a.unit_path, a.is_hub, a.provides_services,
                       o.rules, o.flagged_since, o.evaluation_id,
                       er.recommendation::text AS recommendation,
                       COALESCE(sd.merge_target_account_id, er.merge_target_account_id) AS merge_target_account_id,
                       ar.standing_kind::text AS standing_kind, ar.standing_decision_id, ar.latest_decision_id,
                       {PendingCondition} AS pending
                FROM open_flags o
                JOIN scoped a ON a.id = o.account_id
                LEFT JOIN account_reviews ar ON ar.account_id = a.id
                LEFT JOIN review_decisions sd ON sd.id = ar.standing_decision_id
                LEFT JOIN LATERAL (
                    SELECT r.recommendation, r.merge_target_account_id FROM evaluation_results r
                    WHERE r.evaluation_id = o.evaluation_id AND r.account_id = a.id
                    OFFSET 0) er ON TRUE
                WHERE {string.Join("\n      AND ", flagConditions)}
            )
            """;
        var sql = new QueueSql(ctes, recommendationCondition);
        sql.values.AddRange(values);
        return sql;
    }

    public string CountSql() => $"""
        WITH {Ctes}
        SELECT COALESCE(q.recommendation, 'none') AS "Key", count(*)::int AS "Count"
        FROM queue q
        GROUP BY 1
        """;

    /// <summary>
    /// One page, in the chosen order with the account id as the tie-break (stable paging); takes @take and @skip.
    /// Every row also carries the queue's counts per recommendation: the queue is computed once for both (a page past
    /// the end has no row to carry them, and its caller asks <see cref="CountSql"/>). The counts are MATERIALIZED: inlined,
    /// PostgreSQL recounted the queue for every row of the page when it expected few rows.
    /// </summary>
    public string PageSql(ReviewQueue.SortColumn sort, SortDirection direction) => $"""
        WITH {Ctes},
        counts AS MATERIALIZED (
            SELECT count(*) FILTER (WHERE q.recommendation = 'close')::int AS close_count,
                   count(*) FILTER (WHERE q.recommendation = 'merge')::int AS merge_count,
                   count(*) FILTER (WHERE COALESCE(q.recommendation, 'none') = 'none')::int AS none_count
            FROM queue q
        ),
        page AS (
            SELECT q.*, row_number() OVER (ORDER BY {Order(sort, direction)}, q.account_id) AS ord
            FROM queue q
            WHERE {RecommendationCondition}
            ORDER BY ord
            LIMIT @take OFFSET @skip
        )
        SELECT p.account_id AS "AccountId", p.name AS "Name", p.platform AS "Platform", p.platform_account_id AS "PlatformAccountId",
               p.unit_id AS "UnitId", p.unit_name AS "UnitName", p.unit_level AS "UnitLevel",
               COALESCE({UnitPathNamesExpression("p")}, ARRAY[]::text[]) AS "UnitPathNames",
               p.is_hub AS "IsHub", p.provides_services AS "ProvidesServices", p.rules AS "Rules", p.recommendation AS "Recommendation",
               p.merge_target_account_id AS "MergeTargetAccountId", mt.name AS "MergeTargetName", p.evaluation_id AS "EvaluationId",
               p.flagged_since AS "FlaggedSince", p.standing_kind AS "StandingKind", p.pending AS "Pending",
               {LastPostExpression("p")} AS "LastPostAt", {MeanReadsFromRollupExpression("p")} AS "MeanReads",
               {ContentFlagsExpression("p")} AS "ContentFlags",
               c.close_count AS "CloseCount", c.merge_count AS "MergeCount", c.none_count AS "NoneCount"
        FROM page p
        CROSS JOIN counts c
        LEFT JOIN accounts mt ON mt.id = p.merge_target_account_id
        ORDER BY p.ord
        """;

    /// <summary>
    /// The accounts a bulk decision covers, with what each decision records: takes @ids (int[]) when
    /// <paramref name="onlyIds"/>, to narrow the filter to the rows the reviewer ticked (never to widen it).
    /// </summary>
    public string SelectionSql(bool onlyIds) => $"""
        WITH {Ctes}
        SELECT q.account_id AS "AccountId", q.name AS "Name", q.platform AS "Platform", q.platform_account_id AS "PlatformAccountId",
               q.unit_id AS "UnitId", q.rules AS "Rules", q.evaluation_id AS "EvaluationId", q.recommendation AS "Recommendation",
               q.merge_target_account_id AS "RecommendedHub", {CountyHubs.CountyIdExpression("q.unit_path")} AS "CountyId",
               q.latest_decision_id AS "LatestDecisionId"
        FROM queue q
        WHERE {RecommendationCondition}{(onlyIds ? " AND q.account_id = ANY(@ids)" : string.Empty)}
        ORDER BY q.account_id
        """;

    /// <summary>Fresh parameter objects for one command (an NpgsqlParameter belongs to one command at a time).</summary>
    public object[] Parameters(params NpgsqlParameter[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        return values.Select(v => (object)new NpgsqlParameter(v.Name, v.Type) { Value = v.Value })
            .Concat(extra)
            .ToArray();
    }

    /// <summary>The parameters of <see cref="PageSql"/>.</summary>
    public object[] PageParameters(int take, int skip) =>
        Parameters(
            new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = take },
            new NpgsqlParameter("skip", NpgsqlDbType.Integer) { Value = skip });

    /// <summary>The fixed ORDER BY fragment of a sort column; never text from the client.</summary>
    private static string Order(ReviewQueue.SortColumn sort, SortDirection direction)
    {
        var dir = direction == SortDirection.Descending ? "DESC" : "ASC";

        // Missing figures (never posted, no reads) count as the lowest: first ascending, last descending.
        var nulls = direction == SortDirection.Descending ? "NULLS LAST" : "NULLS FIRST";
        return sort switch
        {
            ReviewQueue.SortColumn.FlaggedSince => $"q.flagged_since {dir}",
            ReviewQueue.SortColumn.Name => $"q.name {dir}",
            ReviewQueue.SortColumn.Unit => $"q.unit_name {dir}",
            ReviewQueue.SortColumn.Platform => $"q.platform {dir}",
            ReviewQueue.SortColumn.LastPost => $"{LastPostExpression("q")} {dir} {nulls}",
            ReviewQueue.SortColumn.MeanReads => $"{MeanReadsFromRollupExpression("q")} {dir} {nulls}",
            ReviewQueue.SortColumn.Recommendation => $"COALESCE(q.recommendation, 'none') COLLATE \"C\" {dir}",
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort column."),
        };
    }
}
