using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Rules;

/// <summary>The demo app of its own: these journeys change the county's thresholds and store evaluations.</summary>
public sealed class RulesApp : IAsyncLifetime
{
    public RegistryWebApp App { get; } = new();

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <remarks>Not parallel with other app collections, for the reason given at ReviewCollection.</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RulesCollection : ICollectionFixture<RulesApp>, ICollectionFixture<Browser>
{
    public const string Name = "rules app";
}

[Collection(RulesCollection.Name)]
public sealed class RulesJourneyTests(RulesApp app, Browser browser)
{
    [Fact]
    public async Task Admin_PreviewsStaleAtTenYears_SavesIt_AndSeesTheChangeInTheHistory()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "admin");
        await page.GotoAsync("rules/settings");
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("settings-source")).ToContainTextAsync("默认");

        await page.Locator("input[data-testid=settings-stale]").FillAsync("3650");
        await page.GetByTestId("settings-preview").ClickAsync();
        var stale = page.Locator("[data-testid=settings-preview-table] tr[data-rule=STALE] td");
        await Assertions.Expect(stale.Nth(1)).Not.ToHaveTextAsync(string.Empty);
        var current = int.Parse((await stale.Nth(1).InnerTextAsync()).Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var proposed = int.Parse((await stale.Nth(2).InnerTextAsync()).Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        // The demo county has accounts silent for weeks, which are not stale at ten years.
        Assert.True(proposed < current, $"STALE at 3650 days should flag fewer accounts than at 14 ({proposed} vs {current}).");

        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("settings-history")).ToContainTextAsync("stale_days 14 → 3650");
        await Browser.ScreenshotAsync(page, "rule-settings-admin");

        await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
        Assert.Equal(3650, await db.RuleSettings.Select(s => s.StaleDays).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Admin_EnteringAnOutOfRangeWindow_IsToldWhichValueAndNothingIsSaved()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "admin");
        await page.GotoAsync("rules/settings");
        await Browser.WaitInteractiveAsync(page);
        await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
        var before = await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);

        await page.Locator("input[data-testid=settings-window]").FillAsync("0");
        await page.GetByTestId("settings-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("settings-problems")).ToContainTextAsync("window_days");
        Assert.Equal(before, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reviewer_EvaluatesNow_AndComparesTheTwoLatestRuns()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        await Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("rules/evaluations");
        await Browser.WaitInteractiveAsync(page);

        await page.GetByTestId("evaluate-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("evaluate-done")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // Between the two runs an account loses its operator: the comparison must show UNATTENDED newly firing for it.
        string name;
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            var account = await db.Accounts.Where(a => a.Operator != null && a.Status == Domain.Accounts.AccountStatus.Active && !a.IsHub)
                .OrderBy(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
            name = account.Name;
            await db.Accounts.Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Operator, (string?)null), TestContext.Current.CancellationToken);
        }

        long previousRun;
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            previousRun = await db.Evaluations.MaxAsync(e => e.Id, TestContext.Current.CancellationToken);
        }

        await page.GetByTestId("evaluate-now").ClickAsync();
        // The first run's "done" banner is still on screen while the second runs, so wait for the second run itself:
        // stored, then listed first in the reloaded table.
        var secondRun = await WaitForEvaluationAfterAsync(previousRun);
        var rows = page.Locator("[data-testid=evaluations-table] tbody tr");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync(secondRun.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Assertions.Expect(rows.Nth(1)).ToBeVisibleAsync();

        await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("evaluations-compare").ClickAsync();

        await Assertions.Expect(page.GetByTestId("compare-caption")).ToBeVisibleAsync();
        var changed = page.Locator("[data-testid=compare-table] tbody tr").Filter(new() { HasText = name });
        await Assertions.Expect(changed).ToContainTextAsync("新命中");
        await Assertions.Expect(changed).ToContainTextAsync("无人维护");
        await Assertions.Expect(page.Locator("[data-testid=compare-summary] tr[data-rule=UNATTENDED]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "evaluations-compare");
    }

    [Theory]
    [InlineData("clerk.wangyue", "rules/settings")]
    [InlineData("clerk.wangyue", "rules/evaluations")]
    [InlineData("leader", "rules/settings")]
    [InlineData("leader", "rules/evaluations")]
    [InlineData("reviewer", "rules/settings")]
    public async Task RulePages_RefuseOtherRolesOnTheServer(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.App.BaseAddress, user);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/forbidden", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "rules/settings")]
    [InlineData("admin", "rules/evaluations")]
    [InlineData("reviewer", "rules/evaluations")]
    public async Task RulePages_OpenForTheirRoles(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.App.BaseAddress, user);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> WaitForEvaluationAfterAsync(long previousRun)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
            var newest = await db.Evaluations.MaxAsync(e => e.Id, TestContext.Current.CancellationToken);
            if (newest > previousRun)
            {
                return newest;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No evaluation was stored after run {previousRun} within a minute.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
