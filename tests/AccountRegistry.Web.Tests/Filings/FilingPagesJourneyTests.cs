using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace AccountRegistry.Web.Tests.Filings;

/// <summary>The filing register's pages in Chromium, against the demo county (each test puts back what it changed).</summary>
[Collection(DemoCollection.Name)]
public sealed class FilingPagesJourneyTests(RegistryWebApp app, Support.Browser browser)
{
    private sealed record Sample(int Id, string Platform, string AccountId, string Name, string? FilingNo);

    private async Task<Sample> LiveAccountAsync()
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var account = await db.Accounts.Where(a => a.Status == AccountStatus.Active && !a.IsHub).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Platform, a.PlatformAccountId, a.Name, a.FilingNo })
            .FirstAsync(TestContext.Current.CancellationToken);
        return new Sample(account.Id, account.Platform.ToCode(), account.PlatformAccountId, account.Name, account.FilingNo);
    }

    private async Task<string?> FilingNoAsync(int id)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        return await db.Accounts.Where(a => a.Id == id).Select(a => a.FilingNo).SingleAsync(TestContext.Current.CancellationToken);
    }

    private async Task RestoreAsync(Sample sample)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        await db.Accounts.Where(a => a.Id == sample.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.FilingNo, sample.FilingNo).SetProperty(a => a.FiledOn, (DateOnly?)null), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reviewer_UploadsTheProvincialExport_SeesTheListsDownloadsCorrectionsAndTakesOneFilingNumber()
    {
        var sample = await LiveAccountAsync();
        var folder = Directory.CreateTempSubdirectory("ar-reconcile-journey-");
        try
        {
            var file = Path.Combine(folder.FullName, "省备案导出.csv");
            await File.WriteAllTextAsync(file,
                "platform,account_id,name,unit_code,filing_no,status\n" +
                $"{sample.Platform},{sample.AccountId},{sample.Name},,湘网备-JOURNEY,active\n" +
                "toutiao,tt_journey_only_there,省里才有,,湘网备-X,active\n",
                TestContext.Current.CancellationToken);
            var page = await browser.NewPageAsync(app.BaseAddress);
            await Support.Browser.SignInAsync(page, "reviewer");
            await page.GotoAsync("filings");
            await Support.Browser.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("unfiled-table")).ToBeVisibleAsync();
            await page.GetByTestId("go-reconcile").ClickAsync();
            await Support.Browser.WaitInteractiveAsync(page);

            await page.Locator("input[type=file]").SetInputFilesAsync(file);

            await Assertions.Expect(page.GetByTestId("reconcile-summary")).ToContainTextAsync("共 2 行");
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "本地无此账号（1）" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("unknown-table")).ToContainTextAsync("tt_journey_only_there");
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "信息不一致（1）" }).ClickAsync();
            var row = page.Locator("[data-testid=mismatched-table] tbody tr", new PageLocatorOptions { HasText = sample.AccountId });
            await Assertions.Expect(row).ToContainTextAsync("湘网备-JOURNEY");
            await Support.Browser.ScreenshotAsync(page, "filings-reconcile-reviewer");

            var href = await page.GetByTestId("download-corrections").GetAttributeAsync("href");
            var download = await page.APIRequest.GetAsync(href!);
            Assert.Equal(200, download.Status);
            using (var sheet = new MemoryStream(await download.BodyAsync()))
            {
                var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
                Assert.Contains(rows, r => (string)r["账号ID account_id"] == "tt_journey_only_there" && ((string)r["类别 kind"]).EndsWith("unknown_here", StringComparison.Ordinal));
                Assert.Contains(rows, r => (string)r["账号ID account_id"] == sample.AccountId && (string)r["省级备案编号 filing_no_province"] == "湘网备-JOURNEY");
            }

            // Comparing and downloading changed nothing; taking the number (with a reason) changes that one account.
            Assert.Equal(sample.FilingNo, await FilingNoAsync(sample.Id));
            await row.GetByTestId("take-filing-no").ClickAsync();
            await Assertions.Expect(page.GetByTestId("apply-confirm")).ToBeDisabledAsync();
            await page.Locator("input[data-testid=apply-reason]").FillAsync("省级系统已更新编号");
            await page.GetByTestId("apply-confirm").ClickAsync();
            await Assertions.Expect(row.GetByTestId("applied")).ToBeVisibleAsync();
            Assert.Equal("湘网备-JOURNEY", await FilingNoAsync(sample.Id));
            await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
            var entityId = sample.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM audit_entries WHERE action = 'account.filing_corrected' AND entity_id = {entityId} AND actor = 'reviewer' AND details->>'reason' = '省级系统已更新编号'")
                .SingleAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await RestoreAsync(sample);
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reviewer_UploadsAFileWithTheSameAccountTwice_SeesTheRowsNamed()
    {
        var folder = Directory.CreateTempSubdirectory("ar-reconcile-journey-");
        try
        {
            var file = Path.Combine(folder.FullName, "filings.csv");
            await File.WriteAllTextAsync(file,
                "platform,account_id,name,unit_code,filing_no,status\nwechat,gh_twice,甲,,F,active\nwechat,gh_twice,甲,,F,gone\n",
                TestContext.Current.CancellationToken);
            var page = await browser.NewPageAsync(app.BaseAddress);
            await Support.Browser.SignInAsync(page, "reviewer");
            await page.GotoAsync("filings/reconcile");
            await Support.Browser.WaitInteractiveAsync(page);

            await page.Locator("input[type=file]").SetInputFilesAsync(file);

            var errors = page.Locator("[data-testid=reconcile-errors] tbody tr");
            await Assertions.Expect(errors).ToHaveCountAsync(1);
            await Assertions.Expect(errors.First).ToContainTextAsync("status");
            Assert.Equal(0, await page.GetByTestId("download-corrections").CountAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reviewer_RecordsAFilingOnTheAccountPage()
    {
        var sample = await LiveAccountAsync();
        try
        {
            var page = await browser.NewPageAsync(app.BaseAddress);
            await Support.Browser.SignInAsync(page, "reviewer");
            await page.GotoAsync($"accounts/{sample.Id}");
            await Support.Browser.WaitInteractiveAsync(page);

            await page.GetByTestId("filing-edit").ClickAsync();
            await page.Locator("input[data-testid=filing-no-input]").FillAsync("湘网备-PAGE");
            await page.GetByTestId("filing-save").ClickAsync();

            await Assertions.Expect(page.GetByTestId("filing-no")).ToHaveTextAsync("湘网备-PAGE");
            Assert.Equal("湘网备-PAGE", await FilingNoAsync(sample.Id));
        }
        finally
        {
            await RestoreAsync(sample);
        }
    }

    [Theory]
    [InlineData("filings")]
    [InlineData("filings/reconcile")]
    public async Task Clerk_IsRefused(string path)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "clerk.wangyue");

        await page.GotoAsync(path);

        await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("无权访问");
        Assert.Equal(0, await page.Locator("input[type=file]").CountAsync());
    }

    [Fact]
    public async Task Clerk_SeesTheFilingButCannotEditIt()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "clerk.wangyue");
        await page.GotoAsync("accounts");
        await Support.Browser.WaitInteractiveAsync(page);
        await page.Locator("table tbody tr a").First.ClickAsync();

        await Assertions.Expect(page.GetByTestId("filing-panel")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("filing-edit").CountAsync());
    }
}
