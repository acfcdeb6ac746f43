using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Tests.Content;

public sealed class ContentCheckerTests
{
    private static readonly ContentLists Lists = new(
        [new OfficialName("岳麓区", ["岳鹿区", "乐麓区"]), new OfficialName("王建国", ["王建图"])],
        ["赌博网站", "代开发票"],
        ["gov.cn", "yuelu.gov.cn", "weixin.qq.com"]);

    private static readonly ContentChecker Checker = new(Lists);

    [Fact]
    public void MisspeltName_InTraditionalScript_IsCaughtWithTheOriginalText()
    {
        const string text = "今日，嶽鹿區召開會議。";

        var found = Assert.Single(Checker.Check(null, text));

        Assert.Equal(ContentCheck.NameError, found.Check);
        Assert.Equal("岳麓区", found.Detail);
        Assert.Equal("嶽鹿區", found.MatchedText);
        Assert.Equal(3, found.Position);
        Assert.Equal(ContentField.Content, found.Field);
    }

    [Fact]
    public void MisspeltName_SpacedAndInTitle_IsCaught()
    {
        var found = Assert.Single(Checker.Check("区长王 建 图调研", null));

        Assert.Equal(ContentField.Title, found.Field);
        Assert.Equal("王 建 图", found.MatchedText);
        Assert.Equal("王建国", found.Detail);
    }

    [Fact]
    public void CorrectName_InAnyScript_IsNotReported() =>
        Assert.Empty(Checker.Check("岳麓区王建国", "嶽麓區王建國同志出席。"));

    [Theory]
    [InlineData("谨防赌 博 网 站诈骗", "赌 博 网 站")]
    [InlineData("谨防赌，博·网-站诈骗", "赌，博·网-站")]
    [InlineData("可以代開發票", "代開發票")]
    public void BannedPhrase_SplitBySpacesOrPunctuationOrInTraditional_IsCaught(string text, string expected)
    {
        var found = Assert.Single(Checker.Check(null, text));

        Assert.Equal(ContentCheck.Banned, found.Check);
        Assert.Equal(expected, found.MatchedText);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), found.Position);
    }

    [Theory]
    [InlineData("详见 http://www.yuelu.gov.cn/zwgk/1.html 。")]
    [InlineData("详见 https://www.hunan.gov.cn/")]
    [InlineData("关注 mp.weixin.qq.com/s/abc")]
    [InlineData("附件：通知.docx，版本v1.2")]
    [InlineData("邮箱 office@shop.com")]
    public void AllowedDomainsAndNonLinks_AreNotReported(string text) => Assert.Empty(Checker.Check(null, text));

    [Theory]
    [InlineData("抢购请点 https://shop.example.com/item?id=1 立即下单", "shop.example.com", "https://shop.example.com/item?id=1")]
    [InlineData("访问www.taobao.com购买", "www.taobao.com", "www.taobao.com")]
    [InlineData("详见http://yuelu.gov.cn.evil.net/x", "yuelu.gov.cn.evil.net", "http://yuelu.gov.cn.evil.net/x")]
    public void LinkOutsideTheAllowList_IsReportedWithItsHost(string text, string host, string matched)
    {
        var found = Assert.Single(Checker.Check(null, text));

        Assert.Equal(ContentCheck.ExternalLink, found.Check);
        Assert.Equal(host, found.Detail);
        Assert.Equal(matched, found.MatchedText);
    }

    [Fact]
    public void WrongFormInsideTheCorrectNameOfAnother_IsNotReported()
    {
        var checker = new ContentChecker(new([new OfficialName("岳麓区人民政府", ["麓区人民"])], [], []));

        Assert.Empty(checker.Check(null, "岳麓区人民政府发布通知"));
        Assert.Single(checker.Check(null, "麓区人民发布通知"));
    }

    [Fact]
    public void EveryFindingOfAPost_InPositionOrder()
    {
        var found = Checker.Check(null, "岳鹿区通知：联系13812345678，勿信赌博网站 http://a.example.com");

        Assert.Equal(
            [ContentCheck.NameError, ContentCheck.Privacy, ContentCheck.Banned, ContentCheck.ExternalLink],
            found.Select(f => f.Check));
    }

    [Theory]
    [InlineData("政務（wù）公開，ＡＢＣ１２３。")]
    [InlineData("為進一步提升居民垃圾分類意識，近日，望嶽街道聯合轄區物業")]
    [InlineData("Hello, World! 第①期 〇 𠀋 ㍿")]
    [InlineData("务(wù) 务(wu4)")]
    public void NormalizedText_EqualsTheNearDuplicateNormalisation(string text) =>
        Assert.Equal(TextNormalizer.NormalizeToString(text), NormalizedText.Of(text).ToString());

    [Theory]
    [InlineData(ContentTermKind.OfficialName, "岳麓区", "嶽麓區", "wrong_forms")]
    [InlineData(ContentTermKind.OfficialName, "岳麓区", "", "wrong_forms")]
    [InlineData(ContentTermKind.Banned, "赌", "", "term")]
    [InlineData(ContentTermKind.AllowedDomain, "not a domain", "", "term")]
    [InlineData(ContentTermKind.Banned, " ", "", "term")]
    public void TermRules_RejectUnusableEntries_NamingTheField(ContentTermKind kind, string term, string wrongForm, string field)
    {
        var (_, _, problems) = ContentTermRules.Clean(kind, term, wrongForm.Length == 0 ? [] : [wrongForm]);

        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void TermRules_AllowedDomain_StoredAsItsHost()
    {
        var (term, _, problems) = ContentTermRules.Clean(ContentTermKind.AllowedDomain, " HTTPS://www.Yuelu.gov.cn/index.html ", null);

        Assert.Empty(problems);
        Assert.Equal("yuelu.gov.cn", term);
    }
}
