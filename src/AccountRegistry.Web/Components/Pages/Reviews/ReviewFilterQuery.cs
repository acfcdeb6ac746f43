using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

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
        var parts = new List<string> { "state=" + SavedFilters.StateCode(filter.State) };
        if (filter.Rule is { } rule)
        {
            parts.Add("rule=" + rule.ToCode());
        }

        if (filter.Recommendation is { } recommendation)
        {
            parts.Add("recommendation=" + recommendation.ToCode());
        }

        if (filter.UnitId is { } unitId)
        {
            parts.Add("unitId=" + unitId.ToString(CultureInfo.InvariantCulture));
        }

        if (filter.Platform is { } platform)
        {
            parts.Add("platform=" + platform.ToCode());
        }

        if (filter.Level is { } level)
        {
            parts.Add("level=" + level.ToCode());
        }

        if (filter.MinFlagAgeDays is { } days)
        {
            parts.Add("minAge=" + days.ToString(CultureInfo.InvariantCulture));
        }

        if (filter.ContentCheck is { } contentCheck)
        {
            parts.Add("contentCheck=" + contentCheck.ToCode());
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            parts.Add("search=" + Uri.EscapeDataString(filter.Search));
        }

        return string.Join('&', parts);
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
