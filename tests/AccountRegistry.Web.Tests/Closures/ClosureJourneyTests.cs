using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Closures;

[Collection(ClosureCollection.Name)]
public sealed class ClosureJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task ClerkFiles_ReviewerApproves_ClerkPostsNoticeAndProof_ReviewerCompletes_AccountShowsClosed()
    {
        var account = await ClosureWebSupport.AccountAsync(app, "望岳快手旧号");
        var clerk = await browser.NewPageAsync(app.BaseAddress);
        var reviewer = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(clerk, "clerk.wangyue");
        await Support.Browser.SignInAsync(reviewer, "reviewer");

        // The clerk starts from the account's page and files the request.
        await clerk.GotoAsync($"accounts/{account.Id}");
        await Support.Browser.WaitInteractiveAsync(clerk);
        await clerk.GetByTestId("request-closure").ClickAsync();
        await clerk.WaitForURLAsync(url => url.Contains("/closures/new", StringComparison.Ordinal));
        await Support.Browser.WaitInteractiveAsync(clerk);
        await Assertions.Expect(clerk.GetByTestId("form-account")).ToContainTextAsync("望岳快手旧号");
        await clerk.GetByTestId("form-submit").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("error-reasons")).ToBeVisibleAsync();
        await clerk.GetByLabel("长期未更新或从未发布").CheckAsync();
        await clerk.Locator("textarea[data-testid=field-reason-text], [data-testid=field-reason-text] textarea").FillAsync("两年未更新，粉丝不足百人");
        var lastDay = ShanghaiCalendar.Today(TimeProvider.System).AddDays(7);
        await clerk.Locator("[data-testid=field-planned] input").FillAsync(lastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Support.Browser.ScreenshotAsync(clerk, "closure-form-clerk");
        await clerk.GetByTestId("form-submit").ClickAsync();
        await clerk.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/closures/\\d+$"));
        await Assertions.Expect(clerk.GetByTestId("closure-state")).ToHaveAttributeAsync("data-state", "submitted");
        var requestUrl = new Uri(clerk.Url).AbsolutePath.TrimStart('/');
                await Assertions.Expect(clerk.Locator("textarea[data-testid=notice-text], [data-testid=notice-text] textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("本账号将于.*停止更新"));
        Assert.Equal(0, await clerk.GetByTestId("action-approve").CountAsync());

        // The reviewer finds it in the inbox (and the bell) and approves.
        await reviewer.GotoAsync("closures/inbox");
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await Assertions.Expect(reviewer.GetByTestId("notification-bell")).Not.ToHaveAttributeAsync("data-unread", "0");
        await reviewer.GetByTestId("closure-link").Filter(new LocatorFilterOptions { HasText = "望岳快手旧号" }).ClickAsync();
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await reviewer.GetByTestId("action-approve").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("closure-state")).ToHaveAttributeAsync("data-state", "approved");
        Assert.Equal(0, await reviewer.GetByTestId("action-post-notice").CountAsync());

        // The clerk posts the notice, is refused a renamed program, uploads the platform's confirmation and deregisters.
        await clerk.GotoAsync(requestUrl);
        await Support.Browser.WaitInteractiveAsync(clerk);
        await clerk.Locator("input[data-testid=notice-url]").FillAsync("https://www.kuaishou.com/notice/closing");
        await clerk.GetByTestId("action-post-notice").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("closure-state")).ToHaveAttributeAsync("data-state", "notice_posted");
        // MudFileUpload keeps a spent input (d-none) beside the live one: the live one is last.
        var fileInput = clerk.Locator("[data-testid=attachments] input[type=file]").Last;
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "注销截图.png", MimeType = "image/png", Buffer = ClosureWebSupport.Exe });
        await Assertions.Expect(clerk.GetByTestId("attachment-error")).ToContainTextAsync("可执行程序");
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "快手注销确认.png", MimeType = "image/png", Buffer = ClosureWebSupport.Png });
        await Assertions.Expect(clerk.GetByTestId("attachment-row")).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.GetByTestId("attachment-link")).ToHaveTextAsync("快手注销确认.png");
        await clerk.GetByTestId("action-record-deregistration").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("closure-state")).ToHaveAttributeAsync("data-state", "deregistered");
        await Assertions.Expect(clerk.GetByTestId("no-actions")).ToBeVisibleAsync();

        // The reviewer confirms; the register now shows the account closed.
        await reviewer.GotoAsync(requestUrl);
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await reviewer.GetByTestId("action-complete").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("closure-state")).ToHaveAttributeAsync("data-state", "completed");
        await Assertions.Expect(reviewer.GetByTestId("timeline-step")).ToHaveCountAsync(6);
        await Support.Browser.ScreenshotAsync(reviewer, "closure-completed-reviewer");

        await clerk.GotoAsync($"accounts/{account.Id}");
        await Support.Browser.WaitInteractiveAsync(clerk);
        await Assertions.Expect(clerk.Locator("body")).ToContainTextAsync("已关停");
        Assert.Equal(0, await clerk.GetByTestId("request-closure").CountAsync());
        await Support.Browser.ScreenshotAsync(clerk, "closure-account-closed");

        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var stored = await db.Accounts.SingleAsync(a => a.Id == account.Id, TestContext.Current.CancellationToken);
        Assert.Equal(Domain.Accounts.AccountStatus.Closed, stored.Status);
        Assert.Equal(1, await db.AccountStatusChanges.CountAsync(c => c.AccountId == account.Id, TestContext.Current.CancellationToken));
    }
}
