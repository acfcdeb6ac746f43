using System.Net;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Closures;
using AccountRegistry.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>The web basics: antiforgery, headers, cookies, the password policy, user text shown as text.</summary>
[Collection(SecurityCollection.Name)]
public sealed class WebSecurityTests(SecurityApp app, Support.Browser browser)
{
    private const string HostileName = "<img src=x onerror=\"window.pwned=1\">望岳<script>window.pwned=2</script>账号";
    private const string HostileTitle = "<script>window.pwned=3</script>关于“清朗”行动的通知";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FormPosts_WithoutAnAntiforgeryToken_AreRefused_AndTheSessionStays()
    {
        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        using var anonymous = LoginClient.Anonymous(app.BaseAddress);
        using var empty = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var login = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = "admin", ["Input.Password"] = Application.Demo.DemoCounty.DemoPassword,
        });

        var logout = await clerk.PostAsync("logout", empty, Ct);
        var stillSignedIn = await clerk.GetAsync("accounts", Ct);
        _ = await anonymous.GetAsync("login", Ct); // the antiforgery cookie, but no token in the form
        var signIn = await anonymous.PostAsync("login", login, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain(signIn.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("registry.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("login")]
    [InlineData("health")]
    [InlineData("api/v1/dashboard/summary")]
    [InlineData("no/such/page")]
    [InlineData("openapi/v1.json")]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        var response = await client.GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSource = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", scriptSource, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndStrict_AndSecureBehindAnHttpsProxy()
    {
        using var direct = LoginClient.Anonymous(app.BaseAddress);
        using var proxied = LoginClient.Anonymous(app.BaseAddress);
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var (plain, _) = await LoginClient.PostLoginAsync(direct, "leader", Application.Demo.DemoCounty.DemoPassword);
        var (https, _) = await LoginClient.PostLoginAsync(proxied, "leader", Application.Demo.DemoCounty.DemoPassword);

        var plainCookie = AuthCookie(plain);
        var httpsCookie = AuthCookie(https);
        Assert.Contains("httponly", plainCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", plainCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plainCookie.Replace("samesite", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", httpsCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", httpsCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("short1!A")]
    [InlineData("alllowercase1!")]
    [InlineData("NoDigitsHere!!")]
    [InlineData("NoSymbols12345")]
    public async Task PasswordPolicy_RefusesWeakPasswords(string password)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(new AppUser { UserName = "weak." + Guid.NewGuid().ToString("N")[..8], DisplayName = "弱密码" }, password);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task PasswordPolicy_AcceptsALongMixedPassword()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(new AppUser { UserName = "strong." + Guid.NewGuid().ToString("N")[..8], DisplayName = "强密码" }, "Qingl@ng-2026x");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task HtmlInUserText_ShowsAsText_InTheServerPageAndInTheBrowser()
    {
        var account = await ClosureWebSupport.AccountAsync(app.App, HostileName);
        await using (var db = RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            db.Posts.Add(new Post
            {
                AccountId = account.Id, PlatformPostId = "xss-1", PublishedAt = DateTimeOffset.UtcNow.AddDays(-1), Title = HostileTitle,
                Content = "<script>window.pwned=4</script>正文",
            });
            await db.SaveChangesAsync(Ct);
        }

        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        var html = await clerk.GetStringAsync($"accounts/{account.Id}", Ct);

        Assert.DoesNotContain("<script>window.pwned", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.pwned=2&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("望岳", html, StringComparison.Ordinal);

        var page = await browser.NewPageAsync(app.BaseAddress);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };
        await Support.Browser.SignInAsync(page, "clerk.wangyue");
        await page.GotoAsync($"accounts/{account.Id}");
        await Support.Browser.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync(HostileName);
        await Assertions.Expect(page.GetByTestId("posts-table")).ToContainTextAsync(HostileTitle);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.Empty(refused);
        await Support.Browser.ScreenshotAsync(page, "security-html-as-text");
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("registry.auth=", StringComparison.Ordinal));
}
