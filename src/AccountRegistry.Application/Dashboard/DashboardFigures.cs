using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// 总览: the campaign's figures as of a day, for the user's scope. Every figure is a SQL aggregate over status history,
/// review decisions, closure request steps and stored evaluation results (<see cref="StatusAsOf"/>); no account is
/// loaded into memory.
/// </summary>
public static class DashboardFigures
{
    /// <summary>
    /// Accounts that existed on the day and where they stood. <see cref="Retained"/> is part of <see cref="Active"/>
    /// (kept after a reviewer's retain decision); <see cref="Zombies"/> are live accounts the latest evaluation found
    /// STALE or NEVER_POSTED. Requests count close, merge and opening requests alike.
    /// </summary>
    public sealed record Tiles(
        int Total,
        int Active,
        int Closed,
        int Merged,
        int BeforeCampaign,
        int Retained,
        int OpenFlags,
        int Zombies,
        int RequestsInProgress,
        int OverdueRequests)
    {
        /// <summary>Live accounts no reviewer has settled as kept: still under way one way or the other.</summary>
        public int NotYetSettled => Active - Retained;
    }

    public sealed record StatusSplit(string Key, int Active, int Closed, int Merged, int Retained)
    {
        public int NotYetSettled => Active - Retained;
    }

    public sealed record MonthlyChanges(DateOnly Month, int Closed, int Merged);

    /// <summary>Zombie accounts found by the latest evaluation of one evaluation day.</summary>
    public sealed record ZombieDay(DateOnly Day, int Zombies);

    public sealed record TownshipRow(
        int UnitId,
        string UnitName,
        string Level,
        int BeforeCampaign,
        int Total,
        int Active,
        int Closed,
        int Merged,
        int Retained,
        int OpenFlags,
        int Zombies,
        int RequestsInProgress,
        int OverdueRequests);

    public sealed record Summary(
        DateOnly AsOf,
        DateOnly CampaignStart,
        Tiles Tiles,
        IReadOnlyList<StatusSplit> ByLevel,
        IReadOnlyList<StatusSplit> ByPlatform,
        IReadOnlyList<MonthlyChanges> Trend,
        IReadOnlyList<ZombieDay> ZombieTrend,
        IReadOnlyList<TownshipRow> Townships);

    public sealed record ReachMonth(DateOnly Month, long HubReads, long MergedAccountsReads);

    /// <summary>One row of the grouping-sets aggregate: the whole scope, one level, one platform or one township.</summary>
    private sealed record Group(string Dimension, string Key, int Total, int Active, int Closed, int Merged, int BeforeCampaign, int Retained, int OpenFlags, int Zombies);

    private sealed record RequestGroup(string Key, bool IsAll, int InProgress, int Overdue);

