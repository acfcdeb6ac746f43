using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Units;

/// <summary>
/// The one place that answers "the county of this unit" (its nearest county ancestor, spec/rules.md) and "the live
/// hubs of that county" (is_hub, active). Which of them an account merges into is <see cref="MergeTargets.Pick"/>.
/// The review decision, the review case, the closure form and the closing notice all ask here; the nightly
/// evaluation reads the same facts set-based (RuleFacts) and picks with the same <see cref="MergeTargets"/>.
/// </summary>
public static class CountyHubs
{
    /// <summary>The nearest county on a unit path (a SQL expression yielding a path such as '/1/7/42/'), or null.</summary>
    /// <remarks>A primary-key probe per path element (OFFSET 0 keeps PostgreSQL from hashing all units per row instead).</remarks>
    public static string CountyIdExpression(string pathExpression) => $"""
        (SELECT x.id
         FROM unnest(string_to_array(btrim({pathExpression}, '/'), '/')::int[]) WITH ORDINALITY AS t(id, ord)
         JOIN LATERAL (SELECT pu.id, pu.level FROM units pu WHERE pu.id = t.id OFFSET 0) x ON TRUE
         WHERE x.level = 'county'
         ORDER BY t.ord DESC
         LIMIT 1)
        """;

    private sealed record HubRecord(int AccountId, string Name, string Platform, string PlatformAccountId, int CountyId);

    private sealed record CountyRecord(int? CountyId);

    public static async Task<int?> CountyOfUnitAsync(RegistryDbContext db, int unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = $$"""SELECT {{CountyIdExpression("u.path")}} AS "CountyId" FROM units u WHERE u.id = {0}""";
        var found = await db.Database.SqlQueryRaw<CountyRecord>(sql, unitId).ToListAsync(cancellationToken);
        return found.SingleOrDefault()?.CountyId;
    }

    /// <summary>The one county all these units lie in; null when they lie in several, or in none.</summary>
    public static async Task<int?> CommonCountyAsync(RegistryDbContext db, int[] unitIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = $$"""SELECT DISTINCT {{CountyIdExpression("u.path")}} AS "CountyId" FROM units u WHERE u.id = ANY({0})""";
        var found = await db.Database.SqlQueryRaw<CountyRecord>(sql, unitIds).ToListAsync(cancellationToken);
        return found.Count == 1 ? found[0].CountyId : null;
    }

    /// <summary>The county's live hubs, WeChat first (the usual target), then by platform code and platform account id.</summary>
    public static async Task<IReadOnlyList<Hub>> OfCountyAsync(RegistryDbContext db, int? countyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (countyId is null)
        {
            return [];
        }

        var sql = $$"""
                SELECT a.id AS "AccountId", a.name AS "Name", a.platform::text AS "Platform", a.platform_account_id AS "PlatformAccountId", {0} AS "CountyId"
                FROM accounts a
                JOIN units u ON u.id = a.unit_id
                WHERE a.is_hub AND a.status = 'active' AND {{CountyIdExpression("u.path")}} = {0}
                ORDER BY a.platform <> 'wechat', a.platform COLLATE "C", a.platform_account_id COLLATE "C"
                """;
        var hubs = await db.Database.SqlQueryRaw<HubRecord>(sql, countyId.Value).ToListAsync(cancellationToken);
        return hubs.Select(h => new Hub(h.AccountId, Platforms.Parse(h.Platform), h.PlatformAccountId, h.Name, h.CountyId)).ToList();
    }

    /// <summary>The live hubs of the unit's county.</summary>
    public static async Task<IReadOnlyList<Hub>> OfUnitAsync(RegistryDbContext db, int unitId, CancellationToken cancellationToken) =>
        await OfCountyAsync(db, await CountyOfUnitAsync(db, unitId, cancellationToken), cancellationToken);
}
