using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Tests.Text;

/// <summary>The near-duplicate definition of spec/rules.md on the kinds of copies the county sees.</summary>
public sealed class NearDuplicateRuleTests
{
    private const string Story =
        "为进一步提升居民垃圾分类意识，近日，望岳街道联合辖区物业在小区广场开展垃圾分类宣传活动。活动现场，工作人员通过发放宣传资料、" +
        "现场讲解等方式，向居民普及垃圾分类知识，并指导居民正确投放。居民们纷纷表示，今后将从自身做起，积极参与垃圾分类。";

    private const string TraditionalStory =
        "為進一步提升居民垃圾分類意識，近日，望嶽街道聯合轄區物業在小區廣場開展垃圾分類宣傳活動。活動現場，工作人員通過發放宣傳資料、" +
        "現場講解等方式，向居民普及垃圾分類知識，並指導居民正確投放。居民們紛紛表示，今後將從自身做起，積極參與垃圾分類。";

    private const string PinyinAnnotatedStory =
        "为进一步提升居民垃圾(lājī)分类意识，近日，望岳(yuè)街道（jiēdào）联合辖区物业在小区广场开展垃圾分类宣传活动。活动现场，" +
        "工作人员通过发放宣传资料、现场讲解等方式，向居民普及垃圾分类知识，并指导(zhǐ dǎo)居民正确投放。居民们纷纷表示，今后将从自身做起，积极参与垃圾分类。";

    private const string SignOff = "关注我们，了解更多社区新鲜事。文明城市你我共建，美好家园人人共享，让我们携手同行，共同创造更加美好的明天！";

    [Fact]
    public void TraditionalScriptCopy_IsANearDuplicateWithSimilarityOne()
    {
        Assert.Equal(1.0, NearDuplicateRule.Confirm(Story, TraditionalStory));
    }

    [Fact]
    public void PinyinAnnotatedCopy_IsANearDuplicateWithSimilarityOne()
    {
        Assert.Equal(1.0, NearDuplicateRule.Confirm(Story, PinyinAnnotatedStory));
    }

    [Theory]
    [InlineData("，", "。")]
    [InlineData("。", "！！！")]
    [InlineData("、", " / ")]
    public void PunctuationOnlyChange_IsFound(string from, string to)
    {
        var changed = Story.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEqual(Story, changed);
        Assert.Equal(1.0, NearDuplicateRule.Confirm(Story, changed));
    }

    [Fact]
    public void WhitespaceOnlyChange_IsFound()
    {
        var spaced = "  " + string.Join(" ", Story.Chunk(7).Select(c => new string(c))) + "\n\n\t";

        Assert.Equal(1.0, NearDuplicateRule.Confirm(Story, spaced));
    }

    [Fact]
    public void LightlyEditedCopy_IsFoundWithItsExactSimilarity()
    {
        var edited = Story.Replace("望岳街道", "岳麓街道", StringComparison.Ordinal).Replace("纷纷表示", "都说", StringComparison.Ordinal);

        var similarity = NearDuplicateRule.Confirm(Story, edited);

        Assert.NotNull(similarity);
        Assert.InRange(similarity.Value, 0.6, 0.99);
        Assert.Equal(ShingleSet.FromText(Story).Jaccard(ShingleSet.FromText(edited)), similarity.Value);
    }

    [Fact]
    public void DifferentStoriesSharingASignOff_StayApart()
    {
        var health = "3月5日上午，岳麓街道组织志愿者来到桃子湖广场，为辖区老人提供免费理发、量血压和法律咨询服务，现场秩序井然。" + SignOff;
        var fire = "为营造安全稳定的节日氛围，消防救援大队对辖区商场超市开展安全检查，重点查看了疏散通道和灭火器材配备情况。" + SignOff;

        var jaccard = ShingleSet.FromText(health).Jaccard(ShingleSet.FromText(fire));

        Assert.InRange(jaccard, 0.2, 0.6);
        Assert.Null(NearDuplicateRule.Confirm(health, fire));
    }

