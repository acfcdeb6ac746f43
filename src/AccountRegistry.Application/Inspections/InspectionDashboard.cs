using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// The dashboard's inspection panel: fail / pass / excellent as of the latest inspection on or before the dashboard's
/// day, by township (the unit right under the county, as the other dashboard figures group) and by platform, in the
/// user's scope. One grouping-sets aggregate over that inspection's results.
/// </summary>
public static class InspectionDashboard
{
    public sealed record Counts(int Fail, int Pass, int Excellent)
    {
        public int Total => Fail + Pass + Excellent;
    }

    public sealed record Line(string Key, Counts Counts);

    public sealed record TownshipLine(int UnitId, string UnitName, Counts Counts);

    public sealed record Summary(long InspectionId, DateOnly AsOf, Counts All, IReadOnlyList<Line> ByPlatform, IReadOnlyList<TownshipLine> ByTownship);

    private sealed record Group(string Dimension, string Key, int Fail, int Pass, int Excellent);

    private sealed record Latest(long Id, DateOnly AsOf);

    private sealed record Township(int Id, string Name);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        /// <summary>The counts of the latest inspection as of <paramref name="asOf"/>; null when none had been run by then.</summary>
        public async Task<Summary?> SummaryAsync(DateOnly asOf, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            var prefix = scope.VisiblePathPrefix;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var latest = await db.Inspections.AsNoTracking().Where(i => i.AsOf <= asOf)
                .OrderByDescending(i => i.AsOf).ThenByDescending(i => i.Id)
                .Select(i => new Latest(i.Id, i.AsOf))
                .FirstOrDefaultAsync(cancellationToken);
            if (latest is null)
            {
                return null;
            }

            var groups = await db.Database.SqlQueryRaw<Group>(
                """
                SELECT CASE WHEN GROUPING(a.platform) = 0 THEN 'platform' WHEN GROUPING(top_id) = 0 THEN 'township' ELSE 'all' END AS "Dimension",
                       COALESCE(a.platform, top_id::text, '') AS "Key",
                       count(*) FILTER (WHERE r.result = 'fail')::int AS "Fail",
                       count(*) FILTER (WHERE r.result = 'pass')::int AS "Pass",
                       count(*) FILTER (WHERE r.result = 'excellent')::int AS "Excellent"
                FROM inspection_results r
                JOIN accounts a ON a.id = r.account_id
                JOIN units u ON u.id = a.unit_id
                CROSS JOIN LATERAL (SELECT NULLIF(split_part(u.path, '/', 3), '')::int AS top_id) t
                WHERE r.inspection_id = {0} AND u.path LIKE {1} || '%'
                GROUP BY GROUPING SETS ((a.platform), (top_id), ())
                """,
                latest.Id,
                prefix).ToListAsync(cancellationToken);
            var townships = await db.Database.SqlQueryRaw<Township>(
                """
                SELECT t.id AS "Id", t.name AS "Name" FROM units t
                WHERE t.level IN ('township', 'street') AND t.path LIKE {0} || '%'
                ORDER BY t.code
                """,
                prefix).ToListAsync(cancellationToken);

            static Counts Of(Group? g) => g is null ? new Counts(0, 0, 0) : new Counts(g.Fail, g.Pass, g.Excellent);
            var byTownship = groups.Where(g => g.Dimension == "township").ToDictionary(g => g.Key, StringComparer.Ordinal);
            return new Summary(
                latest.Id,
                latest.AsOf,
                Of(groups.SingleOrDefault(g => g.Dimension == "all")),
                [.. groups.Where(g => g.Dimension == "platform").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Line(g.Key, Of(g)))],
                [.. townships.Select(t => new TownshipLine(t.Id, t.Name, Of(byTownship.GetValueOrDefault(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))))]);
        }
    }
}
