using System.Net;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Duplicates;

/// <summary>
/// 重复稿件 in the browser. The demo county is shared by the whole collection and fingerprinting all of it takes
/// minutes, so these tests record one duplicate group between existing demo posts directly (the detector itself is
/// tested against PostgreSQL in Application.Tests): the county hub's first post, copied by 望岳优生活 and 莲花优生活.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DuplicatesJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task Anonymous_IsSentToTheLoginPage()
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        var response = await client.GetAsync("duplicates", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewer_FiltersGroupsByTownship_AndSeesSourceAndCopies()
    {
        var group = await RecordGroupAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "reviewer");

        await page.GotoAsync($"duplicates?unitId={group.LianhuaUnitId}");
        await Support.Browser.WaitInteractiveAsync(page);

        var rows = page.Locator("[data-testid=dup-table] tbody tr");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = group.SourceTitle })).ToHaveCountAsync(1);
        var row = rows.Filter(new LocatorFilterOptions { HasText = group.SourceTitle });
        await Assertions.Expect(row.GetByTestId("dup-source")).ToContainTextAsync("指尖岳麓");
        await Assertions.Expect(row.GetByTestId("dup-copies")).ToContainTextAsync("望岳优生活");
        await Assertions.Expect(row.GetByTestId("dup-copies")).ToContainTextAsync("莲花优生活");
        await Assertions.Expect(row.GetByTestId("dup-copies")).ToContainTextAsync("相似度 91%");
        await Support.Browser.ScreenshotAsync(page, "duplicates-reviewer");
    }

    [Fact]
    public async Task Clerk_SeesOnlyTheOwnCopy_AndThatTheSourceIsOutsideTheScope()
    {
        var group = await RecordGroupAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "clerk.wangyue");

        await page.GotoAsync("duplicates");
        await Support.Browser.WaitInteractiveAsync(page);

        var row = page.Locator("[data-testid=dup-table] tbody tr", new PageLocatorOptions { HasText = group.WangyueCopyTitle });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("dup-source")).ToContainTextAsync("不在您的权限范围内");
        // Nothing of the source or of the other township's copy; the clerk's own copy may name the hub in its title
        // (the demo's latest post of 望岳优生活 is, on some days, a repost titled "转发：指尖岳麓…").
        await Assertions.Expect(row.GetByTestId("dup-source")).Not.ToContainTextAsync("指尖岳麓");
        await Assertions.Expect(row.GetByTestId("dup-source")).Not.ToContainTextAsync(group.SourceTitle);
        await Assertions.Expect(row).Not.ToContainTextAsync("莲花优生活");
    }

    [Fact]
    public async Task AccountPage_ShowsTheCopyShare_AndAlsoPublishedAsWithTheSourceMarked()
    {
        var group = await RecordGroupAsync();
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "admin");

        await page.GotoAsync($"accounts/{group.LianhuaAccountId}");
        await Support.Browser.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("duplicate-share")).ToBeVisibleAsync();
        var postRow = page.Locator("[data-testid=posts-table] tbody tr", new PageLocatorOptions { HasText = group.LianhuaCopyTitle }).First;
        await Assertions.Expect(postRow.GetByTestId("also-published-toggle")).ToContainTextAsync("同稿另见 2 篇");
        await postRow.GetByTestId("also-published-toggle").ClickAsync();
        var items = postRow.GetByTestId("also-published-item");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(items.First).ToContainTextAsync("指尖岳麓");
        await Assertions.Expect(items.First).ToContainTextAsync("首发");
        await Support.Browser.ScreenshotAsync(page, "account-also-published");
    }

    private sealed record Group(long SourceId, string SourceTitle, int LianhuaUnitId, int LianhuaAccountId, string WangyueCopyTitle, string LianhuaCopyTitle);

    /// <summary>Idempotent: every test of the class records (or finds) the same group.</summary>
    private async Task<Group> RecordGroupAsync()
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var cancel = TestContext.Current.CancellationToken;
        var hub = await db.Accounts.Where(a => a.Name == "指尖岳麓").Select(a => a.Id).SingleAsync(cancel);
        var wangyue = await db.Accounts.Where(a => a.Name == "望岳优生活").Select(a => a.Id).SingleAsync(cancel);
        var lianhua = await db.Accounts.Where(a => a.Name == "莲花优生活").Select(a => new { a.Id, a.UnitId }).SingleAsync(cancel);
        var source = await db.Posts.Where(p => p.AccountId == hub).OrderBy(p => p.PublishedAt).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title }).FirstAsync(cancel);
        var wangyueCopy = await LatestPostAsync(db, wangyue, cancel);
        var lianhuaCopy = await LatestPostAsync(db, lianhua.Id, cancel);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO near_duplicates (post_id, source_post_id, similarity)
            VALUES ({wangyueCopy.Id}, {source.Id}, 0.91), ({lianhuaCopy.Id}, {source.Id}, 0.91), ({lianhuaCopy.Id}, {wangyueCopy.Id}, 0.88)
            ON CONFLICT DO NOTHING
            """,
            cancel);
        return new Group(source.Id, source.Title ?? string.Empty, lianhua.UnitId, lianhua.Id, wangyueCopy.Title ?? string.Empty, lianhuaCopy.Title ?? string.Empty);
    }

    private static async Task<(long Id, string? Title)> LatestPostAsync(RegistryDbContext db, int accountId, CancellationToken cancel)
    {
        var post = await db.Posts.Where(p => p.AccountId == accountId).OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Title }).FirstAsync(cancel);
        return (post.Id, post.Title);
    }
}
