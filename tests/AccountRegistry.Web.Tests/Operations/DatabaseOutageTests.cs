using System.Net;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Web.Tests.Operations;

/// <summary>The app as in production (exception handler, no developer page) over a PostgreSQL cluster of its own, which the tests stop.</summary>
public sealed class OutageApp : IAsyncLifetime
{
    public PostgresServer? Server { get; private set; }

    public RegistryWebApp App { get; } = new() { Environment = "Production" };

    public async ValueTask InitializeAsync()
    {
        Server = await PostgresServer.StartDedicatedAsync();
        if (Server is null)
        {
            return;
        }

        App.DedicatedServer = Server;
        await App.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await App.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection : ICollectionFixture<OutageApp>
{
    public const string Name = "outage app";
}

/// <summary>
/// PostgreSQL stops while the app runs: pages say the database is unavailable, /health says unhealthy, the API
/// answers 503 with a problem document, none of them shows a stack trace or SQL, nothing is written; when the
/// cluster comes back the app serves again without a restart.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DatabaseOutageTests(OutageApp fixture)
{
    private static readonly string[] Leaks = ["Npgsql", "   at ", "SELECT ", "Exception", "127.0.0.1:", "postgres"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseStopped_PagesAndApiSayUnavailable_HealthIsUnhealthy_AndTheAppRecoversWhenItReturns()
    {
        Assert.SkipWhen(fixture.Server is null, "ACCOUNTREGISTRY_TEST_DB names an external server, which this test must not stop.");
        var app = fixture.App;
        using var admin = await LoginClient.SignInAsync(app.BaseAddress, "admin");
        using var anonymous = LoginClient.Anonymous(app.BaseAddress);
        var postsBefore = await CountPostsAsync(app);
        int accountId;
        await using (var before = RegistryDbContextOptions.Create(app.ConnectionString))
        {
            accountId = await before.Accounts.Where(a => a.Name == "望岳优生活").Select(a => a.Id).SingleAsync(Ct);
        }

        // An account's page reads the database while it prerenders (a page that does not, like the register whose
        // rows load once interactive, prerenders its frame and shows the outage in the circuit instead).
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"accounts/{accountId}", Ct)).StatusCode);

        await fixture.Server!.StopAsync();
        HttpResponseMessage health, page, api, collector;
        string pageBody, apiBody, collectorBody;
        try
        {
            health = await anonymous.GetAsync("health", Ct);
            page = await admin.GetAsync($"accounts/{accountId}", Ct);
            pageBody = await page.Content.ReadAsStringAsync(Ct);
            api = await admin.GetAsync("api/v1/dashboard/summary", Ct);
            apiBody = await api.Content.ReadAsStringAsync(Ct);
            using var batch = new StringContent("""[{"platform":"wechat","account_id":"x","post_id":"p1","published_at":"2026-11-01T09:00:00+08:00"}]""", System.Text.Encoding.UTF8, "application/json");
            using var keyed = new HttpRequestMessage(HttpMethod.Post, "api/v1/posts") { Content = batch };
            keyed.Headers.Add(Endpoints.CollectorApi.ApiKeyHeader, "ark_not_checked_while_down");
            collector = await anonymous.SendAsync(keyed, Ct);
            collectorBody = await collector.Content.ReadAsStringAsync(Ct);
        }
        finally
        {
            await fixture.Server.StartAgainAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("数据库暂时无法连接", pageBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, collector.StatusCode);
        foreach (var body in new[] { pageBody, apiBody, collectorBody })
        {
            Assert.All(Leaks, leak => Assert.DoesNotContain(leak, body, StringComparison.Ordinal));
        }

        // Back by itself: the next requests open new connections (bounded wait for the server to accept them).
        var recovered = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 40 && recovered != HttpStatusCode.OK; attempt++)
        {
            recovered = (await anonymous.GetAsync("health", Ct)).StatusCode;
            if (recovered != HttpStatusCode.OK)
            {
                await Task.Delay(250, Ct);
            }
        }

        var again = await admin.GetAsync($"accounts/{accountId}", Ct);
        var againBody = await again.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, recovered);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("望岳优生活", againBody, StringComparison.Ordinal);
        Assert.DoesNotContain("数据库暂时无法连接", againBody, StringComparison.Ordinal);
        Assert.Equal(postsBefore, await CountPostsAsync(app));
    }

    private static async Task<int> CountPostsAsync(RegistryWebApp app)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        return await db.Posts.CountAsync(Ct);
    }
}
