using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Journeys;

[Collection(DemoCollection.Name)]
public sealed class RegisterJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task Reviewer_FiltersToOneTownship_OpensAnAccount_SeesPostsAndChart()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("accounts");
        await Support.Browser.WaitInteractiveAsync(page);
        var subtreeCount = await CountAccountsUnderAsync("望岳街道办事处");

        await page.Locator("input[data-testid=filter-unit]").FillAsync("望岳街道");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "望岳街道办事处" }).First.ClickAsync();

        var countText = page.GetByTestId("result-count");
        await Assertions.Expect(countText).ToContainTextAsync(subtreeCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rows = page.Locator("[data-testid=register-table] tbody tr.account-row");
        await Assertions.Expect(rows).ToHaveCountAsync(subtreeCount);
        await Support.Browser.ScreenshotAsync(page, "register-filtered-reviewer");

        await page.GetByTestId("account-link").Filter(new LocatorFilterOptions { HasText = "望岳优生活" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("望岳优生活");
        await Assertions.Expect(page.GetByTestId("unit-path")).ToContainTextAsync("岳麓区人民政府");
        await Assertions.Expect(page.GetByTestId("unit-path")).ToContainTextAsync("望岳街道办事处");
        var postRows = page.Locator("[data-testid=posts-table] tbody tr");
        await Assertions.Expect(postRows.First).ToBeVisibleAsync();
        Assert.Equal(20, await postRows.CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=reads-chart] svg path").First).ToBeAttachedAsync();
        await Support.Browser.ScreenshotAsync(page, "account-detail-reviewer");
    }

    [Fact]
    public async Task Clerk_SeesOnlyOwnUnitsAccounts_AndNotAnotherTownshipsByUrl()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "clerk.wangyue");
        await page.GotoAsync("accounts");
        await Support.Browser.WaitInteractiveAsync(page);
        var ownCount = await CountAccountsUnderAsync("望岳街道办事处");
        var otherAccountId = await AccountIdAsync("莲花优生活");

        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync(ownCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var names = await page.GetByTestId("account-link").AllInnerTextsAsync();
        Assert.Equal(ownCount, names.Count);
        Assert.Contains("望岳优生活", names);
        Assert.DoesNotContain("莲花优生活", names);
        Assert.DoesNotContain("指尖岳麓", names);
        await Support.Browser.ScreenshotAsync(page, "register-clerk");

        await page.GotoAsync($"accounts/{otherAccountId}");
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("莲花优生活");
    }

    [Fact]
    public async Task Reviewer_FiltersByPlatform_SortsAndPages_TheTableFollows()
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var weibo = await db.Accounts.CountAsync(a => a.Platform == Domain.Accounts.Platform.Weibo, TestContext.Current.CancellationToken);
        var all = await db.Accounts.CountAsync(TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "reviewer");
        await page.GotoAsync("accounts");
        await Support.Browser.WaitInteractiveAsync(page);
        var rows = page.Locator("[data-testid=register-table] tbody tr.account-row");
        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync(all.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(all, 25));

        // The next page shows the rows after the first 25 in the same order.
        var firstPage = await page.GetByTestId("account-link").AllInnerTextsAsync();
        await page.GetByLabel("下一页").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-pager-info")).ToContainTextAsync("第 26–");

        // The pager moves when the click is handled, the rows when the query has answered: wait for the rows.
        await Assertions.Expect(page.GetByTestId("account-link").First).Not.ToHaveTextAsync(firstPage[0]);
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(all - 25, 25));
        Assert.Empty((await page.GetByTestId("account-link").AllInnerTextsAsync()).Intersect(firstPage));

        // The select's options exist while it is open; the chosen one is shown in Chinese once it closes.
        await page.GetByTestId("filter-platform").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "微博" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-count")).ToContainTextAsync(weibo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(weibo, 25));
        await Assertions.Expect(page.Locator("input[data-testid=filter-platform]")).ToHaveValueAsync("微博");
        foreach (var cell in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync())
        {
            Assert.Equal("微博", cell);
        }

        // Sorting by name twice turns the order round (all of them on one page).
        await page.GetByTestId("register-page-size").SelectOptionAsync("200");
        await Assertions.Expect(rows).ToHaveCountAsync(weibo);
        var ascending = await page.GetByTestId("account-link").AllInnerTextsAsync();
        await page.Locator(".mud-table-sort-label", new PageLocatorOptions { HasText = "账号名称" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-link").First).Not.ToHaveTextAsync(ascending[0]);
        var descending = await page.GetByTestId("account-link").AllInnerTextsAsync();
        Assert.Equal(ascending.Reverse(), descending);
    }

    private async Task<int> CountAccountsUnderAsync(string unitName)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var path = await db.Units.Where(u => u.Name == unitName).Select(u => u.Path).SingleAsync();
        return await db.Accounts.CountAsync(a => a.Unit!.Path.StartsWith(path));
    }

    private async Task<int> AccountIdAsync(string name)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        return await db.Accounts.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }
}
