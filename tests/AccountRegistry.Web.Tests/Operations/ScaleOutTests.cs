using System.Net;
using AccountRegistry.Application;
using AccountRegistry.Application.Demo;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Operations;

/// <summary>
/// scripts/scale-out: two app instances (separate processes) on loopback behind nginx, sharing one database. A
/// sign-in made on one instance is honoured by the other (Data Protection keys in the database), nginx keeps
/// serving when one instance stops, and an interactive page whose instance stops comes back on the other one.
/// </summary>
public sealed class ScaleOutTests(Support.Browser browser) : IClassFixture<Support.Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInOnOneInstance_IsHonouredByTheOther_AndNginxServesOnWhenOneStops()
    {
        var app = Path.Combine(RepositoryScripts.Root, "src/AccountRegistry.Web/bin/Release/net10.0/AccountRegistry.Web.dll");
        Assert.True(File.Exists(app), $"Build the solution in Release first: {app} is missing.");
        var connection = await SeededDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("ar-scale-out-").FullName;
        try
        {
            var started = await RepositoryScripts.RunAsync("scripts/scale-out", ["start", "--dir", dir, "--connection", connection, "--app", app], timeout: TimeSpan.FromMinutes(4));
            Assert.True(started.ExitCode == 0, started.Output + Logs(dir));
            var urls = started.Output.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal) && l.Contains("http", StringComparison.Ordinal))
                .Select(l => l.Trim().Split('=', 2)).ToDictionary(p => p[0], p => new Uri(p[1] + "/"));
            var accountId = await OwnAccountIdAsync(connection);

            // Cookies ignore ports: one cookie jar for both instances, as a browser would have for one site.
            var jar = new CookieContainer();
            using var a = Client(urls["instance_a"], jar);
            using var b = Client(urls["instance_b"], jar);
            var (signIn, _) = await LoginClient.PostLoginAsync(a, "clerk.wangyue", DemoCounty.DemoPassword);
            var onB = await b.GetAsync($"accounts/{accountId}", Ct);
            var tokenFromA = await Security.AuthorizationMatrixTests.AntiforgeryTokenAsync(a);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokenFromA });
            var signOutOnB = await b.PostAsync("logout", form, Ct);
            var afterSignOut = await a.GetAsync("accounts", Ct);

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
            Assert.Contains("望岳优生活", await onB.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, signOutOnB.StatusCode);
            Assert.Contains("/login", afterSignOut.Headers.Location?.ToString(), StringComparison.Ordinal);

            // Through nginx: signed in, then instance a stops; the next requests are served by b with the same cookie.
            using var proxied = Client(urls["nginx"], new CookieContainer());
            var (viaNginx, _) = await LoginClient.PostLoginAsync(proxied, "clerk.wangyue", DemoCounty.DemoPassword);
            var before = await proxied.GetAsync($"accounts/{accountId}", Ct);
            var stopped = await RepositoryScripts.RunAsync("scripts/scale-out", ["stop", "--dir", dir, "a"]);
            var after = await proxied.GetAsync($"accounts/{accountId}", Ct);
            var health = await proxied.GetAsync("health", Ct);
            var directToA = await Record.ExceptionAsync(() => a.GetAsync("health", Ct));

            Assert.Equal(HttpStatusCode.Redirect, viaNginx.StatusCode);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal(0, stopped.ExitCode);
            Assert.IsType<HttpRequestException>(directToA);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Contains("望岳优生活", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await RepositoryScripts.RunAsync("scripts/scale-out", ["stop", "--dir", dir, "all"]);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task InteractivePage_WhoseInstanceStops_ComesBackOnTheOtherInstance()
    {
        var app = Path.Combine(RepositoryScripts.Root, "src/AccountRegistry.Web/bin/Release/net10.0/AccountRegistry.Web.dll");
        Assert.True(File.Exists(app), $"Build the solution in Release first: {app} is missing.");
        var connection = await SeededDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("ar-scale-out-").FullName;
        try
        {
            // Development: the build output serves its static files (blazor.web.js, MudBlazor) only there.
            var started = await RepositoryScripts.RunAsync(
                "scripts/scale-out", ["start", "--dir", dir, "--connection", connection, "--app", app],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, TimeSpan.FromMinutes(4));
            Assert.True(started.ExitCode == 0, started.Output + Logs(dir));
            var urls = started.Output.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal) && l.Contains("http", StringComparison.Ordinal))
                .Select(l => l.Trim().Split('=', 2)).ToDictionary(p => p[0], p => new Uri(p[1] + "/"));
            var accountId = await OwnAccountIdAsync(connection);
            var page = await browser.NewPageAsync(urls["nginx"]);
            await Support.Browser.SignInAsync(page, "clerk.wangyue");
            await page.GotoAsync($"accounts/{accountId}");
            await Support.Browser.WaitInteractiveAsync(page);

            var holding = CircuitInstance(dir, urls);
            var other = holding == "instance_a" ? "instance_b" : "instance_a";
            var stopped = await RepositoryScripts.RunAsync("scripts/scale-out", ["stop", "--dir", dir, holding == "instance_a" ? "a" : "b"]);
            Assert.Equal(0, stopped.ExitCode);

            // The client loses its circuit, reaches the other instance through nginx, and comes back interactive there.
            for (var attempt = 0; attempt < 120 && CircuitInstance(dir, urls) != other; attempt++)
            {
                await Task.Delay(500, Ct);
            }

            await Support.Browser.WaitInteractiveAsync(page);
            await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("望岳优生活");
            Assert.Equal(other, CircuitInstance(dir, urls));
            await Support.Browser.ScreenshotAsync(page, "scale-out-after-instance-stopped");
        }
        finally
        {
            await RepositoryScripts.RunAsync("scripts/scale-out", ["stop", "--dir", dir, "all"]);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The instance that served the latest circuit request, from nginx's access log.</summary>
    private static string? CircuitInstance(string dir, Dictionary<string, Uri> urls)
    {
        var log = Path.Combine(dir, "nginx", "access.log");
        var last = File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.Contains("/_blazor", StringComparison.Ordinal) && !l.EndsWith(" -", StringComparison.Ordinal)) : null;
        var upstream = last?.Split(' ').Last().Split(',').Last().Trim();
        return urls.Where(u => u.Key.StartsWith("instance_", StringComparison.Ordinal) && upstream == $"{u.Value.Host}:{u.Value.Port}").Select(u => u.Key).FirstOrDefault();
    }

    private static HttpClient Client(Uri baseAddress, CookieContainer jar) =>
        new(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static string Logs(string dir) =>
        string.Join("\n", Directory.EnumerateFiles(dir, "*.out").Select(f => f + ":\n" + File.ReadAllText(f)));

    private static async Task<string> SeededDatabaseAsync()
    {
        var connection = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var provider = AppServices.Build(connection, TimeProvider.System);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoCounty.Seeder>().SeedAsync(Ct);
        return connection;
    }

    private static async Task<int> OwnAccountIdAsync(string connection)
    {
        await using var db = RegistryDbContextOptions.Create(connection);
        return await db.Accounts.Where(a => a.Name == "望岳优生活").Select(a => a.Id).SingleAsync(Ct);
    }
}
