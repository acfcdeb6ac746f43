using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Rules;

public class MergeTargetsTests
{
    private const int County = 1;
    private const int OtherCounty = 2;

    private static Hub Hub(string accountId, Platform platform, int? county = County) =>
        new(accountId.Length, platform, accountId, "hub " + accountId, county);

    [Fact]
    public void Resolve_SamePlatformHubOfTheCounty()
    {
        var targets = new MergeTargets([Hub("gh_hub", Platform.Wechat), Hub("wb_hub", Platform.Weibo)]);

        Assert.Equal("wb_hub", targets.Resolve(Platform.Weibo, County)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_NoHubOnThePlatform_FallsBackToTheCountysWechatHub()
    {
        var targets = new MergeTargets([Hub("dy_hub", Platform.Douyin), Hub("gh_hub", Platform.Wechat)]);

        Assert.Equal("gh_hub", targets.Resolve(Platform.Weibo, County)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_NoWechatHub_FallsBackToLowestPlatformCodeThenAccountId()
    {
        // Codes sort app < bilibili < douyin < … < website < wechat < weibo, not in the enum's order.
        var targets = new MergeTargets([Hub("wb_hub", Platform.Weibo), Hub("dy_b", Platform.Douyin), Hub("dy_a", Platform.Douyin), Hub("web_hub", Platform.Website)]);

        Assert.Equal("dy_a", targets.Resolve(Platform.Kuaishou, County)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_AppSortsBeforeBilibiliByCode()
    {
        var targets = new MergeTargets([Hub("bili", Platform.Bilibili), Hub("zz_app", Platform.App)]);

        Assert.Equal("zz_app", targets.Resolve(Platform.Weibo, County)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_SeveralHubsInOneStep_LowestAccountIdOrdinal()
    {
        var targets = new MergeTargets([Hub("gh_b", Platform.Wechat), Hub("gh_B", Platform.Wechat), Hub("gh_c", Platform.Wechat)]);

        Assert.Equal("gh_B", targets.Resolve(Platform.Wechat, County)?.PlatformAccountId);
        Assert.Equal("gh_B", targets.Resolve(Platform.Douyin, County)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_CountyWithoutHub_IsNoneEvenWhenAnotherCountyHasOne()
    {
        var targets = new MergeTargets([Hub("gh_hub", Platform.Wechat, OtherCounty)]);

        Assert.Null(targets.Resolve(Platform.Wechat, County));
        Assert.Equal("gh_hub", targets.Resolve(Platform.Wechat, OtherCounty)?.PlatformAccountId);
    }

    [Fact]
    public void Resolve_AccountOutsideAnyCounty_IsNone()
    {
        var targets = new MergeTargets([Hub("gh_hub", Platform.Wechat), Hub("x", Platform.Wechat, null)]);

        Assert.Null(targets.Resolve(Platform.Wechat, null));
    }
}
