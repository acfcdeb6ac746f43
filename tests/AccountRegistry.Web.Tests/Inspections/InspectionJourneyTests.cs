using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace AccountRegistry.Web.Tests.Inspections;

/// <summary>The demo county with one inspection stored as of today, run through the app's own handler.</summary>
public sealed class InspectionApp : IAsyncLifetime
{
    public RegistryWebApp App { get; } = new();

    public long InspectionId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var today = ShanghaiCalendar.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var result = await scope.ServiceProvider.GetRequiredService<RunInspection.Handler>().HandleAsync(new RunInspection.Command(today, "test"));
        InspectionId = result.InspectionId;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <remarks>Not parallel with other app collections, for the reason given at ReviewCollection.</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InspectionCollection : ICollectionFixture<InspectionApp>, ICollectionFixture<Browser>
{
    public const string Name = "inspection app";
}

[Collection(InspectionCollection.Name)]
public sealed class InspectionJourneyTests(InspectionApp app, Browser browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The inspection the page shows by default (another test may have run one since the app started).</summary>
    private static Task<long> LatestAsync(RegistryDbContext db) =>
        db.Inspections.OrderByDescending(i => i.AsOf).ThenByDescending(i => i.Id).Select(i => i.Id).FirstAsync(Cancel);

    [Fact]
    public async Task Reviewer_FiltersTheLatestInspectionToFailures_OpensAnAccount()
    {
        int failures;
        long latest;
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            latest = await LatestAsync(db);
            failures = await db.InspectionResults.CountAsync(r => r.InspectionId == latest && r.Result == "fail", Cancel);
        }

        Assert.True(failures > 0, "the demo county should fail some accounts");
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "reviewer");
        await page.GetByTestId("nav-inspections").ClickAsync();
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("inspection-shown")).ToContainTextAsync(latest.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("filter-result").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "不合格" }).First.ClickAsync();

        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync(failures.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var rows = page.Locator("[data-testid=inspection-table] tbody tr");
        await Assertions.Expect(rows.First.Locator("[data-result=fail]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=inspection-table] [data-result=pass], [data-testid=inspection-table] [data-result=excellent]").CountAsync());
        await Browser.ScreenshotAsync(page, "inspection-results-reviewer");

        var link = page.GetByTestId("inspection-account-link").First;
        var name = await link.InnerTextAsync();
        await link.ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("inspection-result")).ToHaveTextAsync("不合格");
    }

    [Fact]
    public async Task Export_OfFailuresWithAVeto_HoldsExactlyThoseAccounts()
    {
        List<string> expected;
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            expected = await (from r in db.InspectionResults
                              join a in db.Accounts on r.AccountId equals a.Id
                              where r.InspectionId == app.InspectionId && r.Result == "fail" && r.Vetoes.Contains("VETO_NOT_UPDATED")
                              select a.PlatformAccountId).ToListAsync(Cancel);
        }

        using var client = await LoginClient.SignInAsync(app.App.BaseAddress, "reviewer");
        using var response = await client.GetAsync($"inspections/export.xlsx?inspection={app.InspectionId}&result=fail&veto=VETO_NOT_UPDATED", Cancel);

        response.EnsureSuccessStatusCode();
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => (string)r["账号ID account_id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reviewer_InspectsNow_AndTheNewInspectionIsShown()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("inspections");
        await Browser.WaitInteractiveAsync(page);

        await page.GetByTestId("inspect-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inspect-done")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
        var latest = await LatestAsync(db);
        Assert.NotEqual(app.InspectionId, latest);
        Assert.Equal("reviewer", await db.Inspections.Where(i => i.Id == latest).Select(i => i.TriggeredBy).SingleAsync(Cancel));
        await Assertions.Expect(page.GetByTestId("inspection-shown")).ToContainTextAsync(latest.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task NearStaleAccounts_WarnTheClerkOnTheHomePage_AndTheReviewerOnTheQueue_NotAsFlags()
    {
        // One of the clerk's accounts last posted thirteen days ago: its veto is two days away.
        string name;
        UserScope clerk;
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            var unit = await (from u in db.Users join x in db.Units on u.UnitId equals x.Id where u.UserName == "clerk.wangyue" select x).SingleAsync(Cancel);
            clerk = new UserScope("clerk.wangyue", new HashSet<string> { Infrastructure.Identity.Roles.Clerk }, unit.Id, unit.Path);
            var account = await db.Accounts.Where(a => a.Unit!.Path.StartsWith(unit.Path) && a.Status == Domain.Accounts.AccountStatus.Active && db.Posts.Any(p => p.AccountId == a.Id))
                .OrderBy(a => a.Id).FirstAsync(Cancel);
            name = account.Name;
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE posts SET published_at = published_at - ((SELECT max(published_at) FROM posts WHERE account_id = {account.Id}) - (now() - interval '13 days')) WHERE account_id = {account.Id}",
                Cancel);
        }

        InspectionWarnings.NearStaleList ofClerk, ofReviewer;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var warnings = scope.ServiceProvider.GetRequiredService<InspectionWarnings.Handler>();
            ofClerk = await warnings.NearStaleAsync(clerk, cancellationToken: Cancel);
            Assert.Contains(name, (await warnings.NearStaleAsync(clerk, 200, Cancel)).Accounts.Select(a => a.Name));
            await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
            var county = await (from u in db.Users join x in db.Units on u.UnitId equals x.Id where u.UserName == "reviewer" select x).SingleAsync(Cancel);
            ofReviewer = await warnings.NearStaleAsync(new UserScope("reviewer", new HashSet<string> { Infrastructure.Identity.Roles.Reviewer }, county.Id, county.Path), cancellationToken: Cancel);
        }

        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "clerk.wangyue");
        await page.GotoAsync(string.Empty);
        await Browser.WaitInteractiveAsync(page);
        var warning = page.GetByTestId("near-stale-warning");
        await Assertions.Expect(warning).ToContainTextAsync(ofClerk.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(warning).ToContainTextAsync("不是问题标记");
        Assert.Equal(ofClerk.Accounts.Select(a => a.Name), await page.GetByTestId("near-stale-account").Locator("a").AllInnerTextsAsync());
        await Browser.ScreenshotAsync(page, "near-stale-clerk-home");

        var reviewer = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(reviewer, "reviewer");
        await reviewer.GotoAsync("reviews");
        await Browser.WaitInteractiveAsync(reviewer);
        await Assertions.Expect(reviewer.GetByTestId("near-stale-warning")).ToContainTextAsync(ofReviewer.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ofReviewer.Accounts.Select(a => a.Name), await reviewer.GetByTestId("near-stale-account").Locator("a").AllInnerTextsAsync());
    }

    [Fact]
    public async Task Leader_SeesTheLatestInspectionsCountsOnTheDashboard_ByTownship()
    {
        InspectionDashboard.Summary summary;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
            var county = await (from u in db.Users join x in db.Units on u.UnitId equals x.Id where u.UserName == "leader" select x).SingleAsync(Cancel);
            var today = ShanghaiCalendar.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
            summary = (await scope.ServiceProvider.GetRequiredService<InspectionDashboard.Handler>()
                .SummaryAsync(today, new UserScope("leader", new HashSet<string> { Infrastructure.Identity.Roles.Leader }, county.Id, county.Path), Cancel))!;
        }

        Assert.True(summary.All.Total > 0);
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "leader");
        await page.GotoAsync("dashboard");
        await Browser.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("inspection-as-of")).ToContainTextAsync(
            $"不合格 {summary.All.Fail:N0}，合格 {summary.All.Pass:N0}，优秀 {summary.All.Excellent:N0}");
        var township = summary.ByTownship.First(t => t.Counts.Total > 0);
        var cells = page.Locator($"[data-testid=inspection-townships] tr[data-unit='{township.UnitId}'] td");
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync(township.Counts.Fail.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync(township.Counts.Excellent.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=chart-inspection-platform] svg").First).ToBeAttachedAsync();
        await Browser.ScreenshotAsync(page, "dashboard-inspection-leader");
    }

    [Fact]
    public async Task Admin_PreviewsAHigherPassMark_SavesIt_AndSeesItInTheHistory_ButABadValueIsNamed()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "admin");
        await page.GetByTestId("nav-inspection-settings").ClickAsync();
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("settings-source")).ToContainTextAsync("默认");

        await page.Locator("input[data-testid=setting-period_days]").FillAsync("0");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-problems")).ToContainTextAsync("检查周期（天）（period_days）应在 1 到 3650 之间");

        await page.Locator("input[data-testid=setting-period_days]").FillAsync("90");
        await page.Locator("input[data-testid=setting-pass_score]").FillAsync("95");
        await page.Locator("input[data-testid=setting-excellent_score]").FillAsync("95");
        await page.GetByTestId("settings-preview").ClickAsync();
        var fail = page.Locator("[data-testid=settings-preview-table] tr[data-outcome=fail] td");
        await Assertions.Expect(fail.Nth(1)).Not.ToHaveTextAsync(string.Empty, new() { Timeout = 60_000 });
        int Number(string text) => int.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var current = Number(await fail.Nth(1).InnerTextAsync());
        var proposed = Number(await fail.Nth(2).InnerTextAsync());
        Assert.True(proposed > current, $"a pass mark of 95 should fail more accounts than 60 ({proposed} vs {current}).");

        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("已保存");
        await Assertions.Expect(page.GetByTestId("settings-history")).ToContainTextAsync("pass_score 60 → 95");
        await Browser.ScreenshotAsync(page, "inspection-settings-admin");

        await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
        Assert.Equal(95, await db.InspectionSettings.Select(s => s.PassScore).SingleAsync(Cancel));
    }

    [Theory]
    [InlineData("reviewer", "inspections/settings")]
    [InlineData("clerk.wangyue", "inspections")]
    [InlineData("leader", "inspections")]
    [InlineData("clerk.wangyue", "inspections/export.xlsx")]
    public async Task InspectionPages_RefuseOtherRolesOnTheServer(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.App.BaseAddress, user);

        using var response = await client.GetAsync(path, Cancel);

        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
