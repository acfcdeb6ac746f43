using AccountRegistry.Application.Demo;
using AccountRegistry.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Support;

/// <summary>
/// The real app on a real loopback port (Kestrel), over its own fresh PostgreSQL database with the demo county
/// loaded. Browser journeys and HTTP tests talk to it like users do.
/// </summary>
public sealed class RegistryWebApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? factory;

    public string ConnectionString { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => factory!.Services;

    public PostgresServer Server { get; private set; } = null!;

    /// <summary>
    /// Configuration for the app, applied at start. Every test signs in from 127.0.0.1, so the sign-in and API rate
    /// limits are raised far above what any test class uses; the rate-limit tests set their own.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["RateLimiting:LoginPerMinute"] = "100000",
        ["RateLimiting:ApiPerMinute"] = "100000",

        // The public verification's per-address limit too: the query-string fuzzing sends it thousands of requests
        // from 127.0.0.1 in the same app as the authorisation matrix (VerificationApp tests the limit itself).
        ["Verification:PermitsPerMinute"] = "100000",

        // The scheduled work runs in the real host (tests of it turn it on): off here, so that a test run crossing
        // 02:00 in Shanghai does not move flags under other tests, and the demo county's 100,000 posts are not
        // fingerprinted in the background of every test app on a shared machine.
        ["Rules:Enabled"] = "false",
        ["FollowUp:Enabled"] = "false",
    };

    /// <summary>Whether to load the demo county after start (tests of an empty registry say no).</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>The host's clock; the system clock when null.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Every registration the host made (Program.cs and the layers' Add… calls), for the composition tests.</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    /// <summary>A server of the test's own (fault tests stop it); the shared one when null.</summary>
    public PostgresServer? DedicatedServer { get; set; }

    /// <summary>The host environment; Development unless a test needs the production error handling.</summary>
    public string Environment { get; set; } = "Development";

    public async ValueTask InitializeAsync()
    {
        Server = DedicatedServer ?? await PostgresServer.GetAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environment);
            builder.UseSetting("ConnectionStrings:Registry", ConnectionString);
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Serilog:WriteTo:1:Name", "Console");

            // UseKestrel(0) below asks for a free port; should a host configuration drop that, Kestrel falls back to the
            // configured URLs, and without any to port 5000, which two test processes on one machine then fight over.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            // ConfigureServices runs after Program.cs's registrations (so this clock wins); ConfigureTestServices would
            // also do, but it drops WebApplicationFactory's Kestrel port 0 and the host binds 5000.
            builder.ConfigureServices(services =>
            {
                if (Clock is not null)
                {
                    services.AddSingleton(Clock);
                }

                Registrations = [.. services];
            });
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");

        if (SeedDemo)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCounty.Seeder>().SeedAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
