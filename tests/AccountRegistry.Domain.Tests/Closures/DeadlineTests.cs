using AccountRegistry.Domain.Closures;
using static AccountRegistry.Domain.Tests.Closures.ClosureScenario;

namespace AccountRegistry.Domain.Tests.Closures;

public sealed class DeadlineTests
{
    private static readonly WorkingCalendar Official = new(ChinaPublicHolidays.DaysOff, ChinaPublicHolidays.MakeUpWorkdays);

    [Theory]
    [InlineData("2026-11-23", 5, "2026-11-30")] // Monday → next Monday
    [InlineData("2026-11-20", 5, "2026-11-27")] // Friday → next Friday
    [InlineData("2026-11-21", 1, "2026-11-23")] // Saturday → Monday
    [InlineData("2026-11-23", 0, "2026-11-23")]
    [InlineData("2026-09-30", 5, "2026-10-13")] // National Day off 1–7 Oct; Saturday 10 Oct is a make-up working day
    [InlineData("2026-02-13", 1, "2026-02-14")] // Saturday 14 Feb 2026 is worked before the Spring Festival
    [InlineData("2026-02-13", 2, "2026-02-24")] // then 15–23 Feb off
    [InlineData("2026-12-30", 2, "2027-01-04")] // New Year's Day 2027 off
    [InlineData("2024-09-30", 5, "2024-10-12")] // National Day 2024 off 1–7 Oct; Saturday 12 Oct worked
    [InlineData("2024-12-31", 1, "2025-01-02")] // New Year's Day 2025 off
    [InlineData("2025-01-24", 1, "2025-01-26")] // Sunday 26 Jan 2025 is worked before the Spring Festival
    [InlineData("2025-01-27", 1, "2025-02-05")] // then 28 Jan–4 Feb off
    [InlineData("2025-09-30", 5, "2025-10-14")] // National Day and Mid-Autumn 2025 off 1–8 Oct; Saturday 11 Oct worked
    public void AddWorkingDays_FollowsTheOfficialCalendar(string from, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Official.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void WeekdaysOnly_IgnoresHolidays()
    {
        Assert.Equal(new DateOnly(2026, 10, 7), WorkingCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
        Assert.False(WorkingCalendar.WeekdaysOnly.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(Official.IsWorkingDay(new DateOnly(2026, 10, 5)));
        Assert.True(Official.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public void EachStep_IsDueFiveWorkingDaysAfterItBegan()
    {
        var (request, _, _) = Draft(ClosureKind.Close);
        Assert.Equal(new DateOnly(2026, 11, 30), request.DueOn);

        request.Submit(Clerk, Now.AddDays(4), Deadlines); // Friday 27 Nov
        Assert.Equal(new DateOnly(2026, 12, 4), request.DueOn);

        request.Approve(Reviewer, null, Now.AddDays(7), Deadlines); // Monday 30 Nov
        Assert.Equal(new DateOnly(2026, 12, 7), request.DueOn);
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 7)], request.Steps.Select(s => s.DueOn));
    }

    [Fact]
    public void NoticePosted_IsDueFiveWorkingDaysAfterThePlannedLastDay()
    {
        var (request, _, _) = In(ClosureState.Approved, ClosureKind.Close);
        Assert.Equal(Today.AddDays(7), request.PlannedLastPostOn); // Monday 30 Nov

        request.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/x", "公告", Now, Deadlines);

        Assert.Equal(new DateOnly(2026, 12, 7), request.DueOn);
    }

    [Fact]
    public void IsOverdue_OnlyAfterTheDueDay()
    {
        var (request, _, _) = Draft(ClosureKind.Close);

        Assert.False(request.IsOverdue(new DateOnly(2026, 11, 30)));
        Assert.True(request.IsOverdue(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void FinishedRequests_AreDueNever()
    {
        var (request, _, _) = In(ClosureState.Withdrawn, ClosureKind.Close);

        Assert.Null(request.DueOn);
        Assert.False(request.IsOverdue(new DateOnly(2030, 1, 1)));
    }
}
