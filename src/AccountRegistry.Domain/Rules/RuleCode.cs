using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Rules;

/// <summary>The rules of spec/rules.md. Their codes are part of the contract (JSON output, stored results, flags).</summary>
public enum RuleCode
{
    NeverPosted,
    Stale,
    LowReads,
    Unattended,
    BelowCountyLevel,
    DuplicatePlatform,
    DuplicateContent,
    RepostHeavy,
}

/// <summary>What a rule asks for when it fires.</summary>
public enum RuleAction
{
    Close,
    Merge,
}

public static class RuleCodes
{
    /// <summary>
    /// The spec sorts rules "by code": ordinal order of the code strings, which is not the enum's declaration order
    /// (BELOW_COUNTY_LEVEL sorts first).
    /// </summary>
    public static IComparer<RuleCode> ByCode { get; } = Comparer<RuleCode>.Create(
        (x, y) => string.CompareOrdinal(x.ToCode(), y.ToCode()));

    public static string ToCode(this RuleCode rule) => rule switch
    {
        RuleCode.NeverPosted => "NEVER_POSTED",
        RuleCode.Stale => "STALE",
        RuleCode.LowReads => "LOW_READS",
        RuleCode.Unattended => "UNATTENDED",
        RuleCode.BelowCountyLevel => "BELOW_COUNTY_LEVEL",
        RuleCode.DuplicatePlatform => "DUPLICATE_PLATFORM",
        RuleCode.DuplicateContent => "DUPLICATE_CONTENT",
        RuleCode.RepostHeavy => "REPOST_HEAVY",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    public static RuleAction Action(this RuleCode rule) => rule switch
    {
        RuleCode.NeverPosted or RuleCode.Stale or RuleCode.LowReads or RuleCode.Unattended => RuleAction.Close,
        RuleCode.BelowCountyLevel or RuleCode.DuplicatePlatform or RuleCode.DuplicateContent or RuleCode.RepostHeavy => RuleAction.Merge,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private static readonly EnumCodes<RuleCode> RuleCodeCodes = new(ToCode);

    public static bool TryParse(string? code, out RuleCode rule) => RuleCodeCodes.TryParse(code, out rule);

    public static RuleCode Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown RuleCode code '{code}'.");
}
