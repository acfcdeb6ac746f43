using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Rules;

/// <summary>What the rules service recommends for an account (spec/rules.md, "Recommendation").</summary>
public enum Recommendation
{
    None,
    Close,
    Merge,
}

public static class Recommendations
{
    public static string ToCode(this Recommendation recommendation) => recommendation switch
    {
        Recommendation.None => "none",
        Recommendation.Close => "close",
        Recommendation.Merge => "merge",
        _ => throw new ArgumentOutOfRangeException(nameof(recommendation), recommendation, null),
    };

    private static readonly EnumCodes<Recommendation> RecommendationCodes = new(ToCode);

    public static bool TryParse(string? code, out Recommendation recommendation) => RecommendationCodes.TryParse(code, out recommendation);

    public static Recommendation Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown Recommendation code '{code}'.");

    /// <summary>
    /// Any close rule gives close, except that an account carrying a service is merged instead (the service must move
    /// to the county platform, not vanish); only merge rules give merge; nothing gives none.
    /// </summary>
    public static Recommendation For(IEnumerable<RuleCode> fired, bool providesServices)
    {
        ArgumentNullException.ThrowIfNull(fired);
        var any = false;
        var anyClose = false;
        foreach (var rule in fired)
        {
            any = true;
            anyClose |= rule.Action() == RuleAction.Close;
        }

        if (!any)
        {
            return Recommendation.None;
        }

        return anyClose && !providesServices ? Recommendation.Close : Recommendation.Merge;
    }
}
