using System.Net;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>The demo app with small limits (3 sign-in posts and 5 API calls per client per minute).</summary>
public sealed class RateLimitedApp : IAsyncLifetime
{
    public RegistryWebApp App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        App.Settings["RateLimiting:LoginPerMinute"] = "3";
        App.Settings["RateLimiting:ApiPerMinute"] = "5";

        // The tests play nginx on loopback: each sets X-Forwarded-For to be a client of its own.
        App.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        await App.InitializeAsync();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RateLimitCollection : ICollectionFixture<RateLimitedApp>
{
    public const string Name = "rate-limited app";
}

/// <summary>
/// Sign-in posts are limited per client address and API calls per key or user; the client's address comes from
/// X-Forwarded-For, trusted from loopback only (nginx on the same machine), so each test acts as its own client.
/// </summary>
[Collection(RateLimitCollection.Name)]
public sealed class RateLimitTests(RateLimitedApp fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInPosts_OverTheLimit_Get429WithRetryAfter_WhileAnotherClientStillSignsIn()
    {
        using var attacker = Client("198.51.100.7");
        using var colleague = Client("198.51.100.8");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var (response, _) = await LoginClient.PostLoginAsync(attacker, "nobody." + i, "Wrong-password-1");
            answers.Add(response.StatusCode);
        }

        var (last, body) = await LoginClient.PostLoginAsync(attacker, "admin", Application.Demo.DemoCounty.DemoPassword);
        var (other, _) = await LoginClient.PostLoginAsync(colleague, "admin", Application.Demo.DemoCounty.DemoPassword);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("登录尝试过于频繁", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task ApiCalls_OverTheLimit_Get429ProblemDetails_PerUser()
    {
        using var leader = await LoginClient.SignInAsync(fixture.App.BaseAddress, "leader");
        using var reviewer = await LoginClient.SignInAsync(fixture.App.BaseAddress, "reviewer");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await leader.GetAsync("api/v1/dashboard/summary", Ct)).StatusCode);
        }

        var refused = await leader.GetAsync("api/v1/dashboard/summary", Ct);
        var otherUser = await reviewer.GetAsync("api/v1/dashboard/summary", Ct);
        var page = await leader.GetAsync("dashboard", Ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), answers);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task MadeUpApiKeys_ShareTheirAddresssBucket_InsteadOfOpeningOneEach()
    {
        using var prober = Client("198.51.100.20");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/dashboard/summary");
            request.Headers.Add(Endpoints.CollectorApi.ApiKeyHeader, Application.Collectors.ApiKeys.KeyPrefix + "made-up-key-" + i);
            using var response = await prober.SendAsync(request, Ct);
            answers.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), answers);
    }

    private HttpClient Client(string address)
    {
        var client = LoginClient.Anonymous(fixture.App.BaseAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
