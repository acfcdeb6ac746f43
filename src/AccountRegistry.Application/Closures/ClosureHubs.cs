using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// The county hubs a closure request may merge into, and the default the rules name. Both come from the one place
/// that answers them (<see cref="CountyHubs"/>, <see cref="MergeTargets.Pick"/>), so the closure form, the notice,
/// the review decision and the rules agree. Hubs are public county accounts, so a clerk sees them although they lie
/// outside the clerk's unit.
/// </summary>
public static class ClosureHubs
{
    public sealed record Hub(int Id, string Name, Platform Platform, string PlatformAccountId);

    /// <summary>The live hubs of the unit's county (WeChat first, then by platform and platform account id).</summary>
    public static async Task<IReadOnlyList<Hub>> OfCountyAsync(RegistryDbContext db, int unitId, CancellationToken cancellationToken) =>
        (await CountyHubs.OfUnitAsync(db, unitId, cancellationToken))
            .Select(h => new Hub(h.AccountId, h.Name, h.Platform, h.PlatformAccountId))
            .ToList();

    /// <summary>The hub the rules name for an account of <paramref name="platform"/> (spec/rules.md's tie-breaks).</summary>
    public static Hub? DefaultFor(IReadOnlyList<Hub> hubs, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(hubs);
        var picked = MergeTargets.Pick(hubs.Select(h => new Domain.Rules.Hub(h.Id, h.Platform, h.PlatformAccountId, h.Name, null)), platform);
        return picked is null ? null : hubs.First(h => h.Id == picked.AccountId);
    }
}