    private sealed record Township(int Id, string Name, string Level);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, IOptions<DashboardOptions> options)
    {
        public async Task<Summary> SummaryAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default) =>
            (await ComputeAsync(asOf, scope, cancellationToken)).Summary;

        /// <summary>
        /// The figures, read in one REPEATABLE READ transaction so that they agree with each other, and that
        /// transaction's snapshot (pg_snapshot as text) for <see cref="DashboardSummaryCache"/>.
        /// </summary>
        public async Task<(Summary Summary, string Snapshot)> ComputeAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            var prefix = scope.VisiblePathPrefix;
            var end = ShanghaiCalendar.EndOf(asOf).ToUniversalTime();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken);
            var start = options.Value.CampaignStart
                ?? await db.Evaluations.Where(e => e.UpdatedFlags).MinAsync(e => (DateOnly?)e.AsOf, cancellationToken)
                ?? asOf;

            // The planner's cost estimates for these aggregates exceed the JIT threshold, and compiling them took longer
            // than running them (as with the rules' statements).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);

            // One pass over the accounts, grouped four ways at once.
            var groups = await db.Database.SqlQueryRaw<Group>(
                $$"""
                WITH {{StatusAsOf.FiguresCte}}
                SELECT CASE WHEN GROUPING(level) = 0 THEN 'level' WHEN GROUPING(platform) = 0 THEN 'platform'
                            WHEN GROUPING(top_id) = 0 THEN 'township' ELSE 'all' END AS "Dimension",
                       COALESCE(level, platform, top_id::text, '') AS "Key",
                       count(*)::int AS "Total",
                       count(*) FILTER (WHERE status = 'active')::int AS "Active",
                       count(*) FILTER (WHERE status = 'closed')::int AS "Closed",
                       count(*) FILTER (WHERE status = 'merged')::int AS "Merged",
                       count(*) FILTER (WHERE opened_on < {2})::int AS "BeforeCampaign",
                       count(*) FILTER (WHERE retained)::int AS "Retained",
                       COALESCE(sum(open_flags), 0)::int AS "OpenFlags",
                       count(*) FILTER (WHERE zombie)::int AS "Zombies"
                FROM fig
                GROUP BY GROUPING SETS ((level), (platform), (top_id), ())
                """, asOf, prefix, start, end).ToListAsync(cancellationToken);

            var requests = await db.Database.SqlQueryRaw<RequestGroup>(
                $$"""
                WITH {{StatusAsOf.RequestsCte}}
                SELECT COALESCE(top_id::text, '') AS "Key", GROUPING(top_id) = 1 AS "IsAll",
                       count(*) FILTER (WHERE to_state NOT IN ('completed', 'withdrawn'))::int AS "InProgress",
                       count(*) FILTER (WHERE to_state NOT IN ('completed', 'withdrawn') AND due_on < {0})::int AS "Overdue"
                FROM req
                GROUP BY ROLLUP (top_id)
                """, asOf, prefix, start, end).ToListAsync(cancellationToken);

            var trend = await db.Database.SqlQueryRaw<MonthlyChanges>(
                """
                SELECT m::date AS "Month",
                       count(c.id) FILTER (WHERE c.status = 'closed')::int AS "Closed",
                       count(c.id) FILTER (WHERE c.status = 'merged')::int AS "Merged"
                FROM generate_series(date_trunc('month', {0}::date), date_trunc('month', {1}::date), interval '1 month') m
                LEFT JOIN account_status_changes c
                       ON date_trunc('month', c.effective_on) = m AND c.effective_on BETWEEN {0} AND {1}
                      AND c.status IN ('closed', 'merged')
                      AND EXISTS (SELECT 1 FROM accounts a JOIN units u ON u.id = a.unit_id WHERE a.id = c.account_id AND u.path LIKE {2} || '%')
                GROUP BY m ORDER BY m
                """, start, asOf, prefix).ToListAsync(cancellationToken);

            // The latest run of each evaluation day since the campaign started, from the per-unit counts its writers
            // keep (evaluation_unit_zombies, see the Initial migration): one row per unit and run instead of every result.
            var zombies = await db.Database.SqlQueryRaw<ZombieDay>(
                """
                WITH days AS (
                    SELECT DISTINCT ON (e.as_of) e.id, e.as_of FROM evaluations e
                    WHERE e.as_of BETWEEN {0} AND {1}
                    ORDER BY e.as_of, e.id DESC
                )
                SELECT d.as_of AS "Day",
                       COALESCE((SELECT sum(z.zombies) FROM evaluation_unit_zombies z JOIN units u ON u.id = z.unit_id
                                 WHERE z.evaluation_id = d.id AND u.path LIKE {2} || '%'), 0)::int AS "Zombies"
                FROM days d ORDER BY d.as_of
                """, start, asOf, prefix).ToListAsync(cancellationToken);

            var townships = await db.Database.SqlQueryRaw<Township>(
                """
                SELECT t.id AS "Id", t.name AS "Name", t.level::text AS "Level" FROM units t
                WHERE t.level IN ('township', 'street') AND t.path LIKE {0} || '%'
                ORDER BY t.code
                """, prefix).ToListAsync(cancellationToken);

            var all = groups.SingleOrDefault(g => g.Dimension == "all") ?? new Group("all", string.Empty, 0, 0, 0, 0, 0, 0, 0, 0);
            var allRequests = requests.SingleOrDefault(r => r.IsAll) ?? new RequestGroup(string.Empty, true, 0, 0);
            var tiles = new Tiles(
                all.Total, all.Active, all.Closed, all.Merged, all.BeforeCampaign, all.Retained, all.OpenFlags, all.Zombies,
                allRequests.InProgress, allRequests.Overdue);

            var byTownship = groups.Where(g => g.Dimension == "township").ToDictionary(g => g.Key, StringComparer.Ordinal);
            var requestsByTownship = requests.Where(r => !r.IsAll).ToDictionary(r => r.Key, StringComparer.Ordinal);
            var rows = townships.Select(t =>
            {
                var key = t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var g = byTownship.GetValueOrDefault(key) ?? new Group("township", key, 0, 0, 0, 0, 0, 0, 0, 0);
                var r = requestsByTownship.GetValueOrDefault(key) ?? new RequestGroup(key, false, 0, 0);
                return new TownshipRow(
                    t.Id, t.Name, t.Level, g.BeforeCampaign, g.Total, g.Active, g.Closed, g.Merged, g.Retained, g.OpenFlags, g.Zombies, r.InProgress, r.Overdue);
            }).ToList();

            await transaction.CommitAsync(cancellationToken);
            return (new Summary(asOf, start, tiles, Split(groups, "level"), Split(groups, "platform"), trend, zombies, rows), snapshot);
        }

        /// <summary>
        /// Reach moved to the county account: per complete month, the reads of the hubs' posts next to the reads of the
        /// posts of the accounts merged into them (each post counted by its latest snapshot at or before the day).
        /// </summary>
        public async Task<IReadOnlyList<ReachMonth>> ReachAsync(DateOnly asOf, UserScope scope, int months = 18, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var end = ShanghaiCalendar.EndOf(asOf).UtcDateTime;

            // The month of the day is drawn only once it is complete: a month of six days would read as reach collapsing.
            var lastMonth = asOf.AddDays(1).Day == 1 ? asOf : new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1);
            var from = lastMonth.AddMonths(-months + 1);
            return await db.Database.SqlQueryRaw<ReachMonth>(
                """
                WITH hubs AS (
                    SELECT a.id FROM accounts a JOIN units u ON u.id = a.unit_id
                    WHERE a.is_hub AND u.path LIKE {2} || '%'
                ),
                merged AS (
                    SELECT DISTINCT c.account_id AS id FROM account_status_changes c
                    WHERE c.status = 'merged' AND c.effective_on <= {0} AND c.merged_into_account_id IN (SELECT id FROM hubs)
                ),
                post_reads AS (
                    SELECT date_trunc('month', p.published_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
                           p.account_id IN (SELECT id FROM hubs) AS is_hub,
                           COALESCE(r.reads, 0) AS reads
                    FROM posts p
                    LEFT JOIN LATERAL (
                        SELECT s.reads FROM read_snapshots s
                        WHERE s.post_id = p.id AND s.captured_at < {1}
                        ORDER BY s.captured_at DESC LIMIT 1
                    ) r ON TRUE
                    WHERE (p.account_id IN (SELECT id FROM hubs) OR p.account_id IN (SELECT id FROM merged))
                      AND p.published_at >= {3} AND p.published_at < {1}
                )
                SELECT m::date AS "Month",
                       COALESCE(sum(pr.reads) FILTER (WHERE pr.is_hub), 0)::bigint AS "HubReads",
                       COALESCE(sum(pr.reads) FILTER (WHERE NOT pr.is_hub), 0)::bigint AS "MergedAccountsReads"
                FROM generate_series(date_trunc('month', {3}::timestamp), date_trunc('month', {4}::timestamp), interval '1 month') m
                LEFT JOIN post_reads pr ON pr.month = m::date
                GROUP BY m ORDER BY m
                """,
                asOf, new DateTimeOffset(end, TimeSpan.Zero), scope.VisiblePathPrefix, new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc), lastMonth)
                .ToListAsync(cancellationToken);
        }

        private static List<StatusSplit> Split(IEnumerable<Group> groups, string dimension) =>
            groups.Where(g => g.Dimension == dimension)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StatusSplit(g.Key, g.Active, g.Closed, g.Merged, g.Retained))
                .ToList();
    }
}
