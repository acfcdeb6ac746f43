using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Filings;

/// <summary>Filing number and day on accounts, and the list of accounts not filed within five working days.</summary>
public sealed class FilingRegisterTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private static readonly UserScope Reviewer = new("reviewer", new HashSet<string>([Roles.Reviewer]), null, "/");

    private async Task<(int Id, uint Version)> AccountAsync(string platformAccountId) =>
        await fixture.QueryAsync(async db => await db.Accounts.Where(a => a.PlatformAccountId == platformAccountId)
            .Select(a => new ValueTuple<int, uint>(a.Id, a.Version)).SingleAsync(TestContext.Current.CancellationToken));

    private async Task<RecordFiling.Outcome> RecordAsync(RecordFiling.Command command, UserScope? scope = null)
    {
        await using var services = fixture.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<RecordFiling.Handler>().HandleAsync(command, scope ?? Reviewer, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RecordFiling_NumberAndDay_StoredAndAuditedWithBeforeAndAfter()
    {
        var (id, version) = await AccountAsync("gh_z");

        await RecordAsync(new RecordFiling.Command(id, " 湘网备-77 ", new DateOnly(2020, 1, 6), version));

        var stored = await fixture.QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken));
        Assert.Equal(("湘网备-77", (DateOnly?)new DateOnly(2020, 1, 6)), (stored.FilingNo, stored.FiledOn));
        Assert.Equal(1, await fixture.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = 'account.filing_recorded' AND entity_id = '{id}' AND actor = 'reviewer' AND details->'after'->>'filing_no' = '湘网备-77' AND details->'before'->>'filing_no' IS NULL"));
    }

    [Fact]
    public async Task RecordFiling_StaleVersion_IsAConflictAndSavesNothing()
    {
        var (id, version) = await AccountAsync("ks_1");
        await RecordAsync(new RecordFiling.Command(id, "A-1", null, version));

        var conflict = await Assert.ThrowsAsync<FilingException>(() => RecordAsync(new RecordFiling.Command(id, "B-2", null, version)));

        Assert.Equal(FilingError.Conflict, conflict.Code);
        Assert.Equal("A-1", await fixture.QueryAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.FilingNo).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData(null, "2020-02-01", FilingError.DayWithoutNumber)]
    [InlineData("X-1", "2019-12-31", FilingError.BeforeOpening)]
    [InlineData("X-1", "2030-01-01", FilingError.InFuture)]
    public async Task RecordFiling_ImpossibleValues_AreRefused(string? number, string day, FilingError expected)
    {
        var (id, version) = await AccountAsync("ks_0");

        var refused = await Assert.ThrowsAsync<FilingException>(() => RecordAsync(new RecordFiling.Command(id, number, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), version)));

        Assert.Equal(expected, refused.Code);
    }

    [Fact]
    public async Task RecordFiling_FromTheReconcileWithoutReason_IsRefused()
    {
        var (id, version) = await AccountAsync("bl_1");

        var refused = await Assert.ThrowsAsync<FilingException>(() => RecordAsync(new RecordFiling.Command(id, "F-7", null, version, RecordFiling.Source.Reconcile, " ")));

        Assert.Equal(FilingError.ReasonRequired, refused.Code);
    }

    [Fact]
    public async Task RecordFiling_ClerkOrOutsideTheScope_IsRefused()
    {
        var (id, version) = await AccountAsync("dy_1");
        var clerk = new UserScope("clerk", new HashSet<string>([Roles.Clerk]), null, "/");
        var elsewhere = new UserScope("reviewer.b", new HashSet<string>([Roles.Reviewer]), 999, "/999/");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => RecordAsync(new RecordFiling.Command(id, "F", null, version), clerk));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => RecordAsync(new RecordFiling.Command(id, "F", null, version), elsewhere));
    }

    [Theory]

    // Opened on Friday 2026-09-18: Mon 21 … Thu 24 are working days, 25 September starts 中秋 days off, then 国庆; the
    // make-up working day Sunday 20 September counts, so the fifth working day is Thursday 24 September.
    [InlineData("2026-09-18", "2026-09-24")]

    // Opened on Wednesday 2026-09-30: the holidays run to 7 October; Thursday 8, Friday 9, the make-up Saturday 10,
    // Monday 12 and Tuesday 13 October are the five working days.
    [InlineData("2026-09-30", "2026-10-13")]
    public void FilingDeadline_CountsTheWorkingCalendar(string opened, string deadline)
    {
        var calendar = ClosureDeadlines.Default.Calendar;

        Assert.Equal(DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture),
            calendar.AddWorkingDays(DateOnly.Parse(opened, System.Globalization.CultureInfo.InvariantCulture), UnfiledAccounts.FilingWorkingDays));
    }

    [Fact]
    public void LatestOverdueOpening_IsTheLastDayWhoseDeadlineHasPassed()
    {
        var calendar = WorkingCalendar.WeekdaysOnly;

        // Today Monday 2026-11-23: an account opened Friday 13th had its deadline Friday 20th (passed); one opened
        // Monday 16th has until today.
        var cutoff = UnfiledAccounts.LatestOverdueOpening(calendar, new DateOnly(2026, 11, 23));

        Assert.Equal(new DateOnly(2026, 11, 15), cutoff);
        Assert.True(calendar.AddWorkingDays(cutoff, 5) < new DateOnly(2026, 11, 23));
        Assert.False(calendar.AddWorkingDays(cutoff.AddDays(1), 5) < new DateOnly(2026, 11, 23));
    }

    [Fact]
    public async Task UnfiledAccounts_ListsLiveAccountsWithoutNumberPastTheDeadline_PagedOldestFirst()
    {
        // Opened the Monday before the fixture's clock (Monday 2026-11-23): deadline today, not yet overdue.
        await fixture.ImportAsync(("accounts.csv",
            "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n" +
            "website,new_site,新网站,B-S,2026-11-16,,,,active\n" +
            "app,old_app,旧应用,B-S,2026-11-13,,,,active\n"));
        await using var services = fixture.Services.CreateAsyncScope();
        var handler = services.ServiceProvider.GetRequiredService<UnfiledAccounts.Handler>();

        var all = await handler.HandleAsync(1, 200, Reviewer, TestContext.Current.CancellationToken);
        var page = await handler.HandleAsync(2, 1, Reviewer, TestContext.Current.CancellationToken);

        var ids = all.Items.Select(r => r.PlatformAccountId).ToList();
        Assert.Contains("old_app", ids);
        Assert.DoesNotContain("new_site", ids);
        Assert.DoesNotContain("ks_2", ids);
        Assert.DoesNotContain("gh_a", ids);
        Assert.Equal(new DateOnly(2026, 11, 20), all.Items.Single(r => r.PlatformAccountId == "old_app").Deadline);
        Assert.Equal(all.TotalCount, page.TotalCount);
        Assert.Equal(all.Items[1], Assert.Single(page.Items));
        Assert.Equal(all.Items.OrderBy(r => r.OpenedOn).ThenBy(r => r.AccountId), all.Items);
    }
}
