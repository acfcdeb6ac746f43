using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Inspections;

/// <summary>
/// The codes the inspection rounds' and rectifications' enums are stored as (lower snake case, like every other stored
/// enum), so that renaming a C# member never changes what the database holds and SQL reads the same words.
/// </summary>
public static class RoundStates
{
    private static readonly EnumCodes<RoundState> Codes = new(ToCode);

    public static string ToCode(this RoundState state) => state switch
    {
        RoundState.Open => "open",
        RoundState.Checked => "checked",
        RoundState.Published => "published",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static RoundState Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown round state '{code}'.");
}

public static class RoundScopes
{
    private static readonly EnumCodes<RoundScope> Codes = new(ToCode);

    public static string ToCode(this RoundScope scope) => scope switch
    {
        RoundScope.District => "district",
        RoundScope.Townships => "townships",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static RoundScope Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown round scope '{code}'.");
}

public static class RoundSamplings
{
    private static readonly EnumCodes<RoundSampling> Codes = new(ToCode);

    public static string ToCode(this RoundSampling sampling) => sampling switch
    {
        RoundSampling.AllLive => "all_live",
        RoundSampling.Stratified => "stratified",
        _ => throw new ArgumentOutOfRangeException(nameof(sampling), sampling, null),
    };

    public static RoundSampling Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown round sampling '{code}'.");
}

public static class ManualFindingKinds
{
    private static readonly EnumCodes<ManualFindingKind> Codes = new(ToCode);

    public static string ToCode(this ManualFindingKind kind) => kind switch
    {
        ManualFindingKind.Veto => "veto",
        ManualFindingKind.Deduction => "deduction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ManualFindingKind Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown manual finding kind '{code}'.");
}

public static class ManualFindingItems
{
    private static readonly EnumCodes<ManualFindingItem> Codes = new(ToCode);

    /// <summary>The stored code; a rectification task names the item as MANUAL_ and the code in capitals (MANUAL_BROKEN_MENU).</summary>
    public static string ToCode(this ManualFindingItem item) => item switch
    {
        ManualFindingItem.BrokenMenu => "broken_menu",
        ManualFindingItem.CommercialAds => "commercial_ads",
        ManualFindingItem.UnrelatedLikes => "unrelated_likes",
        ManualFindingItem.UnusableApp => "unusable_app",
        ManualFindingItem.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    public static ManualFindingItem Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown manual finding item '{code}'.");
}

public static class RectificationStates
{
    private static readonly EnumCodes<RectificationState> Codes = new(ToCode);

    public static string ToCode(this RectificationState state) => state switch
    {
        RectificationState.Open => "open",
        RectificationState.Answered => "answered",
        RectificationState.SentBack => "sent_back",
        RectificationState.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static RectificationState Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown rectification state '{code}'.");
}

public static class RectificationActions
{
    private static readonly EnumCodes<RectificationAction> Codes = new(ToCode);

    public static string ToCode(this RectificationAction action) => action switch
    {
        RectificationAction.Created => "created",
        RectificationAction.Answered => "answered",
        RectificationAction.SentBack => "sent_back",
        RectificationAction.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static RectificationAction Parse(string code) =>
        Codes.TryParse(code, out var value) ? value : throw new FormatException($"Unknown rectification step '{code}'.");
}
