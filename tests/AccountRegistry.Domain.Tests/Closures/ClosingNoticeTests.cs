using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Domain.Tests.Closures;

public sealed class ClosingNoticeTests
{
    [Fact]
    public void Compose_Close_NamesTheAccountTheLastDayTheHubAndTheUnit()
    {
        var text = ClosingNotice.Compose(new ClosingNoticeFacts(
            "望岳优生活", Platform.Wechat, "望岳街道办事处", new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 1), false, "指尖岳麓", Platform.Wechat, null));

        Assert.StartsWith("关于「望岳优生活」微信公众号停止更新的公告", text, StringComparison.Ordinal);
        Assert.Contains("根据政务新媒体清理整合工作有关要求", text, StringComparison.Ordinal);
        Assert.Contains("本公众号将于2026年12月31日起停止更新", text, StringComparison.Ordinal);
        Assert.Contains("今后相关信息请关注「指尖岳麓」微信公众号", text, StringComparison.Ordinal);
        Assert.EndsWith("望岳街道办事处\n2026年12月1日", text, StringComparison.Ordinal);
        Assert.DoesNotContain("服务", text.Replace("更好服务群众", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_MergeOfADouyinAccountWithAService_SaysWhereEverythingMoved()
    {
        var text = ClosingNotice.Compose(new ClosingNoticeFacts(
            "望岳抖音", Platform.Douyin, "望岳街道办事处", new DateOnly(2027, 1, 5), new DateOnly(2026, 12, 20), true, "岳麓融媒", Platform.Douyin,
            "「指尖岳麓」公众号“办事服务”栏目"));

        Assert.StartsWith("关于「望岳抖音」抖音号停止更新的公告", text, StringComparison.Ordinal);
        Assert.Contains("本账号将于2027年1月5日起停止更新，相关内容和功能整合至「岳麓融媒」抖音号", text, StringComparison.Ordinal);
        Assert.Contains("原有的便民服务功能已迁移至「指尖岳麓」公众号“办事服务”栏目", text, StringComparison.Ordinal);
        Assert.EndsWith("2026年12月20日", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WithoutAnyHub_PointsToTheGovernmentWebsite()
    {
        var text = ClosingNotice.Compose(new ClosingNoticeFacts(
            "莲花发布", Platform.Weibo, "莲花镇人民政府", new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 24), false, null, null, null));

        Assert.Contains("本微博将于2026年12月1日起停止更新", text, StringComparison.Ordinal);
        Assert.Contains("政府门户网站", text, StringComparison.Ordinal);
        Assert.DoesNotContain("「」", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleNoun_CoversEveryPlatform()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.False(string.IsNullOrEmpty(ClosingNotice.TitleNoun(platform)));
            Assert.False(string.IsNullOrEmpty(ClosingNotice.SelfNoun(platform)));
        }
    }
}
