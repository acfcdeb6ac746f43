using AccountRegistry.Domain.Posts;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Content;

/// <summary>
/// A demo county of its own: the journeys add posts and list entries, which the shared demo collection's tests must
/// not see.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContentCollection : ICollectionFixture<RegistryWebApp>, ICollectionFixture<Support.Browser>
{
    public const string Name = "content app";
}

/// <summary>内容巡查 in Chromium: an Admin lists a banned phrase, the stored posts are re-checked in the background, a
/// reviewer confirms the finding, and the account page shows it; the public page answers anyone.</summary>
[Collection(ContentCollection.Name)]
public sealed class ContentJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    private const string Phrase = "代开发票";

    [Fact]
    public async Task AdminListsAPhrase_StoredPostsAreRechecked_ReviewerConfirmsTheFinding()
    {
        var (accountId, title) = await PostAsync("望岳优生活", "有人在群里代 开·发票，请居民提高警惕。");
        var admin = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(admin, "admin");

        await admin.GotoAsync("content/lists");
        await Support.Browser.WaitInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Tab, new() { Name = "违禁词" }).ClickAsync();
        await admin.Locator("input[data-testid=term-input]").FillAsync(Phrase);
        await admin.GetByTestId("term-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("lists-message")).ToContainTextAsync("已保存");
        await Assertions.Expect(admin.GetByTestId("terms-table")).ToContainTextAsync(Phrase);
        await Assertions.Expect(admin.GetByTestId("recheck-done")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(admin.GetByTestId("lists-history")).ToContainTextAsync("content_term.created");
        await Support.Browser.ScreenshotAsync(admin, "content-lists-admin");

        var reviewer = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(reviewer, "reviewer");
        await reviewer.GotoAsync("content/findings");
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await reviewer.GetByTestId("count-CONTENT_BANNED").ClickAsync();
        var row = reviewer.Locator("[data-testid=content-findings] tbody tr", new() { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("finding-text")).ToHaveTextAsync("代 开·发票");
        await Support.Browser.ScreenshotAsync(reviewer, "content-findings-reviewer");
        await row.GetByTestId("finding-confirm").ClickAsync();
        await reviewer.Locator("textarea[data-testid=finding-note]").FillAsync("违禁内容，已通知删除");
        await reviewer.GetByTestId("finding-decide").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        // The check and the status can be linked to (the dashboard's lines link to their check's findings).
        await reviewer.GotoAsync("content/findings?check=CONTENT_BANNED&status=confirmed");
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("finding-status")).ToHaveAttributeAsync("data-status", "confirmed");
        await Assertions.Expect(reviewer.GetByTestId("count-CONTENT_BANNED")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-filled"));

        await reviewer.GotoAsync($"accounts/{accountId}");
        await Support.Browser.WaitInteractiveAsync(reviewer);
        var onAccount = reviewer.Locator("[data-testid=account-content-findings] tbody tr", new() { HasText = title });
        await Assertions.Expect(onAccount.GetByTestId("finding-status")).ToHaveAttributeAsync("data-status", "confirmed");
        await Assertions.Expect(onAccount).ToContainTextAsync("违禁内容，已通知删除");
        await Assertions.Expect(reviewer.GetByTestId("post-content-findings").First).ToContainTextAsync("违禁内容");
    }

    [Fact]
    public async Task Leader_ReadsTheListsButCannotEditThem_ClerkCannotOpenThem()
    {
        var leader = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(leader, "leader");
        await leader.GotoAsync("content/lists");
        await Support.Browser.WaitInteractiveAsync(leader);
        await Assertions.Expect(leader.GetByTestId("terms-table")).ToBeVisibleAsync();
        await Assertions.Expect(leader.GetByTestId("term-form")).ToHaveCountAsync(0);

        var clerk = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(clerk, "clerk.wangyue");
        await clerk.GotoAsync("content/lists");
        await Support.Browser.WaitInteractiveAsync(clerk);
        await Assertions.Expect(clerk.GetByTestId("terms-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_VerifiesAnAccountOnThePublicPage()
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Name == "望岳优生活").Select(a => new { a.Platform, a.PlatformAccountId }).FirstAsync(TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(app.BaseAddress);

        await page.GotoAsync("verify");
        await page.SelectOptionAsync("#platform", Domain.Accounts.Platforms.ToCode(account.Platform));
        await page.FillAsync("#id", account.PlatformAccountId);
        await page.GetByTestId("verify-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("verify-result")).ToHaveAttributeAsync("data-registered", "true");
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("望岳优生活");
        await Support.Browser.ScreenshotAsync(page, "verify-public");

        await page.FillAsync("#id", "gh_impostor_000");
        await page.GetByTestId("verify-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToHaveAttributeAsync("data-registered", "false");
    }

    private async Task<(int AccountId, string Title)> PostAsync(string accountName, string content)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var accountId = await db.Accounts.Where(a => a.Name == accountName).Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        var title = "防骗提醒" + Guid.NewGuid().ToString("N")[..6];
        db.Posts.Add(new Post { AccountId = accountId, PlatformPostId = Guid.NewGuid().ToString("N"), PublishedAt = DateTimeOffset.UtcNow.AddHours(-1), Title = title, Content = content });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (accountId, title);
    }
}
