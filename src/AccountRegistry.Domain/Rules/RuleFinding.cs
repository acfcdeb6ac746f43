using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// One rule that fired, with the facts that made it fire (the evidence a reviewer reads: "last post 2019-08-03,
/// 1,573 days"; "mean reads 43 over 17 posts"; "9 of 12 posts copy earlier posts of 指尖岳麓"). Only the members that
/// concern the rule are set.
/// </summary>
public sealed record RuleFinding
{
    public required RuleCode Rule { get; init; }

    /// <summary>NEVER_POSTED: the day the account opened.</summary>
    public DateOnly? OpenedOn { get; init; }

    /// <summary>STALE: the day of the latest post.</summary>
    public DateOnly? LastPostDay { get; init; }

    /// <summary>NEVER_POSTED: T − opened_on; STALE: T − the latest post's day.</summary>
    public int? Days { get; init; }

    /// <summary>LOW_READS: the mean, rounded to two decimals for display.</summary>
    public decimal? MeanReads { get; init; }

    /// <summary>LOW_READS: posts in W with a reads figure; DUPLICATE_CONTENT and REPOST_HEAVY: posts in W.</summary>
    public int? Posts { get; init; }

    /// <summary>DUPLICATE_CONTENT: posts in W copying earlier posts of other accounts.</summary>
    public int? Duplicates { get; init; }

    /// <summary>DUPLICATE_CONTENT: the account most of them copy.</summary>
    public string? CopiedAccount { get; init; }

    /// <summary>REPOST_HEAVY: original posts in W.</summary>
    public int? Originals { get; init; }

    /// <summary>DUPLICATE_PLATFORM: the unit's other live accounts on the platform, by account_id.</summary>
    public IReadOnlyList<string>? Siblings { get; init; }

    /// <summary>DUPLICATE_PLATFORM: the account the unit keeps on the platform.</summary>
    public string? Keeper { get; init; }

    /// <summary>BELOW_COUNTY_LEVEL: the unit's level.</summary>
    public UnitLevel? UnitLevel { get; init; }

    /// <summary>
    /// The one number by which a later finding of the same rule counts as worse than a dismissed one
    /// (<see cref="FlagSeverity"/>); null for rules whose evidence cannot get worse except by time passing.
    /// </summary>
    public decimal? Measure => Rule switch
    {
        RuleCode.LowReads => MeanReads,
        RuleCode.DuplicatePlatform => Siblings?.Count,
        RuleCode.DuplicateContent => Posts is > 0 && Duplicates is { } d ? Math.Round((decimal)d / Posts.Value, 4) : null,
        RuleCode.RepostHeavy => Posts is > 0 && Originals is { } o ? Math.Round((decimal)o / Posts.Value, 4) : null,
        RuleCode.NeverPosted or RuleCode.Stale or RuleCode.Unattended or RuleCode.BelowCountyLevel => null,
        _ => throw new InvalidOperationException($"Unknown rule {Rule}."),
    };
}
