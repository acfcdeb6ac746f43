using AccountRegistry.Application.Common;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Application.Demo;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>
/// The demo county and its campaign, loaded through the app's own services on a clock set to 10:00 of a Shanghai day:
/// what `registry seed-demo` leaves when run that day.
/// </summary>
public sealed class LoadedDemo : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private LoadedDemo(ServiceProvider services, DemoCampaign.Result campaign)
    {
        this.services = services;
        scope = services.CreateAsyncScope();
        Campaign = campaign;
    }

    /// <summary>The district's reviewer, as the demo's pages see them.</summary>
    public static UserScope Reviewer { get; } = new("reviewer", new HashSet<string> { Roles.Reviewer }, null, "/");

    public DemoCampaign.Result Campaign { get; }

    public IServiceProvider Services => scope.ServiceProvider;

    public static async Task<LoadedDemo> LoadAsync(DatabaseFixture fixture, DateOnly today)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(ShanghaiCalendar.StartOf(today).AddHours(10).ToUniversalTime());
        var services = AppServices.Build(await fixture.Server.CreateDatabaseAsync(), clock);
        try
        {
            await using var seeding = services.CreateAsyncScope();
            await seeding.ServiceProvider.GetRequiredService<DemoCounty.Seeder>().SeedAsync(ct);
            var campaign = await seeding.ServiceProvider.GetRequiredService<DemoCampaign.Seeder>().SeedAsync(ct);
            return new LoadedDemo(services, campaign);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
    }
}
