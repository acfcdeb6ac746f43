using AccountRegistry.Application.Tests.Content;
using AccountRegistry.Application.Verification;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Tests.Verification;

public sealed class VerifyAccountTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_ForActiveClosedMergedAndUnknownAccounts()
    {
        await using var world = await ContentWorld.CreateAsync();
        var hub = await world.Build.AccountAsync(world.County, "岳麓发布", Platform.Weibo, isHub: true, accountId: "1000001");
        var active = await world.Build.AccountAsync(world.Wangyue, "望岳优生活", Platform.Wechat, accountId: "gh_wangyue");
        var closed = await world.Build.AccountAsync(world.Lianhua, "莲花镇政务", Platform.Douyin, accountId: "lianhua_dy");
        var merged = await world.Build.AccountAsync(world.Lianhua, "莲花镇微博", Platform.Weibo, accountId: "2000002");
        await world.ChangeAccountAsync(closed.Id, a => a.Close(new DateOnly(2026, 5, 1), "stale", "admin", world.Clock.GetUtcNow()));
        var hubEntity = await world.ChangeAccountAsync(hub.Id, _ => { });
        await world.ChangeAccountAsync(merged.Id, a => a.MergeInto(hubEntity, new DateOnly(2026, 6, 2), "merge", "admin", world.Clock.GetUtcNow()));
        var verify = world.Get<VerifyAccount.Handler>();

        Assert.Equal(
            new VerifyAccount.Answer(true, Platform.Wechat, "gh_wangyue", "望岳优生活", "望岳街道办事处", AccountStatus.Active, null, null),
            await verify.VerifyAsync(Platform.Wechat, " gh_wangyue ", Token));
        Assert.Equal(
            new VerifyAccount.Answer(true, Platform.Douyin, "lianhua_dy", "莲花镇政务", "莲花镇人民政府", AccountStatus.Closed, new DateOnly(2026, 5, 1), null),
            await verify.VerifyAsync(Platform.Douyin, "lianhua_dy", Token));
        Assert.Equal(
            new VerifyAccount.Answer(true, Platform.Weibo, "2000002", "莲花镇微博", "莲花镇人民政府", AccountStatus.Merged, new DateOnly(2026, 6, 2), new(Platform.Weibo, "1000001", "岳麓发布")),
            await verify.VerifyAsync(Platform.Weibo, "2000002", Token));
        Assert.Equal(
            new VerifyAccount.Answer(false, Platform.Wechat, "gh_impostor", null, null, null, null, null),
            await verify.VerifyAsync(Platform.Wechat, "gh_impostor", Token));
        Assert.Equal(
            new VerifyAccount.Answer(false, Platform.Weibo, "gh_wangyue", null, null, null, null, null),
            await verify.VerifyAsync(Platform.Weibo, "gh_wangyue", Token));
        Assert.NotEqual(0, active.Id);
    }

    [Theory]
    [InlineData("https://weibo.com/u/1234567890", Platform.Weibo, "1234567890")]
    [InlineData("weibo.com/1234567890", Platform.Weibo, "1234567890")]
    [InlineData("https://m.weibo.cn/profile/1234567890?from=x", Platform.Weibo, "1234567890")]
    [InlineData("https://www.douyin.com/user/MS4wLjABAAAA-abc_123", Platform.Douyin, "MS4wLjABAAAA-abc_123")]
    [InlineData("https://space.bilibili.com/123456/dynamic", Platform.Bilibili, "123456")]
    [InlineData("https://www.toutiao.com/c/user/token/MS4wLjABAAAA/", Platform.Toutiao, "MS4wLjABAAAA")]
    [InlineData("https://www.toutiao.com/c/user/5432109876/", Platform.Toutiao, "5432109876")]
    [InlineData("https://www.kuaishou.com/profile/3xabc123", Platform.Kuaishou, "3xabc123")]
    public void AccountUrl_OfTheMainPlatforms_GivesPlatformAndId(string url, Platform platform, string id)
    {
        Assert.True(AccountUrl.TryParse(url, out var parsedPlatform, out var parsedId));
        Assert.Equal((platform, id), (parsedPlatform, parsedId));
    }

    [Theory]
    [InlineData("https://mp.weixin.qq.com/s?__biz=MzA5&mid=1")]
    [InlineData("https://weibo.com/u/")]
    [InlineData("https://evil-weibo.com/u/1234567890")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public void AccountUrl_Unrecognised_IsRefused(string url) =>
        Assert.False(AccountUrl.TryParse(url, out _, out _));
}
