using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Tests.Text;

/// <summary>Each normalisation step of spec/rules.md alone, then the whole pipeline in the spec's order.</summary>
public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("政务（wù）", "政务(wù)")]
    [InlineData("①②", "12")]
    [InlineData("ﬁle", "file")]
    [InlineData("㍿", "株式会社")]
    [InlineData("ｶﾞ", "ガ")]
    [InlineData("a\u3000b", "a b")]
    [InlineData("e\u0301", "é")]
    [InlineData("中文", "中文")]
    public void Nfkc_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.ApplyNfkc(input));

    [Theory]
    [InlineData("政務公開", "政务公开")]
    [InlineData("臺灣", "台湾")]
    [InlineData("乾淨", "干净")]
    [InlineData("後來", "后来")]
    [InlineData("㗲", "𠵾")]
    [InlineData("简体不变", "简体不变")]
    [InlineData("ABC 123", "ABC 123")]
    public void TraditionalToSimplified_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.ApplyTraditionalToSimplified(input));

    [Theory]
    [InlineData("政務(wù)", "政務")]
    [InlineData("务(wu)公开", "务公开")]
    [InlineData("务(WU)", "务")]
    [InlineData("政务(zhèngwù)", "政务")]
    [InlineData("政务(zhèng wù)", "政务")]
    [InlineData("西安(xī'ān)", "西安")]
    [InlineData("绿(lǜ)", "绿")]
    [InlineData("务(ǘ)和(hé)", "务和")]
    [InlineData("务 (wu)", "务 (wu)")]
    [InlineData("abc(def)", "abc(def)")]
    [InlineData("务(wu4)", "务(wu4)")]
    [InlineData("务()", "务()")]
    [InlineData("务(数字)", "务(数字)")]
    [InlineData("务(wu", "务(wu")]
    [InlineData("务（wù）", "务（wù）")]
    [InlineData("𠀀(ā)", "𠀀")]
    public void PinyinAnnotations_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.RemovePinyinAnnotations(input));

    [Theory]
    [InlineData("a b,c。d！e", "abcde")]
    [InlineData("二〇二四年", "二〇二四年")]
    [InlineData("“引号”《书名》——", "引号书名")]
    [InlineData("笑🙂哭", "笑哭")]
    [InlineData("𠀀𪚥", "𠀀𪚥")]
    [InlineData("tab\tnew\nline", "tabnewline")]
    [InlineData("x_y-z+1=2", "xyz12")]
    [InlineData("e\u0301", "e")]
    public void LettersAndDigits_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.KeepLettersAndDigits(input));

    [Theory]
    [InlineData("ABC", "abc")]
    [InlineData("ÀÉÎ", "àéî")]
    [InlineData("ΣΑ", "σα")]
    [InlineData("WeChat公众号", "wechat公众号")]
    [InlineData("中文123", "中文123")]
    public void LowerCase_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.LowerCase(input));

    [Theory]
    [InlineData("政務(wù)公開", "政务公开")]
    [InlineData("政務（wù）公開", "政务公开")]
    [InlineData("  Ｈｅｌｌｏ，　世界！ ", "hello世界")]
    [InlineData("關於開展「垃圾分類」宣傳的通知", "关于开展垃圾分类宣传的通知")]
    [InlineData("二〇二四年①月", "二〇二四年1月")]
    [InlineData("", "")]
    [InlineData("，。！？", "")]
    public void Normalize_AppliesTheStepsInTheSpecOrder(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.NormalizeToString(input));

    [Theory]
    [InlineData("政務(wù)公開")]
    [InlineData("ＡＢＣ（ｘｕé）關於𠀀的通知，２０２４年！")]
    [InlineData("務(wù)(ABC)務 (x)")]
    public void Normalize_EqualsTheStepsComposed(string input)
    {
        var composed = TextNormalizer.LowerCase(TextNormalizer.KeepLettersAndDigits(TextNormalizer.RemovePinyinAnnotations(
            TextNormalizer.ApplyTraditionalToSimplified(TextNormalizer.ApplyNfkc(input)))));

        Assert.Equal(composed, TextNormalizer.NormalizeToString(input));
    }

    [Fact]
    public void Normalize_KeepsCodePointsOutsideTheBmpWhole()
    {
        // U+20000 and U+2A6A5 are single code points but two UTF-16 units each.
        var normalized = TextNormalizer.Normalize("𠀀，𪚥。a");

        Assert.Equal([0x20000, 0x2A6A5, 'a'], normalized);
        Assert.Equal("𠀀𪚥a", TextNormalizer.NormalizeToString("𠀀，𪚥。a"));
    }

    [Fact]
    public void Normalize_MapsTraditionalToASimplifiedCharacterOutsideTheBmp()
    {
        Assert.Equal([0x20D7E], TextNormalizer.Normalize("㗲"));
    }

    [Fact]
    public void TraditionalTable_IsLoadedFromTheEmbeddedResource()
    {
        Assert.Equal(3512, TraditionalToSimplified.Count);
    }
}

/// <summary>The ICU-free NFKC path must agree with ICU on every text it accepts.</summary>
public sealed class NfkcFastPathTests
{
    private const string Accepted = "abcXYZ019 (),.!?;:'\"-_~中文政務垃圾分類㐀䶿、。〈〉《》「」『』【】‘’“”—·　，！？：；（）［］ＡＺａｚ０９～＃％＆＊";

    [Theory]
    [InlineData("中文，测试！（ｗù）")]
    [InlineData("㍿株式")]
    [InlineData("ｶﾞ")]
    [InlineData("①")]
    [InlineData("e\u0301")]
    [InlineData("…")]
    [InlineData("𠀀")]
    [InlineData("\u00A0")]
    public void TextsOutsideTheFastPath_AreNormalisedByIcu(string text) =>
        Assert.Equal(
            TextNormalizer.NormalizeToString(text),
            TextNormalizer.LowerCase(TextNormalizer.KeepLettersAndDigits(TextNormalizer.RemovePinyinAnnotations(
                TextNormalizer.ApplyTraditionalToSimplified(TextNormalizer.ApplyNfkc(text))))));

    [Fact]
    public void EveryBmpCharacterTheFastPathAccepts_IsMappedAsIcuNfkcAndTheTableMapIt()
    {
        var accepted = 0;
        Span<int> output = stackalloc int[1];
        for (var c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = ((char)c).ToString();
            if (TextNormalizer.DecodeNfkcFastPath(text, output) < 0)
            {
                continue;
            }

            accepted++;
            var nfkc = text.Normalize(System.Text.NormalizationForm.FormKC);
            Assert.True(nfkc.Length == 1, $"U+{c:X4} becomes {nfkc.Length} units under NFKC");
            Assert.True(TraditionalToSimplified.Map(nfkc[0]) == output[0], $"U+{c:X4}");
        }

        Assert.True(accepted > 27_000);
    }

    [Fact]
    public void RandomTextsOfAcceptedCharacters_MatchIcuExactly()
    {
        var random = new Random(5);
        for (var round = 0; round < 2_000; round++)
        {
            var text = new string(Enumerable.Range(0, 1 + random.Next(40)).Select(_ => Accepted[random.Next(Accepted.Length)]).ToArray());
            var expected = TextNormalizer.LowerCase(TextNormalizer.KeepLettersAndDigits(TextNormalizer.RemovePinyinAnnotations(
                TextNormalizer.ApplyTraditionalToSimplified(TextNormalizer.ApplyNfkc(text)))));

            Assert.Equal(expected, TextNormalizer.NormalizeToString(text));
        }
    }
}
