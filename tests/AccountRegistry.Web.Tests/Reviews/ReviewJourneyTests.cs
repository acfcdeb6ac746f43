using AccountRegistry.Domain.Reviews;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Reviews;

[Collection(ReviewCollection.Name)]
public sealed class ReviewJourneyTests(ReviewApp app, Support.Browser browser)
{
    [Fact]
    public async Task Reviewer_FiltersTheQueue_ReadsTheEvidence_DecidesMerge_AndTheAccountLeavesTheQueue()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("reviews");
        await Support.Browser.WaitInteractiveAsync(page);

        // Filter: the 望岳 street's accounts the rules would merge.
        await page.GetByTestId("count-merge").ClickAsync();
        await page.Locator("input[data-testid=filter-search]").FillAsync("望岳");
        var links = page.GetByTestId("review-link");
        await Assertions.Expect(links.Filter(new LocatorFilterOptions { HasNotText = "望岳" })).ToHaveCountAsync(0);
        await Assertions.Expect(links.Filter(new LocatorFilterOptions { HasText = "望岳优生活" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("row-recommendation").First).ToHaveTextAsync("建议整合");
        await Support.Browser.ScreenshotAsync(page, "review-queue-filtered");

        await links.Filter(new LocatorFilterOptions { HasText = "望岳优生活" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("望岳优生活");
        await Assertions.Expect(page.Locator("[data-testid=flag][data-rule=BELOW_COUNTY_LEVEL] [data-testid=evidence]")).ToContainTextAsync("主办单位为街道");
        await Assertions.Expect(page.GetByTestId("days-since-last-post")).ToContainTextAsync("天未更新");
        await Assertions.Expect(page.GetByTestId("merge-target")).ToContainTextAsync("指尖岳麓");
        await Assertions.Expect(page.Locator("[data-testid=reads-chart] svg path").First).ToBeAttachedAsync();

        await page.GetByTestId("decide-merge").ClickAsync();
        await Assertions.Expect(page.GetByTestId("merge-target-select")).ToContainTextAsync("指尖岳麓");
        await page.Locator("textarea[data-testid=decision-reason]").FillAsync("街道账号并入区融媒体中心");
        await page.GetByTestId("decide-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision-notice")).ToContainTextAsync("已保存决定");
        await Assertions.Expect(page.GetByTestId("decision-notice")).ToContainTextAsync("关停申请");
        await Assertions.Expect(page.GetByTestId("history-closure")).ToContainTextAsync("草稿");
        await Assertions.Expect(page.GetByTestId("standing")).ToContainTextAsync("整合至 指尖岳麓");
        await Support.Browser.ScreenshotAsync(page, "review-account-decided");

        await page.GotoAsync("reviews");
        await Support.Browser.WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=filter-search]").FillAsync("望岳");
        await Assertions.Expect(links.Filter(new LocatorFilterOptions { HasNotText = "望岳" })).ToHaveCountAsync(0);
        await Assertions.Expect(links.Filter(new LocatorFilterOptions { HasText = "望岳发布" })).ToBeVisibleAsync();
        await Assertions.Expect(links.Filter(new LocatorFilterOptions { HasText = "望岳优生活" })).ToHaveCountAsync(0);
        await Support.Browser.ScreenshotAsync(page, "review-queue-after-decision");

        // The street's clerk hears of it in the app and finds the new request in their list.
        var clerk = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(clerk, "clerk.wangyue");
        await clerk.GotoAsync("closures");
        await Support.Browser.WaitInteractiveAsync(clerk);
        await Assertions.Expect(clerk.GetByTestId("notification-bell")).Not.ToHaveAttributeAsync("data-unread", "0");
        await Assertions.Expect(clerk.GetByTestId("closure-link").Filter(new LocatorFilterOptions { HasText = "望岳优生活" })).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(clerk, "review-closure-clerk");

        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var decision = await db.ReviewDecisions.Where(d => db.Accounts.Any(a => a.Id == d.AccountId && a.Name == "望岳优生活"))
            .SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DecisionKind.Merge, decision.Kind);
        Assert.Equal("reviewer", decision.DecidedBy);
        Assert.Equal("街道账号并入区融媒体中心", decision.Reason);
        Assert.NotNull(decision.EvaluationId);
        Assert.True(await db.ClosureRequests.AnyAsync(r => r.ReviewDecisionId == decision.Id, TestContext.Current.CancellationToken));
    }
}
