using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Tests.Rules;

public class AccountEvaluatorTests
{
    private static readonly MergeTargets Hubs = new([new Hub(99, Platform.Wechat, "gh_hub", "指尖岳麓", 1)]);
    private static readonly MergeTargets NoHubs = new([]);

    private static AccountVerdict Evaluate(AccountFacts facts, MergeTargets? hubs = null, DuplicatePlatformStanding? notKeeper = null) =>
        AccountEvaluator.Evaluate(facts, Facts.T, Thresholds.Defaults, notKeeper, hubs ?? Hubs);

    [Fact]
    public void Evaluate_NothingFires_RecommendsNoneWithoutTarget()
    {
        var verdict = Evaluate(Facts.Healthy());

        Assert.Empty(verdict.Rules);
        Assert.Equal(Recommendation.None, verdict.Recommendation);
        Assert.Null(verdict.MergeTarget);
    }

    [Fact]
    public void Evaluate_CloseAndMergeRulesFire_CloseBeatsMerge()
    {
        var facts = Facts.Account(level: UnitLevel.Street, lastPost: Facts.T.AddDays(-30));

        var verdict = Evaluate(facts);

        Assert.Equal([RuleCode.BelowCountyLevel, RuleCode.Stale], verdict.Rules);
        Assert.Equal(Recommendation.Close, verdict.Recommendation);
        Assert.Null(verdict.MergeTarget);
    }

    [Fact]
    public void Evaluate_CloseRuleOnAccountProvidingServices_RecommendsMergeIntoHub()
    {
        var facts = Facts.Account(providesServices: true, lastPost: Facts.T.AddDays(-30), posts: 0);

        var verdict = Evaluate(facts);

        Assert.Equal([RuleCode.Stale], verdict.Rules);
        Assert.Equal(Recommendation.Merge, verdict.Recommendation);
        Assert.Equal("gh_hub", verdict.MergeTarget?.PlatformAccountId);
    }

    [Fact]
    public void Evaluate_OnlyMergeRules_RecommendsMerge()
    {
        var verdict = Evaluate(Facts.Healthy(level: UnitLevel.Village));

        Assert.Equal([RuleCode.BelowCountyLevel], verdict.Rules);
        Assert.Equal(Recommendation.Merge, verdict.Recommendation);
    }

    [Fact]
    public void Evaluate_MergeWithoutHubInCounty_HasNoTarget()
    {
        var verdict = Evaluate(Facts.Healthy(level: UnitLevel.Village), NoHubs);

        Assert.Equal(Recommendation.Merge, verdict.Recommendation);
        Assert.Null(verdict.MergeTarget);
        Assert.True(verdict.IsMergeWithoutHub);
    }

    [Fact]
    public void Evaluate_Hub_IsExemptFromEveryMergeRule()
    {
        var hub = Facts.Account(level: UnitLevel.Township, isHub: true, lastPost: Facts.T, posts: 12, originals: 0, withReads: 12, reads: 12_000, duplicates: 12);

        var verdict = Evaluate(hub, notKeeper: new DuplicatePlatformStanding("other", ["other"]));

        Assert.Empty(verdict.Rules);
        Assert.Equal(Recommendation.None, verdict.Recommendation);
    }

    [Fact]
    public void Evaluate_Hub_StillGetsCloseRules()
    {
        var hub = Facts.Account(isHub: true, hasOperator: false, lastPost: Facts.T);

        Assert.Equal([RuleCode.Unattended], Evaluate(hub).Rules);
    }

    [Fact]
    public void Evaluate_NeverPostedAccount_GetsNeverPostedNotStale()
    {
        var verdict = Evaluate(Facts.Account(openedOn: Facts.T.AddDays(-400)));

        Assert.Equal([RuleCode.NeverPosted], verdict.Rules);
        Assert.Equal(400, verdict.Findings[0].Days);
    }

    [Fact]
    public void Evaluate_RulesAreSortedByCodeOrdinal()
    {
        var facts = Facts.Account(level: UnitLevel.Street, hasOperator: false, lastPost: Facts.T.AddDays(-20), posts: 12, originals: 0, withReads: 12, reads: 12, duplicates: 9);

        var verdict = Evaluate(facts, notKeeper: new DuplicatePlatformStanding("keeper", ["keeper"]));

        Assert.Equal(
            ["BELOW_COUNTY_LEVEL", "DUPLICATE_CONTENT", "DUPLICATE_PLATFORM", "LOW_READS", "REPOST_HEAVY", "STALE", "UNATTENDED"],
            verdict.Rules.Select(r => r.ToCode()));
    }

