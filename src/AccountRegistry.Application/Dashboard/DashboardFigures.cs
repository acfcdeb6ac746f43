using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Dashboard;

/// <summary>总览: the campaign's figures as of a day, for the user's scope, each one SQL aggregate over status history.</summary>
public static class DashboardFigures
{
    public sealed record Tiles(int Total, int Active, int Closed, int Merged, int BeforeCampaign);

    public sealed record StatusSplit(string Key, int Active, int Closed, int Merged);

    public sealed record MonthlyChanges(DateOnly Month, int Closed, int Merged);

    public sealed record Summary(
        DateOnly AsOf,
        DateOnly CampaignStart,
        Tiles Tiles,
        IReadOnlyList<StatusSplit> ByLevel,
        IReadOnlyList<StatusSplit> ByPlatform,
        IReadOnlyList<MonthlyChanges> Trend);

    public sealed record TownshipRow(int UnitId, string UnitName, string Level, int BeforeCampaign, int Total, int Active, int Closed, int Merged);

    public sealed record ReachMonth(DateOnly Month, long HubReads, long MergedAccountsReads);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, IOptions<DashboardOptions> options)
    {
        public DateOnly CampaignStart => options.Value.CampaignStart;

        public async Task<Summary> SummaryAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            var prefix = scope.VisiblePathPrefix;
            var start = options.Value.CampaignStart;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);

            var tiles = await db.Database.SqlQueryRaw<Tiles>(
                $$"""
                WITH {{StatusAsOf.AccountsCte}}
                SELECT count(*)::int AS "Total",
                       count(*) FILTER (WHERE status = 'active')::int AS "Active",
                       count(*) FILTER (WHERE status = 'closed')::int AS "Closed",
                       count(*) FILTER (WHERE status = 'merged')::int AS "Merged",
                       count(*) FILTER (WHERE opened_on < {2})::int AS "BeforeCampaign"
                FROM acc
                """, asOf, prefix, start).SingleAsync(cancellationToken);

            var byLevel = await SplitAsync(db, SplitBy.Level, asOf, prefix, cancellationToken);
            var byPlatform = await SplitAsync(db, SplitBy.Platform, asOf, prefix, cancellationToken);
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
            return new Summary(asOf, start, tiles, byLevel, byPlatform, trend);
        }

        /// <summary>Per township and street (the units right under the county): their whole subtree's figures.</summary>
        public async Task<IReadOnlyList<TownshipRow>> TownshipsAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);

            // A path is /county/unit-under-county/...: its third part names the township or street an account belongs to.
            return await db.Database.SqlQueryRaw<TownshipRow>(
                $$"""
                WITH {{StatusAsOf.AccountsCte}},
                by_unit AS (
                    SELECT NULLIF(split_part(path, '/', 3), '')::int AS top_id,
                           count(*) FILTER (WHERE opened_on < {2})::int AS before_campaign,
                           count(*)::int AS total,
                           count(*) FILTER (WHERE status = 'active')::int AS active,
                           count(*) FILTER (WHERE status = 'closed')::int AS closed,
                           count(*) FILTER (WHERE status = 'merged')::int AS merged
                    FROM acc GROUP BY 1
                )
                SELECT t.id AS "UnitId", t.name AS "UnitName", t.level AS "Level",
                       COALESCE(b.before_campaign, 0) AS "BeforeCampaign", COALESCE(b.total, 0) AS "Total",
                       COALESCE(b.active, 0) AS "Active", COALESCE(b.closed, 0) AS "Closed", COALESCE(b.merged, 0) AS "Merged"
                FROM units t
                LEFT JOIN by_unit b ON b.top_id = t.id
                WHERE t.level IN ('township', 'street') AND t.path LIKE {1} || '%'
                ORDER BY t.code
                """, asOf, scope.VisiblePathPrefix, options.Value.CampaignStart).ToListAsync(cancellationToken);
        }

        /// <summary>
        /// Reach moved to the county account: per month, the reads of the hubs' posts next to the reads of the posts of
        /// the accounts merged into them (each post counted by its latest snapshot at or before the day).
        /// </summary>
        public async Task<IReadOnlyList<ReachMonth>> ReachAsync(DateOnly asOf, UserScope scope, int months = 18, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var end = Domain.Common.ShanghaiCalendar.EndOf(asOf).UtcDateTime;
            var from = asOf.AddMonths(-months + 1);
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
                FROM generate_series(date_trunc('month', {3}::timestamp), date_trunc('month', {0}::timestamp), interval '1 month') m
                LEFT JOIN post_reads pr ON pr.month = m::date
                GROUP BY m ORDER BY m
                """,
                asOf, new DateTimeOffset(end, TimeSpan.Zero), scope.VisiblePathPrefix, new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc))
                .ToListAsync(cancellationToken);
        }

        private enum SplitBy
        {
            Level,
            Platform,
        }

        private static Task<List<StatusSplit>> SplitAsync(RegistryDbContext db, SplitBy by, DateOnly asOf, string prefix, CancellationToken cancellationToken)
        {
            var column = by switch
            {
                SplitBy.Level => "level",
                SplitBy.Platform => "platform",
                _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
            };

#pragma warning disable EF1002 // The only interpolated text is one of two fixed column names above; values are parameters.
            return db.Database.SqlQueryRaw<StatusSplit>(
                $$"""
                WITH {{StatusAsOf.AccountsCte}}
                SELECT {{column}}::text AS "Key",
                       count(*) FILTER (WHERE status = 'active')::int AS "Active",
                       count(*) FILTER (WHERE status = 'closed')::int AS "Closed",
                       count(*) FILTER (WHERE status = 'merged')::int AS "Merged"
                FROM acc GROUP BY 1 ORDER BY 1
                """, asOf, prefix).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        }
    }
}
