namespace AccountRegistry.Domain.Rules;

/// <summary>
/// The eight rules of spec/rules.md as pure functions of an account's facts. Comparisons are exact (integers and
/// decimals, never doubles), so an account exactly at a boundary gets the spec's answer: "more than 14 days" is
/// &gt; 14, "at least half" is ≥, "fewer than 20%" is &lt;.
/// </summary>
public static class RuleBook
{
    /// <summary>No post at all by the end of T, and T − opened_on &gt; never_posted_days.</summary>
    public static bool NeverPosted(AccountFacts facts, EvaluationDay day, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        return facts.LastPostDay is null && day.DaysBefore(facts.OpenedOn) > thresholds.NeverPostedDays;
    }

    /// <summary>The latest post's day is more than stale_days before T.</summary>
    public static bool Stale(AccountFacts facts, EvaluationDay day, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        return facts.LastPostDay is { } last && day.DaysBefore(last) > thresholds.StaleDays;
    }

    /// <summary>At least one post in W has a reads figure, and their mean is below low_reads_mean.</summary>
    public static bool LowReads(AccountFacts facts, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);

        // sum / n < mean  ⇔  sum < mean · n for n > 0: no division, no rounding.
        return facts.PostsWithReadsInWindow > 0
            && (decimal)facts.ReadsInWindow < (decimal)thresholds.LowReadsMean * facts.PostsWithReadsInWindow;
    }

    public static bool Unattended(AccountFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return !facts.HasOperator;
    }

    public static bool BelowCountyLevel(AccountFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Units.UnitLevels.IsBelowCountyLevel(facts.UnitLevel);
    }

    /// <summary>At least duplicate_content_min_posts posts in W, and at least duplicate_content_share of them copies.</summary>
    public static bool DuplicateContent(AccountFacts facts, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        return facts.PostsInWindow >= thresholds.DuplicateContentMinPosts
            && facts.DuplicatesInWindow >= thresholds.DuplicateContentShare * facts.PostsInWindow;
    }

    /// <summary>At least repost_heavy_min_posts posts in W, and fewer than repost_heavy_original_share of them original.</summary>
    public static bool RepostHeavy(AccountFacts facts, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        return facts.PostsInWindow >= thresholds.RepostHeavyMinPosts
            && facts.OriginalsInWindow < thresholds.RepostHeavyOriginalShare * facts.PostsInWindow;
    }
}
