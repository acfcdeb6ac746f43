using AccountRegistry.Application.Notifications;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// The county hubs a request may merge into, and the default the rules name (spec/rules.md, "Recommendation"):
/// the hub of the account's county on the same platform; else the county's WeChat hub; else any of its hubs (lowest
/// platform code, then id). Hubs are public county accounts, so a clerk sees them although they lie outside the
/// clerk's unit.
/// </summary>
public static class ClosureHubs
{
    public sealed record Hub(int Id, string Name, Platform Platform);

    /// <summary>The live hubs of the nearest county above (or at) the unit, lowest id first. A county has a handful.</summary>
    public static async Task<IReadOnlyList<Hub>> OfCountyAsync(RegistryDbContext db, string unitPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = NotificationRecipients.UnitAndAncestors(unitPath);
        var countyPath = await db.Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.Level == UnitLevel.County)
            .OrderByDescending(u => u.Path.Length)
            .Select(u => u.Path)
            .FirstOrDefaultAsync(cancellationToken);
        if (countyPath is null)
        {
            return [];
        }

        return await db.Accounts.AsNoTracking()
            .Where(a => a.IsHub && a.Status == AccountStatus.Active && a.Unit!.Path.StartsWith(countyPath))
            .OrderBy(a => a.Id)
            .Select(a => new Hub(a.Id, a.Name, a.Platform))
            .ToListAsync(cancellationToken);
    }

    public static Hub? DefaultFor(IReadOnlyList<Hub> hubs, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(hubs);
        return hubs.Where(h => h.Platform == platform).MinBy(h => h.Id)
            ?? hubs.Where(h => h.Platform == Platform.Wechat).MinBy(h => h.Id)
            ?? hubs.OrderBy(h => h.Platform.ToCode(), StringComparer.Ordinal).ThenBy(h => h.Id).FirstOrDefault();
    }
}
