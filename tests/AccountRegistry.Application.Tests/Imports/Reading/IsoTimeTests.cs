using AccountRegistry.Application.Imports.Reading;

namespace AccountRegistry.Application.Tests.Imports.Reading;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2019-05-08T09:30:00+08:00", "2019-05-08T01:30:00.0000000+00:00")]
    [InlineData("2019-05-08 09:30+08:00", "2019-05-08T01:30:00.0000000+00:00")]
    [InlineData("2019-05-08T09:30:00.25Z", "2019-05-08T09:30:00.2500000+00:00")]
    [InlineData("2019-05-08T09:30:00-0330", "2019-05-08T13:00:00.0000000+00:00")]
    [InlineData("2019-05-08T09:30:00+08", "2019-05-08T01:30:00.0000000+00:00")]
    public void TryParseTimestamp_WithOffset_GivesTheInstant(string text, string utc)
    {
        Assert.Equal(IsoTime.TimestampResult.Ok, IsoTime.TryParseTimestamp(text, out var instant));
        Assert.Equal(utc, instant.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2019-05-08T09:30:00", "MissingOffset")]
    [InlineData("2019-05-08 09:30", "MissingOffset")]
    [InlineData("2019-05-08", "Bad")]
    [InlineData("2019-02-30T09:30:00+08:00", "Bad")]
    [InlineData("2019-05-08T24:00:00+08:00", "Bad")]
    [InlineData("2019-05-08T09:30:00+15:00", "Bad")]
    [InlineData("2019-05-08T09:30:00 +08:00", "Bad")]
    [InlineData("08/05/2019 09:30", "Bad")]
    public void TryParseTimestamp_WithoutOffsetOrMalformed_SaysWhich(string text, string expected) =>
        Assert.Equal(expected, IsoTime.TryParseTimestamp(text, out _).ToString());

    [Theory]
    [InlineData("2020-02-29", true)]
    [InlineData("2019-02-29", false)]
    [InlineData("2019-5-8", false)]
    [InlineData("20190508", false)]
    public void TryParseDate_AcceptsOnlyRealDatesAsYyyyMmDd(string text, bool valid) =>
        Assert.Equal(valid, IsoTime.TryParseDate(text, out _));
}