    [Fact]
    public void ShortTexts_NeverMatch_EvenWhenIdentical()
    {
        const string nineteen = "今日天气晴朗气温二十度适宜出行请注意防";
        Assert.Equal(19, TextNormalizer.Normalize(nineteen).Length);

        Assert.Null(NearDuplicateRule.Confirm(nineteen, nineteen));
        Assert.Null(NearDuplicateRule.Confirm(nineteen + "！！！", nineteen + "。"));
        Assert.Null(MinHashLsh.Signature(TextNormalizer.Normalize(nineteen)));
    }

    [Fact]
    public void TwentyCharacterTexts_CanMatch()
    {
        const string twenty = "今日天气晴朗气温二十度适宜出行请注意防晒";
        Assert.Equal(20, TextNormalizer.Normalize(twenty).Length);

        Assert.Equal(1.0, NearDuplicateRule.Confirm(twenty, "，" + twenty + "。"));
        Assert.NotNull(MinHashLsh.Signature(TextNormalizer.Normalize(twenty)));
    }

    [Fact]
    public void ShortTextJoinedToAShortTitle_IsJudgedOnTheJoinedText()
    {
        // The content alone has 18 characters (never a near-duplicate); with its title the post's text has 22.
        var text = NearDuplicateRule.PostText("社区通知", "今日天气晴朗气温二十度适宜出行请注意");

        Assert.Equal("社区通知今日天气晴朗气温二十度适宜出行请注意", TextNormalizer.NormalizeToString(text));
        Assert.Null(NearDuplicateRule.Confirm("今日天气晴朗气温二十度适宜出行请注意", "今日天气晴朗，气温二十度，适宜出行，请注意。"));
        Assert.Equal(1.0, NearDuplicateRule.Confirm(text, NearDuplicateRule.PostText("社区通知：", "今日天气晴朗，气温二十度，适宜出行，请注意。")));
    }

    [Fact]
    public void PostText_TreatsMissingTitleOrContentAsEmpty()
    {
        Assert.Equal(
            TextNormalizer.NormalizeToString(NearDuplicateRule.PostText(null, Story)),
            TextNormalizer.NormalizeToString(NearDuplicateRule.PostText(string.Empty, Story)));
        Assert.Equal(1.0, NearDuplicateRule.Confirm(NearDuplicateRule.PostText(null, Story), NearDuplicateRule.PostText(Story, null)));
    }

    [Fact]
    public void CodePointsOutsideTheBmp_AreShingledWhole()
    {
        // Two texts differing only in one extension-B character: with UTF-16 units they would share the high surrogate.
        var a = "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓";
        var b = a[..^2] + "𠀔";

        var setA = ShingleSet.FromText(a);
        var setB = ShingleSet.FromText(b);

        Assert.Equal(20, setA.NormalizedLength);
        Assert.Equal(17, setA.Count);
        Assert.Equal((16, 18), setA.Overlap(setB));
    }

    [Theory]
    [InlineData(3, 5, true)]
    [InlineData(600, 1000, true)]
    [InlineData(599, 1000, false)]
    [InlineData(0, 0, false)]
    [InlineData(1, 1, true)]
    public void Threshold_IsJaccardAtLeastSixTenthsExactly(int intersection, int union, bool expected) =>
        Assert.Equal(expected, NearDuplicateRule.MeetsThreshold(intersection, union));

    [Fact]
    public void Jaccard_CountsDistinctShingles()
    {
        // "abcdab" has shingles abcd, bcda, cdab; "abcdx" has abcd, bcdx.
        var (intersection, union) = ShingleSet.FromText("abcdab").Overlap(ShingleSet.FromText("abcdx"));

        Assert.Equal((1, 4), (intersection, union));
        Assert.Equal(4, ShingleSet.FromText("abcdabcdabcd").Count);
    }
}
