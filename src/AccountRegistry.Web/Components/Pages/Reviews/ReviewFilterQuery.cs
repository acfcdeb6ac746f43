using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Components.Shared;

namespace AccountRegistry.Web.Components.Pages.Reviews;

/// <summary>
/// A queue filter as a query string with the spec's codes, so the export link carries exactly the filter on screen.
/// Unknown values are dropped (never widened): the server still applies the user's scope.
/// </summary>
public static class ReviewFilterQuery
{
    public static string ToQuery(ReviewQueue.Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return FilterQuery.Of(
            ("state", SavedFilters.StateCode(filter.State)),
            ("rule", filter.Rule?.ToCode()),
            ("recommendation", filter.Recommendation?.ToCode()),
            ("unitId", filter.UnitId?.ToString(CultureInfo.InvariantCulture)),
            ("platform", filter.Platform?.ToCode()),
            ("level", filter.Level?.ToCode()),
            ("minAge", filter.MinFlagAgeDays?.ToString(CultureInfo.InvariantCulture)),
            ("contentCheck", filter.ContentCheck?.ToCode()),
            ("search", string.IsNullOrWhiteSpace(filter.Search) ? null : Uri.EscapeDataString(filter.Search)));
    }

    public static ReviewQueue.Filter FromValues(string? state, string? rule, string? recommendation, int? unitId, string? platform, string? level, int? minAge, string? search, string? contentCheck = null) =>
        new()
        {
            State = SavedFilters.ParseState(state) ?? ReviewQueue.State.Pending,
            Rule = RuleCodes.TryParse(rule, out var r) ? r : null,
            Recommendation = Recommendations.TryParse(recommendation, out var rec) ? rec : null,
            UnitId = unitId,
            Platform = Platforms.TryParse(platform, out var p) ? p : null,
            Level = UnitLevels.TryParse(level, out var l) ? l : null,
            MinFlagAgeDays = minAge is > 0 ? minAge : null,
            Search = string.IsNullOrWhiteSpace(search) ? null : search,
            ContentCheck = ContentChecks.TryParse(contentCheck, out var c) ? c : null,
        };
}
