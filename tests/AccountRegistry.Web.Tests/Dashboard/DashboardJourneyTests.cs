using System.Text.RegularExpressions;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed partial class DashboardJourneyTests(DashboardApp app, Support.Browser browser)
{
    [Fact]
    public async Task Leader_LandsOnTheDashboard_WithEveryChartDrawnFromData()
    {
        var figures = await app.FiguresAsync(ShanghaiCalendar.Today(TimeProvider.System), await app.LeaderScopeAsync());
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "leader");

        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(page.GetByTestId("tile-total")).ToContainTextAsync("142");
        await Assertions.Expect(page.GetByTestId("tile-retained")).ToContainTextAsync(figures.Tiles.Retained.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-overdue")).ToContainTextAsync(figures.Tiles.OverdueRequests.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-zombies")).ToContainTextAsync(figures.Tiles.Zombies.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-flags")).ToContainTextAsync(figures.Tiles.OpenFlags.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

        // Drawn from data: the donut has a slice per non-zero part, the bars and lines a shape per series.
        foreach (var chart in new[] { "chart-split", "chart-level", "chart-platform", "chart-trend", "chart-zombies", "chart-reach" })
        {
            await Assertions.Expect(page.Locator($"[data-testid={chart}] svg path").First).ToBeAttachedAsync();
        }

        await Assertions.Expect(page.Locator("[data-testid=chart-split] svg path")).ToHaveCountAsync(4);

        // Content findings (issue 10) as counts per check, the same as the findings' own query in the leader's scope.
        var content = await app.ContentCountsAsync(await app.LeaderScopeAsync());
        await Assertions.Expect(page.Locator("[data-testid=content-findings] tbody tr")).ToHaveCountAsync(4);
        foreach (var line in content.Lines)
        {
            var row = page.Locator($"[data-testid=content-findings] tr[data-content-check={AccountRegistry.Domain.Content.ContentChecks.ToCode(line.Check)}] td");
            await Assertions.Expect(row.Nth(1)).ToHaveTextAsync(line.Open.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(row.Nth(2)).ToHaveTextAsync(line.Confirmed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await Assertions.Expect(page.GetByTestId("zombies-none")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=township-table] tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator("[data-testid=township-table] td.overdue-cell")).ToHaveCountAsync(figures.Townships.Count(t => t.OverdueRequests > 0));
        await Support.Browser.ScreenshotAsync(page, "dashboard-leader");

        // A4 for the meeting: the print stylesheet drops the menu and buttons, the charts stay.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("dashboard-export")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=chart-zombies] svg")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, Path = ArtifactPath("dashboard-print.pdf") });
        Assert.True(pdf.Length > 10_000);
    }

    [Fact]
    public async Task Leader_PicksAPastDay_AndTheFiguresAreThatDays()
    {
        var day = new DateOnly(ShanghaiCalendar.Today(TimeProvider.System).Year, ShanghaiCalendar.Today(TimeProvider.System).Month, 1).AddMonths(-3);
        var figures = await app.FiguresAsync(day, await app.LeaderScopeAsync());
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "leader");

        await page.GotoAsync($"dashboard?asOf={day:yyyy-MM-dd}");
        await Support.Browser.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("tile-total")).ToContainTextAsync(figures.Tiles.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-retained")).ToContainTextAsync(figures.Tiles.Retained.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-closed")).ToContainTextAsync(figures.Tiles.Closed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tile-in-progress")).ToContainTextAsync(figures.Tiles.RequestsInProgress.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("dashboard-export")).ToHaveAttributeAsync("href", $"dashboard/export.xlsx?asOf={day:yyyy-MM-dd}");
    }

    [Fact]
    public async Task TownshipRow_DrillsIntoThatUnitsAccountsOnly()
    {
        var figures = await app.FiguresAsync(ShanghaiCalendar.Today(TimeProvider.System), await app.LeaderScopeAsync());
        var township = figures.Townships.Single(t => t.UnitName == "望岳街道办事处");
        await using var db = RegistryDbContextOptions.Create(app.App.ConnectionString);
        var path = await db.Units.Where(u => u.Id == township.UnitId).Select(u => u.Path).SingleAsync(TestContext.Current.CancellationToken);
        var subtree = await db.Units.Where(u => u.Path.StartsWith(path)).Select(u => u.Name).ToListAsync(TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "leader");

        await page.GetByTestId("township-link").Filter(new LocatorFilterOptions { HasText = township.UnitName }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync(township.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rows = page.Locator("[data-testid=register-table] tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        foreach (var unitCell in await rows.Locator("td:nth-child(4)").AllInnerTextsAsync())
        {
            Assert.Contains(subtree, name => unitCell.StartsWith(name, StringComparison.Ordinal));
        }
    }

    private static string ArtifactPath(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AccountRegistry.sln")))
        {
            directory = directory.Parent;
        }

        var artifacts = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "test-artifacts", "screenshots");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, file);
    }

    [GeneratedRegex("/dashboard$")]
    private static partial Regex DashboardUrl();
}
