using AccountRegistry.Web.Tests.Closures;
using AccountRegistry.Web.Tests.Support;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Rectifications;

[Collection(ClosureCollection.Name)]
public sealed class RectificationJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task ClerkAnswersWithEvidence_ReviewerAccepts_AnotherTownshipsClerkSeesNothing()
    {
        var account = await ClosureWebSupport.AccountAsync(app, "望岳整改测试号");
        var (taskId, _) = await RectificationWebSupport.OpenTaskAsync(app, account);
        var clerk = await browser.NewPageAsync(app.BaseAddress);
        var reviewer = await browser.NewPageAsync(app.BaseAddress);
        var other = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(clerk, "clerk.wangyue");
        await Support.Browser.SignInAsync(reviewer, "reviewer");
        await Support.Browser.SignInAsync(other, "clerk.lianhua");

        // The clerk finds the task in the list through the menu and answers it; a program posing as a screenshot is refused.
        await clerk.GotoAsync("rectifications");
        await Support.Browser.WaitInteractiveAsync(clerk);
        var ownTask = clerk.GetByTestId("rectification-link").Filter(new LocatorFilterOptions { HasText = "望岳整改测试号" });
        await Assertions.Expect(ownTask).ToBeVisibleAsync();

        // The count above the table is the table's (it stayed at 0 while the rows loaded below it).
        var rows = await clerk.GetByTestId("rectification-link").CountAsync();
        await Assertions.Expect(clerk.GetByTestId("result-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"(^|\\D){rows}(\\D|$)"));
        await ownTask.ClickAsync();
        await clerk.WaitForURLAsync(url => url.EndsWith($"/rectifications/{taskId}", StringComparison.Ordinal));
        await Support.Browser.WaitInteractiveAsync(clerk);
        await Assertions.Expect(clerk.GetByTestId("rectification-problems")).ToContainTextAsync("菜单无法使用");
        await clerk.Locator("[data-testid=answer-text] textarea, textarea[data-testid=answer-text]").FillAsync("已修复菜单并重新发布内容");
        var fileInput = clerk.Locator("[data-testid=answer-form] input[type=file]").Last;
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "整改截图.png", MimeType = "image/png", Buffer = ClosureWebSupport.Exe });

        // The circuit must have taken the chosen file before the click, or the click submits an answer without it.
        await Assertions.Expect(clerk.GetByTestId("evidence-chosen")).ToContainTextAsync("整改截图.png");
        await clerk.GetByTestId("answer-submit").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("rectification-error")).ToContainTextAsync("可执行程序");
        fileInput = clerk.Locator("[data-testid=answer-form] input[type=file]").Last;
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "整改截图.png", MimeType = "image/png", Buffer = ClosureWebSupport.Png });
        await Assertions.Expect(clerk.GetByTestId("evidence-chosen")).ToContainTextAsync("整改截图.png");
        await clerk.GetByTestId("answer-submit").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("rectification-state")).ToHaveAttributeAsync("data-state", "Answered");
        await Assertions.Expect(clerk.GetByTestId("evidence-link")).ToHaveTextAsync("整改截图.png");
        Assert.Equal(0, await clerk.GetByTestId("accept").CountAsync());

        // Another township's clerk gets "not found" for the task and does not see it in the list.
        await other.GotoAsync($"rectifications/{taskId}");
        await Support.Browser.WaitInteractiveAsync(other);
        await Assertions.Expect(other.GetByTestId("not-found")).ToBeVisibleAsync();
        await other.GotoAsync("rectifications");
        await Support.Browser.WaitInteractiveAsync(other);
        await Assertions.Expect(other.GetByTestId("rectification-table")).Not.ToContainTextAsync("望岳整改测试号");

        // The reviewer accepts it.
        await reviewer.GotoAsync($"rectifications/{taskId}");
        await Support.Browser.WaitInteractiveAsync(reviewer);
        await Assertions.Expect(reviewer.GetByTestId("rectification-answer")).ToHaveTextAsync("已修复菜单并重新发布内容");
        await reviewer.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(reviewer.GetByTestId("rectification-state")).ToHaveAttributeAsync("data-state", "Accepted");
        await Assertions.Expect(reviewer.GetByTestId("step-row")).ToHaveCountAsync(2);
        await Support.Browser.ScreenshotAsync(reviewer, "rectification-accepted-reviewer");
    }
}
