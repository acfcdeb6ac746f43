using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

public sealed class EvaluationLockTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Nightly_WhileAnotherInstanceHoldsTheLock_SkipsAndStoresNothing()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        await world.AccountAsync(county, "gh_a");
        await using var nightly = Nightly(world);

        RunEvaluation.Result busy;
        // Unpooled, like the lock itself: closing a pooled connection would keep the session and its lock alive.
        await using (var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(world.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await other.OpenAsync(TestContext.Current.CancellationToken);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SessionAdvisoryLock.EvaluationKey})", other);
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            busy = await nightly.Service.RunOnceAsync(T, TestContext.Current.CancellationToken);

            // Released explicitly: a closed session's backend lets go of its locks only when it has exited, which on a
            // loaded machine can be after the next run has already asked (a clean-clone CI run saw SkippedBusy here).
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SessionAdvisoryLock.EvaluationKey})", other);
            await release.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var free = await nightly.Service.RunOnceAsync(T, TestContext.Current.CancellationToken);

        Assert.Equal(RunEvaluation.Outcome.SkippedBusy, busy.Outcome);
        Assert.Equal(RunEvaluation.Outcome.Evaluated, free.Outcome);
        await using var db = world.Context();
        Assert.Equal(1, await db.Evaluations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Nightly_TwoInstancesAtOnce_OnlyOneEvaluates()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        for (var i = 0; i < 30; i++)
        {
            await world.AccountAsync(county, $"gh_{i:00}", openedOn: new DateOnly(2026, 1, 1));
        }

        await using var first = Nightly(world);
        await using var second = Nightly(world);

        var outcomes = await Task.WhenAll(
            first.Service.RunOnceAsync(T, TestContext.Current.CancellationToken),
            second.Service.RunOnceAsync(T, TestContext.Current.CancellationToken));

        Assert.Single(outcomes, o => o.Outcome == RunEvaluation.Outcome.Evaluated);
        Assert.Single(outcomes, o => o.Outcome is RunEvaluation.Outcome.SkippedBusy or RunEvaluation.Outcome.SkippedAlreadyDone);
        await using var db = world.Context();
        Assert.Equal(1, await db.Evaluations.CountAsync(e => e.TriggeredBy == Evaluation.Nightly, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Nightly_AlreadyDoneForTheDay_Skips()
    {
        await using var world = await CreateAsync(fixture);
        await using var nightly = Nightly(world);

        var first = await nightly.Service.RunOnceAsync(T, TestContext.Current.CancellationToken);
        var again = await nightly.Service.RunOnceAsync(T, TestContext.Current.CancellationToken);
        var nextDay = await nightly.Service.RunOnceAsync(T.AddDays(1), TestContext.Current.CancellationToken);

        Assert.Equal(
            [RunEvaluation.Outcome.Evaluated, RunEvaluation.Outcome.SkippedAlreadyDone, RunEvaluation.Outcome.Evaluated],
            [first.Outcome, again.Outcome, nextDay.Outcome]);
    }

    [Fact]
    public async Task HostedService_RunsAtTheConfiguredShanghaiTime()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        await world.AccountAsync(county, "gh_a");
        await using var nightly = Nightly(world, "03:30");
        await nightly.Service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Shanghai(2026, 11, 24, 3, 30), await PollAsync(() => Task.FromResult(nightly.Service.NextDue)));

        nightly.Clock.Advance(TimeSpan.FromHours(17.5)); // 10:00 on T → 03:30 on T+1 (Shanghai)

        var asOf = await PollAsync(async () =>
        {
            await using var db = world.Context();
            return await db.Evaluations.Where(e => e.TriggeredBy == Evaluation.Nightly).Select(e => (DateOnly?)e.AsOf).FirstOrDefaultAsync();
        });
        await nightly.Service.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(T.AddDays(1), asOf);
    }

    [Theory]
    [InlineData("2026-11-23T01:00:00+08:00", "02:00", "2026-11-23T02:00:00+08:00")]
    [InlineData("2026-11-23T02:00:00+08:00", "02:00", "2026-11-24T02:00:00+08:00")] // due now: the next night
    [InlineData("2026-11-22T17:59:00+00:00", "02:00", "2026-11-23T02:00:00+08:00")] // 01:59 Shanghai, still the 22nd in UTC
    [InlineData("2026-11-23T10:00:00+08:00", "23:45", "2026-11-23T23:45:00+08:00")]
    public void NextRun_IsTheNextOccurrenceOfTheTimeInShanghai(string now, string at, string expected)
    {
        Assert.True(RulesOptions.TryParseTime(at, out var time));

        var next = NightlySchedule.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), time);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    private static NightlyHost Nightly(RulesWorld world, string at = "02:00")
    {
        // A separate service container per "app instance", sharing only the database.
        var clock = new FakeTimeProvider(world.Clock.GetUtcNow());
        var provider = AppServices.Build(world.ConnectionString, clock, new Dictionary<string, string?> { ["Rules:Enabled"] = "true", ["Rules:NightlyAt"] = at });
        return new NightlyHost(provider, provider.GetRequiredService<NightlyEvaluation>(), clock);
    }

    private static async Task<T?> PollAsync<T>(Func<Task<T?>> probe)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return default;
    }

    private sealed record NightlyHost(ServiceProvider Provider, NightlyEvaluation Service, FakeTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }
}
