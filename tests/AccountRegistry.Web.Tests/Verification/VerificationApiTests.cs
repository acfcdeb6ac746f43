using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountRegistry.Web.Tests.Verification;

/// <summary>GET /api/v1/verify and the /verify page, over real HTTP, as someone who never signed in.</summary>
public sealed class VerificationApiTests(VerificationApp app) : IClassFixture<VerificationApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ActiveAccount_AnswersExactlyThePublicFields()
    {
        var json = await VerifyAsync("verify?platform=wechat&id=gh_lianhua");

        AssertJson(
            """
            {"registered":true,"platform":"wechat","account_id":"gh_lianhua","name":"莲花优生活","unit":"莲花镇人民政府",
             "status":"active","status_changed_on":null,"merged_into":null}
            """,
            json);
    }

    [Fact]
    public async Task ClosedAccount_SaysSinceWhen()
    {
        var json = await VerifyAsync("verify?platform=douyin&id=lianhua_dy");

        AssertJson(
            """
            {"registered":true,"platform":"douyin","account_id":"lianhua_dy","name":"莲花镇政务","unit":"莲花镇人民政府",
             "status":"closed","status_changed_on":"2026-05-01","merged_into":null}
            """,
            json);
    }

    [Fact]
    public async Task MergedAccount_NamesTheAccountItWasMergedInto()
    {
        var json = await VerifyAsync("verify?platform=weibo&id=2000002");

        AssertJson(
            """
            {"registered":true,"platform":"weibo","account_id":"2000002","name":"莲花镇微博","unit":"莲花镇人民政府",
             "status":"merged","status_changed_on":"2026-06-02",
             "merged_into":{"platform":"weibo","account_id":"1000001","name":"岳麓发布"}}
            """,
            json);
    }

    [Fact]
    public async Task UnknownAccount_IsNotRegistered_AndNothingElse()
    {
        var json = await VerifyAsync("verify?platform=wechat&id=gh_impostor");

        AssertJson("""{"registered":false,"platform":"wechat","account_id":"gh_impostor"}""", json);
    }

    [Fact]
    public async Task ByAccountUrl_FindsTheWeiboAccount()
    {
        var json = await VerifyAsync("verify?url=" + Uri.EscapeDataString("https://weibo.com/u/2000002"));

        Assert.Equal("2000002", json["account_id"]!.GetValue<string>());
        Assert.Equal("merged", json["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify?platform=myspace&id=1")]
    [InlineData("verify?platform=wechat")]
    [InlineData("verify?url=https%3A%2F%2Fmp.weixin.qq.com%2Fs%3F__biz%3Dabc")]
    public async Task RequestsNamingNoAccount_AreRefusedWithAReason(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("api/v1/" + path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"title\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswer_LeaksInternalFacts()
    {
        using var client = app.Anonymous();
        var bodies = new List<string>();
        foreach (var query in new[] { "platform=wechat&id=gh_lianhua", "platform=douyin&id=lianhua_dy", "platform=weibo&id=2000002" })
        {
            bodies.Add(await client.GetStringAsync("api/v1/verify?" + query, Token));
            bodies.Add(await client.GetStringAsync("verify?" + query, Token));
        }

        Assert.All(bodies, body => Assert.DoesNotContain(VerificationApp.Operator, body, StringComparison.Ordinal));
        Assert.All(bodies, body => Assert.DoesNotContain("内部备注", body, StringComparison.Ordinal));
        Assert.All(bodies, body => Assert.DoesNotContain("provides_services", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyPage_AnswersAnonymousVisitors()
    {
        using var client = app.Anonymous();

        var registered = await client.GetStringAsync("verify?platform=weibo&id=2000002", Token);
        var unknown = await client.GetStringAsync("verify?platform=wechat&id=gh_impostor", Token);
        var form = await client.GetAsync("verify", Token);

        Assert.Contains("data-registered=\"true\"", registered, StringComparison.Ordinal);
        Assert.Contains("data-status=\"merged\"", registered, StringComparison.Ordinal);
        Assert.Contains("已于 2026-06-02 整合至“岳麓发布”", registered, StringComparison.Ordinal);
        Assert.Contains("data-registered=\"false\"", unknown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("data-testid=\"verify-form\"", await form.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("accounts")]
    [InlineData("reviews")]
    [InlineData("dashboard")]
    [InlineData("content/findings")]
    [InlineData("content/lists")]
    [InlineData("content/lists/export.xlsx")]
    [InlineData("audit")]
    public async Task Anonymous_ReachesOnlyVerification_EveryOtherPageSendsToLogin(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_OtherApis_AreUnauthorized()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("api/v1/dashboard/summary", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonObject> VerifyAsync(string path)
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("api/v1/" + path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();
    }

    /// <summary>The whole shape: the same keys, in the same order, with the same values, and nothing more.</summary>
    private static void AssertJson(string expected, JsonObject actual)
    {
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(options), actual.ToJsonString(options));
    }
}

/// <summary>The limit per client and minute bites, and says so with 429.</summary>
public sealed class VerificationRateLimitTests(RateLimitedVerificationApp app) : IClassFixture<RateLimitedVerificationApp>
{
    [Fact]
    public async Task BeyondTheLimit_TheEndpointAndThePageAnswer429()
    {
        // One test, not two: the endpoint and the page share one client's allowance, whatever order tests run in.
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("api/v1/verify?platform=wechat&id=gh_lianhua", TestContext.Current.CancellationToken)).StatusCode);
        }

        var page = await client.GetAsync("verify?platform=wechat&id=gh_lianhua", TestContext.Current.CancellationToken);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}
