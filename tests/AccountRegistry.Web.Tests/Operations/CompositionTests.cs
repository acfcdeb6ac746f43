using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Content;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Web.Tests.Operations;

/// <summary>The app's real composition: what Program.cs and the layers' Add… calls register is what runs.</summary>
[Collection(DemoCollection.Name)]
public sealed class CompositionTests(RegistryWebApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRegisteredServiceOfOurs_ResolvesFromTheRealHost()
    {
        var ours = app.Registrations
            .Where(d => d.ServiceType.Namespace?.StartsWith("AccountRegistry", StringComparison.Ordinal) == true && !d.ServiceType.IsGenericTypeDefinition)
            .Select(d => d.ServiceType)
            .Distinct()
            .ToList();
        await using var scope = app.Services.CreateAsyncScope();

        var unresolved = ours.Where(type => scope.ServiceProvider.GetService(type) is null).Select(t => t.FullName).ToList();

        Assert.True(ours.Count > 60, $"only {ours.Count} services of ours registered");
        Assert.Contains(typeof(RunEvaluation.Handler), ours);
        Assert.Contains(typeof(FollowUpWork), ours);
        Assert.Empty(unresolved);
    }

    [Fact]
    public void TheScheduledWork_RunsAsHostedServicesOfTheRealHost()
    {
        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        Assert.Contains(typeof(NightlyEvaluation), hosted);
        Assert.Contains(typeof(FollowUpWorker), hosted);
        Assert.Contains(typeof(ContentRecheck), hosted);
        Assert.Contains(typeof(OverdueReminders.Service), hosted);
    }
}

/// <summary>The nightly evaluation in the real host, nobody asking: a fake clock a minute before the configured time.</summary>
[Collection(NightlyHostCollection.Name)]
public sealed class NightlyInTheHostTests
{
    [Fact]
    public async Task RealHost_PastTheNightlyTime_StoresAnEvaluationWithoutAnyoneAsking()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 1, 59, 0, TimeSpan.FromHours(8)));
        await using var app = new RegistryWebApp { Clock = clock, SeedDemo = false };
        app.Settings["Rules:Enabled"] = "true";
        app.Settings["Rules:NightlyAt"] = "02:00";
        await app.InitializeAsync();
        var nightly = app.Services.GetRequiredService<NightlyEvaluation>();
        Assert.True(await PollAsync(() => Task.FromResult(nightly.NextDue is not null)), "the nightly run was never armed");
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.FromHours(8)), nightly.NextDue);

        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await PollAsync(async () =>
        {
            await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
            return await db.Evaluations.AnyAsync(e => e.TriggeredBy == Evaluation.Nightly && e.AsOf == new DateOnly(2026, 12, 6), Ct);
        }), "no nightly evaluation was stored");
        await using var scope = app.Services.CreateAsyncScope();
        var status = await scope.ServiceProvider.GetRequiredService<NightlyStatus.Handler>().HandleAsync(Ct);
        Assert.Equal(new DateOnly(2026, 12, 6), status.LastRunAsOf);
        Assert.False(status.LastFailed);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.FromHours(8)), status.NextDue);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> probe)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe())
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

/// <remarks>Its own app, started alone (see ReviewCollection: two WebApplicationFactory hosts starting at once can swap configurations).</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NightlyHostCollection
{
    public const string Name = "nightly host";
}
