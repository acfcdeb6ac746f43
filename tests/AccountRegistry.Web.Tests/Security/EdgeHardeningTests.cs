using System.Net;
using System.Text;
using System.Text.Json;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>
/// What an outside tester broke in an afternoon (issue 20), on the real app over real HTTP: each answer is a clear
/// 4xx (a problem document for the API), never a 500 or an HTML page where JSON belongs.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class EdgeHardeningTests(SecurityApp app, Support.Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "api/v1/verify?platform=wechat&id=%00")]
    [InlineData(null, "verify?platform=wechat&id=%00")]
    [InlineData("admin", "accounts/export.xlsx?search=%00")]
    [InlineData("admin", "reviews/export.xlsx?search=a%00b")]
    [InlineData("admin", "audit/export.xlsx?actor=%00")]
    [InlineData("admin", "accounts?search=%00")]
    public async Task NulInAUrl_Gets400_NotAServerError(string? user, string path)
    {
        using var client = user is null ? LoginClient.Anonymous(app.BaseAddress) : await LoginClient.SignInAsync(app.BaseAddress, user);

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (path.StartsWith("api/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task LoneSurrogateEscape_InABatch_IsRefusedWithItsRowAndField()
    {
        var (status, body) = await PostAsync("api/v1/posts",
            """[{"platform":"wechat","account_id":"gh_wy_x","post_id":"s1","published_at":"2026-11-20T09:30:00+08:00","title":"a\ud800b"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(Errors(body), e => e.Field == "title");
        Assert.Equal((0, "InvalidText"), (error.Row, error.Code));
    }

    [Fact]
    public async Task DuplicateJsonKeys_AreRefused_NotResolvedToTheLastValue()
    {
        var (status, body) = await PostAsync("api/v1/posts",
            """[{"platform":"wechat","account_id":"gh_x","post_id":"d1","post_id":"d2","published_at":"2026-11-20T09:30:00+08:00"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Errors(body), e => (e.Row, e.Field, e.Code) == (0, "post_id", "DuplicateField"));
    }

    [Fact]
    public async Task ArrayValuedField_DoesNotHideTheItemsOtherErrors()
    {
        var (status, body) = await PostAsync("api/v1/posts",
            """[{"platform":"wechat","account_id":"gh_x","post_id":"a1","published_at":"9999-12-31T00:00:00+08:00","title":["x"],"is_original":"maybe"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = Errors(body).Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("title", "InvalidText"), fields);
        Assert.Contains(("published_at", "ImplausibleTime"), fields);
        Assert.Contains(("is_original", "BadBoolean"), fields);
        Assert.Single(fields, f => f.Field == "title");
    }

    [Fact]
    public async Task TooLargeBatch_IsReportedForTheWholeBatch_NotAsRowZero()
    {
        var (status, body) = await PostAsync("api/v1/reads", "[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(Errors(body));
        Assert.Equal((null, "BatchTooLarge"), (error.Row, error.Code));
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413WithAProblemDocument()
    {
        var huge = new byte[31_000_000];
        huge.AsSpan().Fill((byte)' ');
        huge[0] = (byte)'[';
        using var content = new ByteArrayContent(huge);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var client = await app.ClientAsync(SecurityApp.Users.Single(u => u.Key == "collector-key"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/posts") { Content = content };

        // With Expect: 100-continue the refusal arrives before the body is sent (Kestrel refuses by Content-Length).
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0A/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task CultureSwitch_WithAForeignReturnUrl_RedirectsHome(string returnUrl)
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);

        using var response = await client.GetAsync("culture?culture=en&returnUrl=" + returnUrl, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("clerk.wangyue", HttpStatusCode.Forbidden)]
    public async Task DashboardApi_Refused_AnswersWithAProblemDocument(string? user, HttpStatusCode expected)
    {
        using var client = user is null ? LoginClient.Anonymous(app.BaseAddress) : await LoginClient.SignInAsync(app.BaseAddress, user);

        using var response = await client.GetAsync("api/v1/dashboard/summary", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("accounts/export.xlsx")]
    [InlineData("api/v1/dashboard/summary")]
    [InlineData("accounts")]
    public async Task Responses_AreNotCached_AndDoNotNameTheServer(string path)
    {
        using var admin = await LoginClient.SignInAsync(app.BaseAddress, "admin");

        using var response = await admin.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task ForeignHostHeader_IsRefused_AndRedirectsNameNoHost()
    {
        using var client = LoginClient.Anonymous(app.BaseAddress);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "accounts");
        forged.Headers.Host = "evil.example";

        using var refused = await client.SendAsync(forged, Ct);
        using var redirect = await client.GetAsync("accounts", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/login", redirect.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongTitleWithBidiControls_IsCutAndNeutralisedInTheAccountsPostList()
    {
        var title = "探针\u202Eexe.fdp\u202C四" + new string('长', 900);
        var account = await Closures.ClosureWebSupport.AccountAsync(app.App, "望岳双向文本测试账号");
        await using (var db = Infrastructure.Persistence.RegistryDbContextOptions.Create(app.App.ConnectionString))
        {
            db.Posts.Add(new Domain.Posts.Post { AccountId = account.Id, PlatformPostId = "bidi-1", PublishedAt = DateTimeOffset.UtcNow.AddDays(-1), Title = title });
            await db.SaveChangesAsync(Ct);
        }

        var page = await browser.NewPageAsync(app.BaseAddress);
        await Support.Browser.SignInAsync(page, "clerk.wangyue");
        await page.GotoAsync($"accounts/{account.Id}");
        await Support.Browser.WaitInteractiveAsync(page);
        var shown = page.GetByTestId("posts-table").GetByTestId("short-text").First;

        await Microsoft.Playwright.Assertions.Expect(shown).ToHaveTextAsync("探针exe.fdp四" + new string('长', 80 - 10) + "…");
        Assert.DoesNotContain('\u202E', await page.GetByTestId("posts-table").InnerTextAsync());
        Assert.Equal("探针exe.fdp四" + new string('长', 900), await shown.GetAttributeAsync("title"));
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string json)
    {
        using var client = await app.ClientAsync(SecurityApp.Users.Single(u => u.Key == "collector-key"));
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<(int? Row, string Field, string Code)> Errors(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return [.. document.RootElement.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("row").ValueKind == JsonValueKind.Null ? (int?)null : e.GetProperty("row").GetInt32(),
            e.GetProperty("field").GetString()!,
            e.GetProperty("code").GetString()!))];
    }
}
