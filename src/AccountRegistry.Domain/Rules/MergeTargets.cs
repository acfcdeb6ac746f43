using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// Where a merge goes (spec/rules.md): the account's county's hub on the same platform; else that county's hub on
/// wechat; else any hub of that county, lowest platform code then account_id; else none ("no hub"). Several hubs in
/// one step: the lowest account_id. Every comparison is ordinal on the spec's codes, so the answer does not depend
/// on the machine's culture.
/// </summary>
public sealed class MergeTargets
{
    private readonly Dictionary<int, List<Hub>> hubsByCounty = [];

    public MergeTargets(IEnumerable<Hub> hubs)
    {
        ArgumentNullException.ThrowIfNull(hubs);
        foreach (var hub in hubs)
        {
            if (hub.CountyUnitId is not { } county)
            {
                continue;
            }

            if (!hubsByCounty.TryGetValue(county, out var list))
            {
                hubsByCounty[county] = list = [];
            }

            list.Add(hub);
        }
    }

    /// <summary>The hub an account of this platform and county merges into; null when the county has none.</summary>
    public Hub? Resolve(Platform platform, int? countyUnitId) =>
        countyUnitId is { } county && hubsByCounty.TryGetValue(county, out var hubs) ? Pick(hubs, platform) : null;

    /// <summary>
    /// The one answer to "which hub does an account of <paramref name="platform"/> merge into", among the live hubs of
    /// its county: the rules, the review decision, the closure form's default and the closing notice all ask here.
    /// </summary>
    public static Hub? Pick(IEnumerable<Hub> countyHubs, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(countyHubs);
        var hubs = countyHubs as IReadOnlyCollection<Hub> ?? [.. countyHubs];
        return Lowest(hubs.Where(h => h.Platform == platform))
            ?? Lowest(hubs.Where(h => h.Platform == Platform.Wechat))
            ?? hubs.OrderBy(h => h.Platform.ToCode(), StringComparer.Ordinal)
                .ThenBy(h => h.PlatformAccountId, StringComparer.Ordinal)
                .FirstOrDefault();
    }

    private static Hub? Lowest(IEnumerable<Hub> hubs) =>
        hubs.OrderBy(h => h.PlatformAccountId, StringComparer.Ordinal).FirstOrDefault();
}
