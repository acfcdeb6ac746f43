using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Tests.Rules;

/// <summary>Builders for facts in the rule tables: a live, attended, department-level account with no posts.</summary>
internal static class Facts
{
    public static readonly DateOnly T = new(2026, 11, 23);

    public static AccountFacts Account(
        string accountId = "gh_a",
        Platform platform = Platform.Wechat,
        int unitId = 10,
        UnitLevel level = UnitLevel.Department,
        int? county = 1,
        DateOnly? openedOn = null,
        bool hasOperator = true,
        bool providesServices = false,
        bool isHub = false,
        DateOnly? lastPost = null,
        int posts = 0,
        int originals = 0,
        int withReads = 0,
        long reads = 0,
        int duplicates = 0) => new()
    {
        AccountId = accountId.GetHashCode(StringComparison.Ordinal),
        Platform = platform,
        PlatformAccountId = accountId,
        Name = "name-" + accountId,
        UnitId = unitId,
        UnitLevel = level,
        CountyUnitId = county,
        OpenedOn = openedOn ?? new DateOnly(2020, 1, 1),
        HasOperator = hasOperator,
        ProvidesServices = providesServices,
        IsHub = isHub,
        LastPostDay = lastPost,
        PostsInWindow = posts,
        OriginalsInWindow = originals,
        PostsWithReadsInWindow = withReads,
        ReadsInWindow = reads,
        DuplicatesInWindow = duplicates,
    };

    /// <summary>Recently posting, well read, all original: no rule fires.</summary>
    public static AccountFacts Healthy(string accountId = "gh_a", Platform platform = Platform.Wechat, int unitId = 10, UnitLevel level = UnitLevel.Department) =>
        Account(accountId, platform, unitId, level, lastPost: T, posts: 10, originals: 10, withReads: 10, reads: 10_000);

    public static EvaluationDay Day(DateOnly? asOf = null) => new(asOf ?? T, Thresholds.Defaults.WindowDays);
}
