using AccountRegistry.Domain.Content;

namespace AccountRegistry.Domain.Tests.Content;

public sealed class PrivacyScannerTests
{
    private static List<ContentMatch> Scan(string text)
    {
        var output = new List<ContentMatch>();
        PrivacyScanner.Scan(text, ContentField.Content, output);
        return output;
    }

    [Theory]
    [InlineData("11010519491231002X")] // the example of GB 11643
    [InlineData("11010519491231002x")]
    [InlineData("430104199001011230")]
    [InlineData("440306198511185231")]
    public void IdNumber_Valid_IsValid(string number) => Assert.True(ChineseIdNumber.IsValid(number));

    [Theory]
    [InlineData("430104199001011231", "wrong check digit")]
    [InlineData("43010419900230123X", "30 February")]
    [InlineData("430104199013011236", "month 13")]
    [InlineData("430104180001011239", "year 1800")]
    [InlineData("99010419900101123X", "region 99 is no province")]
    [InlineData("000104199001011230", "region 00")]
    [InlineData("43010419900101123", "17 characters")]
    public void IdNumber_Invalid_IsNotValid(string number, string why) => Assert.False(ChineseIdNumber.IsValid(number), why);

    [Fact]
    public void IdNumber_CheckDigitIsComputedAsGb11643Says() =>
        Assert.Equal('X', ChineseIdNumber.CheckCharacter("11010519491231002"));

    [Fact]
    public void Scan_ValidIdNumber_FoundWithPositionAndText()
    {
        var found = Assert.Single(Scan("联系人张三，身份证号430104199001011230，住址某村。"));

        Assert.Equal(ContentCheck.Privacy, found.Check);
        Assert.Equal(PrivacyKinds.IdNumber, found.Detail);
        Assert.Equal(10, found.Position);
        Assert.Equal("430104199001011230", found.MatchedText);
    }

    [Theory]
    [InlineData("身份证号430104199001011231。")] // wrong check digit
    [InlineData("身份证号43010419900230123X。")] // impossible date
    [InlineData("身份证号99010419900101123X。")] // no such region
    [InlineData("编号1430104199001011230。")] // a valid ID inside a longer number
    public void Scan_InvalidIdNumbers_Ignored(string text) => Assert.Empty(Scan(text));

    [Theory]
    [InlineData("身份证号430104********1230")]
    [InlineData("身份证号430104********123X")]
    [InlineData("身份证号4301**********1230")]
    [InlineData("手机138****5678")]
    [InlineData("卡号6222 **** **** 8901 28")]
    public void Scan_MaskedForms_DoNotAlarm(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void Scan_RandomEighteenDigitNumbers_RarelyAlarm()
    {
        // Region, date and check digit together pass about 1 % of random numbers (ChineseIdNumber's remarks); the
        // check digit alone would pass 9 %, and card checks must not pick up what they leave.
        var random = new Random(20261130);
        var alarms = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var digits = string.Concat(Enumerable.Range(0, 18).Select(_ => (char)('0' + random.Next(10))));
            alarms += Scan($"订单号{digits}。").Count(m => m.Detail == PrivacyKinds.IdNumber);
        }

        Assert.InRange(alarms, 0, 200);
    }

    [Theory]
    [InlineData("请拨打13812345678咨询", "13812345678")]
    [InlineData("电话：199 1234 5678", "199 1234 5678")]
    [InlineData("电话：166-1234-5678。", "166-1234-5678")]
    [InlineData("电话：１３８１２３４５６７８", "１３８１２３４５６７８")]
    public void Scan_MobileNumber_Found(string text, string expected)
    {
        var found = Assert.Single(Scan(text));

        Assert.Equal(PrivacyKinds.Mobile, found.Detail);
        Assert.Equal(expected, found.MatchedText);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), found.Position);
    }

    [Theory]
    [InlineData("服务热线12345678901")] // 123 is no mobile prefix
    [InlineData("编号11234567890")]
    [InlineData("编号138123456789")] // 12 digits
    [InlineData("座机0731-88888888")]
    [InlineData("政务服务热线12345")]
    public void Scan_NotMobileNumbers_Ignored(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void Scan_TwoPhonesSeparatedBySpace_BothFound()
    {
        var found = Scan("13812345678 13912345678");

        Assert.Equal(["13812345678", "13912345678"], found.Select(f => f.MatchedText));
    }

    [Theory]
    [InlineData("收款卡号6222021234567890128", "6222021234567890128")]
    [InlineData("卡号 6217 0012 3456 7893 。", "6217 0012 3456 7893")]
    [InlineData("卡号4367421234567896", "4367421234567896")]
    public void Scan_BankCard_Found(string text, string expected)
    {
        var found = Assert.Single(Scan(text));

        Assert.Equal(PrivacyKinds.BankCard, found.Detail);
        Assert.Equal(expected, found.MatchedText);
    }

    [Theory]
    [InlineData("卡号6222021234567890127")] // Luhn fails
    [InlineData("流水号1222021234567890128")] // 1… is no card
    [InlineData("卡号622202******0128")]
    public void Scan_NotBankCards_Ignored(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void BankCard_Luhn() => Assert.True(BankCardNumber.PassesLuhn("79927398713"));
}
