using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Reviews;

/// <summary>
/// The demo app of its own for the review tests (they decide on accounts, which other journeys must not see), with
/// the rules evaluated once after seeding so that the queue holds the demo county's flags.
/// </summary>
public sealed class ReviewApp : IAsyncLifetime
{
    public RegistryWebApp App { get; } = new();

    public Uri BaseAddress => App.BaseAddress;

    public string ConnectionString => App.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>()
            .HandleAsync(new RunEvaluation.Command(ShanghaiCalendar.Today(clock), "test-setup"));
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <remarks>
/// Not run in parallel with other collections: WebApplicationFactory intercepts Program's host through a process-wide
/// listener, so two apps starting at once can swap configurations (the second then binds port 5000). Run after the
/// parallel collections, this app starts alone.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReviewCollection : ICollectionFixture<ReviewApp>, ICollectionFixture<Support.Browser>
{
    public const string Name = "review app";
}
