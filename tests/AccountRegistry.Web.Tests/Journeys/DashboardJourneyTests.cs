using AccountRegistry.Web.Tests.Support;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Journeys;

[Collection(DemoCollection.Name)]
public sealed class DashboardJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task Leader_LandsOnTheDashboard_WithChartsAndTownshipTable()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "leader");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        await Assertions.Expect(page.GetByTestId("tile-total")).ToContainTextAsync("142");
        await Assertions.Expect(page.GetByTestId("tile-closed")).ToContainTextAsync("2");
        foreach (var chart in new[] { "chart-split", "chart-level", "chart-platform", "chart-trend", "chart-reach" })
        {
            await Assertions.Expect(page.Locator($"[data-testid={chart}] svg path").First).ToBeAttachedAsync();
        }

        var townships = page.Locator("[data-testid=township-table] tbody tr");
        await Assertions.Expect(townships).ToHaveCountAsync(12);
        await Support.Browser.ScreenshotAsync(page, "dashboard-leader");

        await page.GetByTestId("township-link").Filter(new LocatorFilterOptions { HasText = "望岳街道办事处" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync("8");
    }
}
