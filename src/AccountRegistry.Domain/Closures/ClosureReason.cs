using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Closures;

/// <summary>
/// Why an account should go. The choices mirror the rules (spec/rules.md) so that a request opened by a review
/// decision carries the rules' findings in the clerk's words, plus the reasons the rules cannot see.
/// </summary>
public enum ClosureReason
{
    /// <summary>长期未更新或从未发布 (STALE, NEVER_POSTED).</summary>
    Stale,

    /// <summary>关注度低、阅读量少 (LOW_READS).</summary>
    LowReach,

    /// <summary>无人运维 (UNATTENDED).</summary>
    Unattended,

    /// <summary>基层单位原则上不单独开设 (BELOW_COUNTY_LEVEL).</summary>
    BelowCountyLevel,

    /// <summary>同一平台重复开设 (DUPLICATE_PLATFORM).</summary>
    DuplicatePlatform,

    /// <summary>原创内容少、重复转载 (DUPLICATE_CONTENT, REPOST_HEAVY).</summary>
    LittleOriginalContent,

    /// <summary>机构改革或职能调整.</summary>
    Reorganised,

    /// <summary>其他: the free text must say what.</summary>
    Other,
}

public static class ClosureReasons
{
    public static string ToCode(this ClosureReason reason) => reason switch
    {
        ClosureReason.Stale => "stale",
        ClosureReason.LowReach => "low_reach",
        ClosureReason.Unattended => "unattended",
        ClosureReason.BelowCountyLevel => "below_county_level",
        ClosureReason.DuplicatePlatform => "duplicate_platform",
        ClosureReason.LittleOriginalContent => "little_original",
        ClosureReason.Reorganised => "reorganised",
        ClosureReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static readonly EnumCodes<ClosureReason> ClosureReasonCodes = new(ToCode);

    public static bool TryParse(string? code, out ClosureReason reason) => ClosureReasonCodes.TryParse(code, out reason);

    public static ClosureReason Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown ClosureReason code '{code}'.");

    /// <summary>The reason a rule code of spec/rules.md stands for, so a review decision can fill in the request.</summary>
    public static ClosureReason? FromRuleCode(string? ruleCode) => ruleCode switch
    {
        "NEVER_POSTED" or "STALE" => ClosureReason.Stale,
        "LOW_READS" => ClosureReason.LowReach,
        "UNATTENDED" => ClosureReason.Unattended,
        "BELOW_COUNTY_LEVEL" => ClosureReason.BelowCountyLevel,
        "DUPLICATE_PLATFORM" => ClosureReason.DuplicatePlatform,
        "DUPLICATE_CONTENT" or "REPOST_HEAVY" => ClosureReason.LittleOriginalContent,
        _ => null,
    };
}
