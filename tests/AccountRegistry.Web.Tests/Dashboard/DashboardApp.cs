using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Dashboard;

/// <summary>
/// The demo app of its own for the dashboard tests, with the demo campaign's history (evaluations of past months,
/// review decisions, closure requests) seeded after the county, as `registry seed-demo` does.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    public RegistryWebApp App { get; } = new();

    public Uri BaseAddress => App.BaseAddress;

    public DemoCampaign.Result Campaign { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        await using var scope = App.Services.CreateAsyncScope();
        Campaign = await scope.ServiceProvider.GetRequiredService<DemoCampaign.Seeder>().SeedAsync();
    }

    /// <summary>The demo leader's scope (the district), as the dashboard computes it.</summary>
    public async Task<UserScope> LeaderScopeAsync()
    {
        await using var db = RegistryDbContextOptions.Create(App.ConnectionString);
        var leader = await db.Users.Where(u => u.UserName == "leader")
            .Select(u => new { u.UnitId, Path = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Path).First() })
            .SingleAsync();
        return new UserScope("leader", new HashSet<string> { Roles.Leader }, leader.UnitId, leader.Path);
    }

    public async Task<DashboardFigures.Summary> FiguresAsync(DateOnly asOf, UserScope scope)
    {
        await using var services = App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<DashboardFigures.Handler>().SummaryAsync(asOf, scope);
    }

    public async Task<ContentFindingCounts.Counts> ContentCountsAsync(UserScope scope)
    {
        await using var services = App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<ContentFindingCounts.Handler>().CountAsync(scope);
    }

    public async Task<string> CreateKeyAsync(string name, ApiKeyPurpose purpose)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>().HandleAsync(new CreateApiKey.Command(name, purpose), UserScope.System)).Key;
    }

    public async Task RevokeKeyAsync(string key)
    {
        await using var db = RegistryDbContextOptions.Create(App.ConnectionString);
        var hash = ApiKeys.Hash(key);
        var id = await db.CollectorApiKeys.Where(k => k.KeyHash == hash).Select(k => k.Id).SingleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RevokeApiKey.Handler>().HandleAsync(new RevokeApiKey.Command(id), UserScope.System);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <remarks>Not run in parallel with other collections, like the other apps of their own (see ReviewCollection).</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>, ICollectionFixture<Support.Browser>
{
    public const string Name = "dashboard app";
}