    [Fact]
    public void Evaluate_Evidence_CarriesTheFactsThatFired()
    {
        var facts = Facts.Account(lastPost: new DateOnly(2019, 8, 3), posts: 12, originals: 12, withReads: 17, reads: 731, duplicates: 9) with { CopiedAccountName = "指尖岳麓" };

        var verdict = Evaluate(facts);

        var stale = verdict.Findings.Single(f => f.Rule == RuleCode.Stale);
        Assert.Equal(new DateOnly(2019, 8, 3), stale.LastPostDay);
        Assert.Equal(Facts.T.DayNumber - new DateOnly(2019, 8, 3).DayNumber, stale.Days);
        var low = verdict.Findings.Single(f => f.Rule == RuleCode.LowReads);
        Assert.Equal(43m, low.MeanReads);
        Assert.Equal(17, low.Posts);
        var copies = verdict.Findings.Single(f => f.Rule == RuleCode.DuplicateContent);
        Assert.Equal((9, 12, "指尖岳麓"), (copies.Duplicates!.Value, copies.Posts!.Value, copies.CopiedAccount));
    }

    [Fact]
    public void EvaluateSiblings_OnlyTheNonKeepersGetDuplicatePlatform()
    {
        var keeper = Facts.Account("gh_k", withReads: 1, reads: 500, lastPost: Facts.T, posts: 1, originals: 1);
        var other = Facts.Account("gh_o", withReads: 1, reads: 400, lastPost: Facts.T, posts: 1, originals: 1);
        var third = Facts.Account("gh_t", lastPost: Facts.T, posts: 1, originals: 1);

        var verdicts = AccountEvaluator.EvaluateSiblings([other, keeper, third], Facts.T, Thresholds.Defaults, Hubs);

        Assert.Equal([RuleCode.DuplicatePlatform], verdicts[0].Rules);
        Assert.Empty(verdicts[1].Rules);
        Assert.Equal([RuleCode.DuplicatePlatform], verdicts[2].Rules);
        var evidence = verdicts[0].Findings[0];
        Assert.Equal(keeper.Name, evidence.Keeper);
        Assert.Equal([keeper.Name, third.Name], evidence.Siblings);
        Assert.Equal(Recommendation.Merge, verdicts[0].Recommendation);
    }

    [Fact]
    public void EvaluateSiblings_HubIsKeeper_OthersFire()
    {
        var hub = Facts.Account("gh_hub", isHub: true, withReads: 1, reads: 9_000, lastPost: Facts.T, posts: 1, originals: 1);
        var other = Facts.Account("gh_o", withReads: 1, reads: 400, lastPost: Facts.T, posts: 1, originals: 1);

        var verdicts = AccountEvaluator.EvaluateSiblings([hub, other], Facts.T, Thresholds.Defaults, Hubs);

        Assert.Empty(verdicts[0].Rules);
        Assert.Equal([RuleCode.DuplicatePlatform], verdicts[1].Rules);
    }

    [Fact]
    public void EvaluateSiblings_HubThatIsNotKeeper_StaysExempt()
    {
        var hub = Facts.Account("gh_hub", isHub: true, lastPost: Facts.T, posts: 1, originals: 1);
        var popular = Facts.Account("gh_p", withReads: 1, reads: 9_000, lastPost: Facts.T, posts: 1, originals: 1);

        var verdicts = AccountEvaluator.EvaluateSiblings([hub, popular], Facts.T, Thresholds.Defaults, Hubs);

        Assert.Empty(verdicts[0].Rules);
        Assert.Empty(verdicts[1].Rules);
    }

    [Fact]
    public void EvaluateSiblings_SingleAccount_NoDuplicatePlatform()
    {
        var verdicts = AccountEvaluator.EvaluateSiblings([Facts.Healthy()], Facts.T, Thresholds.Defaults, Hubs);

        Assert.Empty(verdicts[0].Rules);
    }

    [Theory]
    [InlineData(new RuleCode[0], false, Recommendation.None)]
    [InlineData(new RuleCode[0], true, Recommendation.None)]
    [InlineData(new[] { RuleCode.Stale }, false, Recommendation.Close)]
    [InlineData(new[] { RuleCode.Stale }, true, Recommendation.Merge)]
    [InlineData(new[] { RuleCode.Unattended, RuleCode.BelowCountyLevel }, false, Recommendation.Close)]
    [InlineData(new[] { RuleCode.Unattended, RuleCode.BelowCountyLevel }, true, Recommendation.Merge)]
    [InlineData(new[] { RuleCode.RepostHeavy }, false, Recommendation.Merge)]
    [InlineData(new[] { RuleCode.DuplicateContent, RuleCode.DuplicatePlatform }, true, Recommendation.Merge)]
    [InlineData(new[] { RuleCode.LowReads }, false, Recommendation.Close)]
    [InlineData(new[] { RuleCode.NeverPosted }, false, Recommendation.Close)]
    public void Recommendation_Precedence(RuleCode[] fired, bool providesServices, Recommendation expected)
    {
        Assert.Equal(expected, Recommendations.For(fired, providesServices));
    }
}
