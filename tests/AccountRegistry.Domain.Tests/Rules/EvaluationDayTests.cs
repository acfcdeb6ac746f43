using System.Globalization;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Rules;

public class EvaluationDayTests
{
    private static readonly EvaluationDay Day = Facts.Day();

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Fact]
    public void PostAt0400Shanghai_IsOnThatShanghaiDayAlthoughThePreviousDayInUtc()
    {
        var published = At("2026-11-23T04:00:00+08:00");

        Assert.Equal(new DateOnly(2026, 11, 22), DateOnly.FromDateTime(published.UtcDateTime));
        Assert.Equal(Facts.T, ShanghaiCalendar.DayOf(published));
        Assert.True(Day.Includes(published));
        Assert.True(Day.InWindow(published));
        Assert.Equal(0, Day.DaysBefore(ShanghaiCalendar.DayOf(published)));
    }

    [Fact]
    public void PostAt0400ShanghaiFifteenDaysBefore_IsStaleButFourteenDaysBeforeIsNot()
    {
        // 2026-11-09 04:00 Shanghai is 2026-11-08 in UTC: counting UTC days would say 15 and fire.
        var fourteen = ShanghaiCalendar.DayOf(At("2026-11-09T04:00:00+08:00"));
        var fifteen = ShanghaiCalendar.DayOf(At("2026-11-08T04:00:00+08:00"));

        Assert.False(RuleBook.Stale(Facts.Account(lastPost: fourteen), Day, Thresholds.Defaults));
        Assert.True(RuleBook.Stale(Facts.Account(lastPost: fifteen), Day, Thresholds.Defaults));
    }

    [Theory]
    [InlineData("2026-11-23T23:59:59.999+08:00", true)]
    [InlineData("2026-11-23T15:59:59+00:00", true)]
    [InlineData("2026-11-24T00:00:00+08:00", false)] // the next Shanghai day: after T
    [InlineData("2026-11-23T16:00:00+00:00", false)]
    public void Includes_PostsPublishedByTheEndOfTInShanghai(string published, bool included)
    {
        Assert.Equal(included, Day.Includes(At(published)));
    }

    [Theory]
    [InlineData("2026-11-23T23:59:59+08:00", true)]
    [InlineData("2026-11-24T00:00:00+08:00", false)] // captured after the day: ignored
    [InlineData("2026-11-24T00:30:00+08:00", false)]
    public void CountsSnapshot_OnlyThoseCapturedAtOrBeforeTheEndOfT(string captured, bool counts)
    {
        Assert.Equal(counts, Day.CountsSnapshot(At(captured)));
    }

    [Theory]
    [InlineData("2026-08-26T00:00:00+08:00", true)] // T−89, the first day of W
    [InlineData("2026-08-25T23:59:59+08:00", false)] // T−90
    [InlineData("2026-08-25T16:00:00+00:00", true)] // 00:00 Shanghai on T−89, still the 25th in UTC
    [InlineData("2026-11-23T12:00:00+08:00", true)]
    [InlineData("2026-11-24T00:00:00+08:00", false)]
    public void InWindow_IsTMinus89ToTInclusive(string published, bool inWindow)
    {
        Assert.Equal(new DateOnly(2026, 8, 26), Day.WindowFirstDay);
        Assert.Equal(inWindow, Day.InWindow(At(published)));
    }
}
