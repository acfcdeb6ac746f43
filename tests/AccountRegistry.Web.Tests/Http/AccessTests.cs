using System.Net;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AccountRegistry.Web.Tests.Http;

[Collection(DemoCollection.Name)]
public sealed class AccessTests(RegistryWebApp app)
{
    [Theory]
    [InlineData("accounts")]
    [InlineData("accounts/1")]
    [InlineData("accounts/export.xlsx")]
    public async Task Anonymous_IsSentToTheLoginPage(string path)
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_RequestingAnotherTownshipsAccountByUrl_GetsNotFoundWithoutItsData()
    {
        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        var other = await AccountIdAsync("莲花优生活");
        var own = await AccountIdAsync("望岳优生活");

        var otherPage = await clerk.GetStringAsync($"accounts/{other}", TestContext.Current.CancellationToken);
        var ownPage = await clerk.GetStringAsync($"accounts/{own}", TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"not-found\"", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("莲花优生活", otherPage, StringComparison.Ordinal);
        Assert.Contains("望岳优生活", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"not-found\"", ownPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_ExportContainsExactlyTheOwnSubtree()
    {
        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var path = await db.Units.Where(u => u.Name == "望岳街道办事处").Select(u => u.Path).SingleAsync(TestContext.Current.CancellationToken);
        var expected = await db.Accounts.Where(a => a.Unit!.Path.StartsWith(path)).Select(a => a.PlatformAccountId).OrderBy(id => id).ToListAsync(TestContext.Current.CancellationToken);

        var response = await clerk.GetAsync("accounts/export.xlsx", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(expected, rows.Select(r => (string)r["账号ID account_id"]).OrderBy(id => id, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task ForwardedHeaders_WithNoConfiguredProxy_AreIgnored()
    {
        // The demo app is configured with no proxy: a loopback client claiming HTTPS through X-Forwarded-Proto is not
        // believed (nor would its X-Forwarded-For choose its rate-limit bucket).
        using var client = LoginClient.Anonymous(app.BaseAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var (response, _) = await LoginClient.PostLoginAsync(client, "leader", Application.Demo.DemoCounty.DemoPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("registry.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheUserOut_WithTheAnswerAnUnknownUserGets()
    {
        const string Answer = "用户名或密码不正确；连续 5 次失败后账号锁定 15 分钟。";
        using var client = LoginClient.Anonymous(app.BaseAddress);
        var (_, firstFailure) = await LoginClient.PostLoginAsync(client, "clerk.lianhua", "Wrong-password-1");
        for (var i = 1; i < 5; i++)
        {
            await LoginClient.PostLoginAsync(client, "clerk.lianhua", "Wrong-password-1");
        }

        var (response, body) = await LoginClient.PostLoginAsync(client, "clerk.lianhua", Application.Demo.DemoCounty.DemoPassword);
        var unknownBody = string.Empty;
        for (var i = 0; i < 6; i++)
        {
            (_, unknownBody) = await LoginClient.PostLoginAsync(client, "clerk.nobody", "Wrong-password-1");
        }

        Assert.Contains(Answer, firstFailure, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(Answer, body, StringComparison.Ordinal);
        Assert.Contains(Answer, unknownBody, StringComparison.Ordinal);
        Assert.DoesNotContain("已锁定", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish_AndChineseIsTheDefault()
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);
        var chinese = await client.GetStringAsync("login", TestContext.Current.CancellationToken);

        var switched = await client.GetAsync("culture?culture=en&returnUrl=/login", TestContext.Current.CancellationToken);
        var english = await client.GetStringAsync("login", TestContext.Current.CancellationToken);
        var offSite = await client.GetAsync("culture?culture=en&returnUrl=//evil.example", TestContext.Current.CancellationToken);

        Assert.Contains("账号台账管理系统", chinese, StringComparison.Ordinal);
        Assert.Equal("/login", switched.Headers.Location?.ToString());
        Assert.Contains("Account Registry", english, StringComparison.Ordinal);
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
        Assert.Equal("/", offSite.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Health_ReportsHealthyWhileTheDatabaseAnswers()
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        var response = await client.GetAsync("health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        var response = await client.GetAsync("login", TestContext.Current.CancellationToken);

        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options").Distinct());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<int> AccountIdAsync(string name)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        return await db.Accounts.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }
}
