using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountRegistry.Application;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.Web.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.Web.Tests.Imports;

/// <summary>
/// The collector API over real HTTP: Kestrel on a free loopback port, the real endpoints, handlers and security
/// headers, over a fresh database holding one unit, one account and one post. Not the whole app through
/// WebApplicationFactory&lt;Program&gt;: Program's static Serilog bootstrap logger can be frozen by one host only, and
/// the demo-app collection already runs one (its journeys exercise the API through the full app).
/// </summary>
public sealed class CollectorApiHost : DatabaseFixture
{
    private WebApplication? app;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var county = await InsertAsync(new Unit { Code = "API-C", Name = "县", Level = UnitLevel.County, Path = "/" });
        var account = await InsertAsync(new Account
        {
            Platform = Platform.Wechat, PlatformAccountId = "gh_api", Name = "采集测试", UnitId = county.Id, OpenedOn = new DateOnly(2020, 1, 1),
        });
        await InsertAsync(new Post { AccountId = account.Id, PlatformPostId = "known", PublishedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)) });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // The scheduled and follow-up work would change the tables under the tests' checksums (the seeded post is
        // queued for fingerprints and content checks); as in RegistryWebApp, the tests of that work turn it on.
        builder.Configuration["FollowUp:Enabled"] = "false";
        builder.Configuration["Rules:Enabled"] = "false";
        builder.Services.AddInfrastructure(ConnectionString);
        builder.Services.AddApplication();
        builder.Services.AddRegistryIdentityCore();
        builder.Services.AddCollectorApi();
        app = builder.Build();
        app.UseSecurityHeaders();
        app.MapCollectorApi();
        await app.StartAsync();

        // The content re-check drains what is queued when the app starts (the seeded post), whatever FollowUp says:
        // it must be done before a test takes its checksums, or it changes the tables under them.
        var recheck = app.Services.GetRequiredService<ContentRecheck>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (recheck.Current.FinishedAt is null && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };

    }

    public async Task<CreateApiKey.Result> CreateKeyAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>().HandleAsync(new CreateApiKey.Command(name), UserScope.System);
    }

    public async Task RevokeKeyAsync(int id)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RevokeApiKey.Handler>().HandleAsync(new RevokeApiKey.Command(id), UserScope.System);
    }

    public override async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

public sealed class CollectorApiTests(CollectorApiHost host) : IClassFixture<CollectorApiHost>
{
    private static readonly object[] OnePost =
    [
        new { platform = "wechat", account_id = "gh_api", post_id = "a1", published_at = "2026-11-20T09:30:00+08:00", title = "标题", content = "正文", is_original = true },
    ];

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeyName_WithTextDirectionOrControlCharacters_IsRefusedAndNothingStored()
    {
        var reversed = await Assert.ThrowsAsync<ArgumentException>(() => host.CreateKeyAsync("采集器\u202Egpj.exe"));
        var control = await Assert.ThrowsAsync<ArgumentException>(() => host.CreateKeyAsync("采集器\u0007"));

        Assert.Contains("control or bidirectional", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("control or bidirectional", control.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM collector_api_keys WHERE name LIKE '采集器%'"));
    }

    [Fact]
    public async Task Post_WithoutKey_Is401ProblemAndStoresNothing()
    {
        object[] batch = [new { platform = "wechat", account_id = "gh_api", post_id = "nokey", published_at = "2026-11-20T09:30:00+08:00" }];

        var response = await host.Client.PostAsJsonAsync("/api/v1/posts", batch, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM posts WHERE platform_post_id = 'nokey'"));
    }

    [Fact]
    public async Task Post_WithUnknownOrRevokedKey_Is401()
    {
        var key = await host.CreateKeyAsync("将被吊销的采集器");
        var accepted = await SendAsync("/api/v1/reads", key.Key, Array.Empty<object>());
        await host.RevokeKeyAsync(key.Id);

        var revoked = await SendAsync("/api/v1/reads", key.Key, Array.Empty<object>());
        var unknown = await SendAsync("/api/v1/reads", ApiKeys.NewKey(), Array.Empty<object>());

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Post_BatchWithInvalidItems_Is400WithEveryRowErrorAndStoresNothing()
    {
        var key = await host.CreateKeyAsync("微信采集");
        object[] batch =
        [
            new { platform = "wechat", account_id = "gh_api", post_id = "b1", published_at = "2026-11-20T09:30:00+08:00" },
            new { platform = "wechat", account_id = "gh_api", post_id = "b2", published_at = "2026-11-20 09:30" },
            new { platform = "wechat", account_id = "gh_nobody", post_id = "b3", published_at = "2026-11-20T09:30:00+08:00" },
            new { platform = "wechat", account_id = "gh_api", post_id = "b4", published_at = "2026-11-20T09:30:00+08:00", views = 3 },
        ];

        var response = await SendAsync("/api/v1/posts", key.Key, batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("reason").GetString()))
            .ToList();
        Assert.Equal([1, 2, 3], errors.Select(e => e.Item1));
        Assert.Equal(["published_at", "account_id", "views"], errors.Select(e => e.Item2));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Item3)));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM posts WHERE platform_post_id LIKE 'b%'"));
    }

    [Fact]
    public async Task Post_ValidBatches_StoreAndCountAndAreIdempotent()
    {
        var key = await host.CreateKeyAsync("微博采集");
        object[] reads =
        [
            new { platform = "wechat", account_id = "gh_api", post_id = "known", captured_at = "2026-11-21T08:00:00+08:00", reads = 120, likes = 3 },
            new { platform = "wechat", account_id = "gh_api", post_id = "known", captured_at = "2026-11-22T08:00:00+08:00", reads = "150", likes = (int?)null },
        ];

        var first = await SendAsync("/api/v1/reads", key.Key, reads);
        var again = await SendAsync("/api/v1/reads", key.Key, reads);
        var posts = await SendAsync("/api/v1/posts", key.Key, OnePost);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 2, 0, 0), Counts(await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)));
        Assert.Equal((2, 0, 0, 2), Counts(await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)));
        Assert.Equal(HttpStatusCode.OK, posts.StatusCode);
        Assert.Equal(150, await host.ScalarAsync("SELECT max(reads) FROM read_snapshots"));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action = 'import.completed' AND actor = 'collector:微博采集' AND entity_id = 'api/posts'"));
    }

    [Fact]
    public async Task OpenApiDocumentAndReferencePage_AreServedLocally()
    {
        var document = await host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);
        var page = await host.Client.GetAsync("/scalar/v1", Cancel);
        var script = await host.Client.GetAsync("/scalar/scalar.js", Cancel);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/posts", out _));
        Assert.True(paths.TryGetProperty("/api/v1/reads", out _));
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"scalar.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        // The page's inline start-up script runs under the app's CSP because it carries the nonce the header allows.
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"'nonce-{nonce}'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static (long, long, long, long) Counts(JsonElement result) =>
        (result.GetProperty("received").GetInt64(), result.GetProperty("inserted").GetInt64(), result.GetProperty("updated").GetInt64(), result.GetProperty("unchanged").GetInt64());

    private async Task<HttpResponseMessage> SendAsync(string path, string key, object[] batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(batch) };
        request.Headers.Add(CollectorApi.ApiKeyHeader, key);
        return await host.Client.SendAsync(request, Cancel);
    }
}
