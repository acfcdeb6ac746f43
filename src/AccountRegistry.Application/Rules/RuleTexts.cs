using System.Globalization;
using System.Resources;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// The rules' words for people: rule names, recommendations and evidence sentences, in Simplified Chinese (the
/// default) or English, from RuleTexts(.en).resx. Stored evidence carries the Chinese sentence so that exports and
/// history read the same as the screen did on the day.
/// </summary>
public static class RuleTexts
{
    private static readonly ResourceManager Resources = new("AccountRegistry.Application.Rules.RuleTexts", typeof(RuleTexts).Assembly);

    /// <summary>ResourceManager walks the culture fallback chain on every call; an evaluation asks tens of thousands of times.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, string Culture), string> Cache = new();

    /// <summary>The culture of the sentences stored with evaluations and flags.</summary>
    public static CultureInfo StoredCulture { get; } = CultureInfo.GetCultureInfo("zh-CN");

    public static string RuleName(RuleCode rule, CultureInfo culture) => Text($"Rule.{rule.ToCode()}", culture);

    public static string RecommendationName(Recommendation recommendation, CultureInfo culture) =>
        Text($"Recommendation.{recommendation.ToCode()}", culture);

    public static string LevelName(UnitLevel level, CultureInfo culture) => Text($"Level.{level.ToCode()}", culture);

    /// <summary>One sentence of evidence, e.g. "最后发文 2019-08-03，已 1,573 天未更新" / "last post 2019-08-03, 1,573 days".</summary>
    public static string Describe(RuleFinding finding, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(culture);
        var key = $"Evidence.{finding.Rule.ToCode()}";
        return finding.Rule switch
        {
            RuleCode.NeverPosted => Format(key, culture, Day(finding.OpenedOn), finding.Days ?? 0),
            RuleCode.Stale => Format(key, culture, Day(finding.LastPostDay), finding.Days ?? 0),
            RuleCode.LowReads => Format(key, culture, finding.MeanReads ?? 0m, finding.Posts ?? 0),
            RuleCode.Unattended => Text(key, culture),
            RuleCode.BelowCountyLevel => Format(key, culture, finding.UnitLevel is { } level ? LevelName(level, culture) : string.Empty),
            RuleCode.DuplicatePlatform => Format(key, culture, JoinNames(finding.Siblings ?? [], culture), finding.Keeper ?? string.Empty),
            RuleCode.DuplicateContent => finding.CopiedAccount is null
                ? Format(key + ".NoSource", culture, finding.Duplicates ?? 0, finding.Posts ?? 0)
                : Format(key, culture, finding.Duplicates ?? 0, finding.Posts ?? 0, finding.CopiedAccount),
            RuleCode.RepostHeavy => Format(key, culture, finding.Originals ?? 0, finding.Posts ?? 0),
            _ => throw new ArgumentOutOfRangeException(nameof(finding), finding.Rule, null),
        };
    }

    /// <summary>"甲、乙和丙" / "A, B and C".</summary>
    public static string JoinNames(IReadOnlyList<string> names, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count switch
        {
            0 => string.Empty,
            1 => names[0],
            _ => string.Join(Text("Evidence.ListSeparator", culture), names.Take(names.Count - 1))
                + Text("Evidence.ListLastSeparator", culture) + names[^1],
        };
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    private static string Text(string key, CultureInfo culture) =>
        Cache.GetOrAdd((key, culture.Name), k => Resources.GetString(k.Key, culture) ?? throw new InvalidOperationException($"Missing resource {k.Key}."));

    private static string Format(string key, CultureInfo culture, params object[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}
