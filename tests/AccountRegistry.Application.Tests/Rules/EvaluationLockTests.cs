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
    public async Task HostedService_StartedAfterTheNightlyTime_CatchesUpThatNight_ThenRunsAtTheConfiguredShanghaiTime()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        await world.AccountAsync(county, "gh_a");
        await using var nightly = Nightly(world, "03:30");

        // Started at 10:00 on T: nothing ran at 03:30 (no instance was up), so T is evaluated at once.
        await nightly.Service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Shanghai(2026, 11, 24, 3, 30), await PollAsync(() => Task.FromResult(nightly.Service.NextDue)));
        var caughtUp = await NightlyDaysAsync(world);

        nightly.Clock.Advance(TimeSpan.FromHours(17.5)); // 10:00 on T → 03:30 on T+1 (Shanghai)

        await PollAsync(async () => (await NightlyDaysAsync(world)).Count == 2 ? "done" : null);
        await nightly.Service.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal([T], caughtUp);
        Assert.Equal([T, T.AddDays(1)], await NightlyDaysAsync(world));
    }

    [Fact]
    public async Task HostedService_StartedWhenTheNightIsStored_DoesNotEvaluateItAgain()
    {
        await using var world = await CreateAsync(fixture);
        await using var earlier = Nightly(world, "03:30");
        Assert.Equal(RunEvaluation.Outcome.Evaluated, (await earlier.Service.RunOnceAsync(T, TestContext.Current.CancellationToken)).Outcome);
        await using var nightly = Nightly(world, "03:30");

        await nightly.Service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Shanghai(2026, 11, 24, 3, 30), await PollAsync(() => Task.FromResult(nightly.Service.NextDue)));
        await nightly.Service.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal([T], await NightlyDaysAsync(world));
    }

    [Fact]
    public async Task HostedService_AFailedNight_IsTriedAgainAfterAGrowingPause_AndEachFailureIsRecorded()
    {
        await using var world = await CreateAsync(fixture);
        await using var nightly = Nightly(world, "09:00");
        await ExecuteAsync(world, "ALTER TABLE evaluations RENAME TO evaluations_away");

        // 10:00 on T, 09:00 passed: the catch-up fails, then the first retry five minutes later fails too.
        await nightly.Service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Shanghai(2026, 11, 23, 10, 5), await PollAsync(() => Task.FromResult(nightly.Service.NextDue)));
        nightly.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Shanghai(2026, 11, 23, 10, 15), await PollAsync(() => Task.FromResult(nightly.Service.NextDue == Shanghai(2026, 11, 23, 10, 15) ? nightly.Service.NextDue : null)));

        // The table is back: the next attempt, ten minutes on, stores the night and the schedule returns to normal.
        await ExecuteAsync(world, "ALTER TABLE evaluations_away RENAME TO evaluations");
        nightly.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(Shanghai(2026, 11, 24, 9, 0), await PollAsync(() => Task.FromResult(nightly.Service.NextDue == Shanghai(2026, 11, 24, 9, 0) ? nightly.Service.NextDue : null)));
        await nightly.Service.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal([T], await NightlyDaysAsync(world));
        await using var db = world.Context();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == NightlyStatus.FailedAction, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00+08:00", 1, "2026-11-23T10:05:00+08:00")]
    [InlineData("2026-11-23T10:00:00+08:00", 3, "2026-11-23T10:20:00+08:00")]
    [InlineData("2026-11-24T01:50:00+08:00", 2, null)] // ten minutes on is 02:00, the next night itself: that night takes over
    public void Retry_DoublesThePause_UntilTheNextNight(string now, int failures, string? expected)
    {
        var retry = NightlySchedule.Retry(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0), failures);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), retry);
    }

    private static async Task<List<DateOnly>> NightlyDaysAsync(RulesWorld world)
    {
        await using var db = world.Context();
        return await db.Evaluations.Where(e => e.TriggeredBy == Evaluation.Nightly).OrderBy(e => e.AsOf).Select(e => e.AsOf).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static async Task ExecuteAsync(RulesWorld world, string sql)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
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
