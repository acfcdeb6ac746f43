using System.Net;
using System.Net.Http.Json;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace AccountRegistry.Web.Tests.Imports;

/// <summary>The upload page and the key page in Chromium, against the demo county (which these tests leave unchanged).</summary>
[Collection(DemoCollection.Name)]
public sealed class ImportPageJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    [Fact]
    public async Task Reviewer_UploadsAnUnchangedAndAnInvalidFile_SeesCountsAndTheErrorTableAndDownloadsIt()
    {
        var folder = Directory.CreateTempSubdirectory("ar-upload-journey-");
        try
        {
            await using (var db = RegistryDbContextOptions.Create(app.ConnectionString))
            {
                var unit = await db.Units.Where(u => u.Level == UnitLevel.Street).OrderBy(u => u.Id)
                    .Select(u => new { u.Code, u.Name, u.Level, ParentCode = u.Parent!.Code }).FirstAsync(TestContext.Current.CancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "units.csv"),
                    $"code,name,level,parent_code\n{unit.Code},{unit.Name},{unit.Level.ToCode()},{unit.ParentCode}\n", TestContext.Current.CancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "posts.csv"),
                "platform,account_id,post_id,published_at,title,content,is_original,url\n"
                + "wechat,gh_nobody,x1,2026-11-20T09:00:00+08:00,t,c,,\n"
                + "wechat,gh_nobody,x2,2026-11-20 09:00,t,c,,\n",
                TestContext.Current.CancellationToken);
            var page = await browser.NewPageAsync(app.BaseAddress);
            await Support.Browser.SignInAsync(page, "reviewer");
            await page.GotoAsync("imports");
            await Support.Browser.WaitInteractiveAsync(page);

            await page.Locator("input[type=file]").SetInputFilesAsync([Path.Combine(folder.FullName, "posts.csv"), Path.Combine(folder.FullName, "units.csv")]);
            await Assertions.Expect(page.Locator("[data-testid=selected-files] tbody tr")).ToHaveCountAsync(2);
            await page.GetByTestId("import-start").ClickAsync();

            var results = page.Locator("[data-testid=import-result-row]");
            await Assertions.Expect(results).ToHaveCountAsync(2);
            await Assertions.Expect(results.Nth(0)).ToContainTextAsync("units.csv");
            await Assertions.Expect(results.Nth(0)).ToContainTextAsync("已导入");
            await Assertions.Expect(results.Nth(1)).ToContainTextAsync("posts.csv");
            await Assertions.Expect(results.Nth(1)).ToContainTextAsync("未导入");
            var errorRows = page.Locator("[data-testid=error-table] tbody tr");
            await Assertions.Expect(errorRows).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByTestId("error-table")).ToContainTextAsync("时间缺少时区");
            await Assertions.Expect(page.GetByTestId("error-table")).ToContainTextAsync("账号不存在");
            // The explanation is Chinese too: the detail (the form to write) in a Chinese sentence, not the importer's English reason.
            await Assertions.Expect(page.GetByTestId("error-table")).ToContainTextAsync("应写作 2019-05-08T09:30:00+08:00");
            await Assertions.Expect(page.GetByTestId("error-table")).Not.ToContainTextAsync("UTC offset");
            await Assertions.Expect(page.GetByTestId("error-table")).Not.ToContainTextAsync("import it in");
            await Support.Browser.ScreenshotAsync(page, "import-errors-reviewer");

            var href = await page.GetByTestId("download-errors").GetAttributeAsync("href");
            var download = await page.APIRequest.GetAsync(href!);
            Assert.Equal(200, download.Status);
            using var sheet = new MemoryStream(await download.BodyAsync());
            var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains(rows, r => Convert.ToInt32(r["行号 line"], System.Globalization.CultureInfo.InvariantCulture) == 3 && (string)r["列 column"] == "published_at"
                && (string)r["说明 reason"] == "应写作 2019-05-08T09:30:00+08:00");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Admin_CreatesAKeyShownOnce_ThenRevokesIt_AndTheApiRefusesIt()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "admin");
        await page.GotoAsync("admin/collector-keys");
        await Support.Browser.WaitInteractiveAsync(page);
        var name = $"测试采集器 {Guid.NewGuid():N}"[..12];

        await page.Locator("input[data-testid=key-name]").FillAsync("采集器\u202Egpj.exe");
        await Assertions.Expect(page.GetByText("名称不能含不可见的控制字符")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("key-create")).ToBeDisabledAsync();
        await page.Locator("input[data-testid=key-name]").FillAsync(name);
        await page.GetByTestId("key-create").ClickAsync();
        var key = await page.GetByTestId("key-value").InnerTextAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var accepted = await PostReadsAsync(client, key);

        await page.Locator("[data-testid=key-table] tr", new PageLocatorOptions { HasText = name }).GetByTestId("key-revoke").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "吊销" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=key-table] tr", new PageLocatorOptions { HasText = name })).ToContainTextAsync("已于");
        await Support.Browser.ScreenshotAsync(page, "collector-keys-admin");
        var refused = await PostReadsAsync(client, key);

        Assert.StartsWith("ark_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        await page.ReloadAsync();
        await Support.Browser.WaitInteractiveAsync(page);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clerk.wangyue", "imports")]
    [InlineData("reviewer", "admin/collector-keys")]
    public async Task OtherRoles_AreRefused(string user, string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, user);

        await page.GotoAsync(path);

        await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("无权访问");
        Assert.Equal(0, await page.Locator("input[type=file]").CountAsync());
    }

    private static async Task<HttpStatusCode> PostReadsAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reads") { Content = JsonContent.Create(Array.Empty<object>()) };
        request.Headers.Add(CollectorApi.ApiKeyHeader, key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
