using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The hubs an account may be merged into: the live hub accounts (is_hub, active) of its county, the county being
/// the unit's nearest county ancestor (spec/rules.md, "Recommendation"). A reviewer may pick another hub than the
/// rules named, but never one of another county.
/// </summary>
internal static class CountyHubs
{
    public sealed record Hub(int AccountId, string Name, Platform Platform, string PlatformAccountId);

    /// <summary>The nearest county on a unit path (row alias with a unit_path column), or null.</summary>
    public static string CountyIdExpression(string pathExpression) => $"""
        (SELECT x.id
         FROM unnest(string_to_array(btrim({pathExpression}, '/'), '/')::int[]) WITH ORDINALITY AS t(id, ord)
         JOIN units x ON x.id = t.id
         WHERE x.level = 'county'
         ORDER BY t.ord DESC
         LIMIT 1)
        """;

    private sealed record HubRecord(int AccountId, string Name, string Platform, string PlatformAccountId);

    private sealed record CountyRecord(int? CountyId);

    public static async Task<int?> CountyOfUnitAsync(RegistryDbContext db, int unitId, CancellationToken cancellationToken)
    {
        var sql = $$"""SELECT {{CountyIdExpression("u.path")}} AS "CountyId" FROM units u WHERE u.id = {0}""";
        var found = await db.Database.SqlQueryRaw<CountyRecord>(sql, unitId).ToListAsync(cancellationToken);
        return found.SingleOrDefault()?.CountyId;
    }

    /// <summary>The county's live hubs, WeChat first (the usual target), then by platform code and account id.</summary>
    public static async Task<IReadOnlyList<Hub>> OfCountyAsync(RegistryDbContext db, int? countyId, CancellationToken cancellationToken)
    {
        if (countyId is null)
        {
            return [];
        }

        var sql = $$"""
                SELECT a.id AS "AccountId", a.name AS "Name", a.platform::text AS "Platform", a.platform_account_id AS "PlatformAccountId"
                FROM accounts a
                JOIN units u ON u.id = a.unit_id
                WHERE a.is_hub AND a.status = 'active' AND {{CountyIdExpression("u.path")}} = {0}
                ORDER BY a.platform <> 'wechat', a.platform COLLATE "C", a.platform_account_id COLLATE "C"
                """;
        var hubs = await db.Database.SqlQueryRaw<HubRecord>(sql, countyId.Value).ToListAsync(cancellationToken);
        return hubs.Select(h => new Hub(h.AccountId, h.Name, Platforms.Parse(h.Platform), h.PlatformAccountId)).ToList();
    }
}
