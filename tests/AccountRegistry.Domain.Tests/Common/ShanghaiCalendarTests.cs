using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Tests.Common;

public class ShanghaiCalendarTests
{
    [Theory]
    [InlineData("2026-11-22T20:00:00Z", "2026-11-23")] // 04:00 in Shanghai: the next day there
    [InlineData("2026-11-22T15:59:59Z", "2026-11-22")]
    [InlineData("2026-11-22T16:00:00Z", "2026-11-23")]
    [InlineData("2026-11-23T09:30:00+08:00", "2026-11-23")]
    public void DayOf_UsesShanghaiCalendarDay(string instant, string expectedDay)
    {
        var day = ShanghaiCalendar.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expectedDay, System.Globalization.CultureInfo.InvariantCulture), day);
    }

    [Fact]
    public void EndOf_IsMidnightShanghaiOfTheNextDay()
    {
        var end = ShanghaiCalendar.EndOf(new DateOnly(2026, 11, 23));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }
}
