using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Reviews;

[Collection(ReviewCollection.Name)]
public sealed class WhatIfAndAuditJourneyTests(ReviewApp app, Support.Browser browser)
{
    [Fact]
    public async Task Leader_ComparesStaleAt3DaysWithTheCurrentThresholds_PerLevel()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "leader");
        await page.GotoAsync("reviews/what-if");
        await Support.Browser.WaitInteractiveAsync(page);

        // 3 days: active department accounts post every 2 to 4 days, so some always move from "none" to "close". At 30
        // days whether any account moved depended on the day the demo was loaded (its silences are relative to today).
        await page.Locator("input[data-testid=whatif-stale]").FillAsync("3");
        // Leave the field first, as a user does, so its change reaches the page before the click. A clean-clone CI run
        // once computed with the old 90 days (no "→" in the totals) when the click went straight from the field.
        await page.Locator("input[data-testid=whatif-stale]").PressAsync("Tab");
        await page.GetByTestId("whatif-compute").ClickAsync();

        var table = page.GetByTestId("whatif-table");
        await Assertions.Expect(table.Locator("tr[data-level=department]")).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("tr[data-level=total]")).ToContainTextAsync("→");
        await Support.Browser.ScreenshotAsync(page, "what-if-leader");
    }

    [Fact]
    public async Task Reviewer_FindsADecisionInTheAuditLog()
    {
        var (accountId, name) = await DecideRetainAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("audit");
        await Support.Browser.WaitInteractiveAsync(page);

        await page.Locator("input[data-testid=audit-action]").FillAsync("review.retain");
        var rows = page.Locator("[data-testid=audit-table] tbody tr");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = name })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasNotText = "review.retain" })).ToHaveCountAsync(0);
        Assert.True(accountId > 0);
        await Support.Browser.ScreenshotAsync(page, "audit-reviewer");
    }

    /// <summary>Retains the first waiting account the rules would close, as the demo reviewer, through the handler.</summary>
    private async Task<(int AccountId, string Name)> DecideRetainAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var reviewer = await db.Users.Where(u => u.UserName == "reviewer")
            .Select(u => new { u.UnitId, Path = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Path).First() })
            .SingleAsync(TestContext.Current.CancellationToken);
        var user = new UserScope("reviewer", new HashSet<string> { Roles.Reviewer }, reviewer.UnitId, reviewer.Path);
        var queue = await scope.ServiceProvider.GetRequiredService<ReviewQueue.Handler>().HandleAsync(
            new ReviewQueue.Query { Filter = new() { Recommendation = Recommendation.Close, Rule = RuleCode.Stale }, PageSize = 1 }, user, TestContext.Current.CancellationToken);
        var row = queue.Page.Items.Single();
        await scope.ServiceProvider.GetRequiredService<DecideAccount.Handler>().HandleAsync(
            new DecideAccount.Command { AccountId = row.AccountId, Kind = DecisionKind.Retain, RetainReason = RetainReason.LegalDuty },
            user,
            TestContext.Current.CancellationToken);
        return (row.AccountId, row.Name);
    }
}
