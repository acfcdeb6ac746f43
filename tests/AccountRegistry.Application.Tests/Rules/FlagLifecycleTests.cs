using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

public sealed class FlagLifecycleTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly UserScope Reviewer = new("王审核", new HashSet<string>([Roles.Reviewer]), null, "/");

    [Fact]
    public async Task Flag_OpensStaysOpenWhileFiringAndResolvesByDataWhenTheRuleStops()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1), reads: 500);

        var first = await world.EvaluateAsync(T);
        var opened = (await world.FlagsAsync(account))[RuleCode.Stale];
        var second = await world.EvaluateAsync(T.AddDays(1));
        var stillOpen = (await world.FlagsAsync(account))[RuleCode.Stale];
        await world.PostAsync(account, Shanghai(2026, 11, 25), reads: 500);
        await world.EvaluateAsync(T.AddDays(2));
        var resolved = (await world.FlagsAsync(account))[RuleCode.Stale];

        Assert.Equal(FlagStatus.Open, opened.Status);
        Assert.Equal(first.EvaluationId, opened.LastSeenEvaluationId);
        Assert.Contains("2026-11-01", opened.Evidence, StringComparison.Ordinal);
        Assert.Equal(opened.Id, stillOpen.Id);
        Assert.Equal(FlagStatus.Open, stillOpen.Status);
        Assert.Equal(opened.OpenedAt, stillOpen.OpenedAt);
        Assert.Equal(second.EvaluationId, stillOpen.LastSeenEvaluationId);
        Assert.Equal(T.AddDays(1), stillOpen.LastSeenOn);
        Assert.Contains("\"days\": 23", stillOpen.Evidence, StringComparison.Ordinal);
        Assert.Equal(FlagStatus.ResolvedByData, resolved.Status);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(second.EvaluationId, resolved.LastSeenEvaluationId);
        Assert.Equal(stillOpen.Evidence, resolved.Evidence);
    }

    [Fact]
    public async Task DismissedFlag_StaysDismissedWhileFiring_ReopensAfter180Days()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1), reads: 500);
        await world.EvaluateAsync(T);
        var flag = (await world.FlagsAsync(account))[RuleCode.Stale];

        await DismissAsync(world, flag, "季节性账号");
        await world.EvaluateAsync(T.AddDays(1));
        var dayAfter = (await world.FlagsAsync(account))[RuleCode.Stale];
        await world.EvaluateAsync(T.AddDays(179));
        var lastDay = (await world.FlagsAsync(account))[RuleCode.Stale];
        await world.EvaluateAsync(T.AddDays(180));
        var reopened = (await world.FlagsAsync(account))[RuleCode.Stale];

        Assert.Equal(FlagStatus.Dismissed, dayAfter.Status);
        Assert.Equal("王审核", dayAfter.DismissedBy);
        Assert.Equal("季节性账号", dayAfter.DismissedReason);
        Assert.Equal(FlagStatus.Dismissed, lastDay.Status);
        Assert.Equal(FlagStatus.Open, reopened.Status);
        Assert.Equal(flag.Id, reopened.Id);
        await using var db = world.Context();
        Assert.Equal(1, await db.ReviewDecisions.CountAsync(d => d.FlagId == flag.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DismissedFlag_UsesTheCountysDismissalPeriod()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var department = await world.UnitAsync("C-D", UnitLevel.Department, county);
        var account = await world.AccountAsync(department, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1), reads: 500);
        var admin = new UserScope("admin", new HashSet<string>([Roles.Admin]), null, null);
        await world.Get<RuleSettingsEditor.Handler>().SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults, 30, null), admin, TestContext.Current.CancellationToken);
        await world.EvaluateAsync(T);
        var flag = (await world.FlagsAsync(account))[RuleCode.Stale];
        await DismissAsync(world, flag, "暂缓");

        await world.EvaluateAsync(T.AddDays(29));
        var stillDismissed = (await world.FlagsAsync(account))[RuleCode.Stale].Status;
        await world.EvaluateAsync(T.AddDays(30));

        Assert.Equal(FlagStatus.Dismissed, stillDismissed);
        Assert.Equal(FlagStatus.Open, (await world.FlagsAsync(account))[RuleCode.Stale].Status);
    }

    [Fact]
    public async Task DismissedFlag_ReopensEarlyWhenTheEvidenceGetsWorse()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var mild = await world.AccountAsync(county, "gh_mild");
        var worse = await world.AccountAsync(county, "wb_worse", Platform.Weibo);
        await world.PostsAsync(mild, [T.AddDays(-2), T.AddDays(-1)], reads: 80);
        await world.PostsAsync(worse, [T.AddDays(-2), T.AddDays(-1)], reads: 80);
        await world.EvaluateAsync(T);
        foreach (var account in new[] { mild, worse })
        {
            var flag = (await world.FlagsAsync(account))[RuleCode.LowReads];
            await DismissAsync(world, flag, "小众服务号");
        }

        await world.PostAsync(mild, Shanghai(2026, 11, 24), reads: 50); // mean 70: lower, but not by a quarter
        await world.PostAsync(worse, Shanghai(2026, 11, 24), reads: 10); // mean ≈ 56.7: below 75% of 80
        await world.EvaluateAsync(T.AddDays(1));

        Assert.Equal(FlagStatus.Dismissed, (await world.FlagsAsync(mild))[RuleCode.LowReads].Status);
        var reopened = (await world.FlagsAsync(worse))[RuleCode.LowReads];
        Assert.Equal(FlagStatus.Open, reopened.Status);
        Assert.Equal(80m, reopened.DismissedMeasure);
        Assert.Equal(56.67m, reopened.Measure);
    }

    [Fact]
    public async Task DismissedDuplicatePlatformFlag_ReopensWhenTheUnitOpensYetAnotherAccount()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var keeper = await world.AccountAsync(county, "gh_keeper");
        var other = await world.AccountAsync(county, "gh_other");
        await world.PostsAsync(keeper, [T.AddDays(-1)], reads: 900);
        await world.PostsAsync(other, [T.AddDays(-1)], reads: 300);
        await world.EvaluateAsync(T);
        var flag = (await world.FlagsAsync(other))[RuleCode.DuplicatePlatform];
        await DismissAsync(world, flag, "两个号分工不同");

        await world.EvaluateAsync(T.AddDays(1));
        var unchanged = (await world.FlagsAsync(other))[RuleCode.DuplicatePlatform];
        await world.AccountAsync(county, "gh_third", openedOn: T.AddDays(1));
        await world.EvaluateAsync(T.AddDays(2));
        var worse = (await world.FlagsAsync(other))[RuleCode.DuplicatePlatform];

        Assert.Equal(FlagStatus.Dismissed, unchanged.Status);
        Assert.Equal(1m, unchanged.DismissedMeasure);
        Assert.Equal(FlagStatus.Open, worse.Status);
        Assert.Equal(2m, worse.Measure);
    }

    [Fact]
    public async Task EvaluationOfAnEarlierDay_IsStoredButLeavesTheFlags()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1), reads: 500);
        var current = await world.EvaluateAsync(T);

        var backdated = await world.EvaluateAsync(new DateOnly(2026, 11, 2));

        var flags = await world.FlagsAsync(account);
        Assert.Equal(FlagStatus.Open, flags[RuleCode.Stale].Status);
        Assert.Equal(current.EvaluationId, flags[RuleCode.Stale].LastSeenEvaluationId);
        await using var db = world.Context();
        Assert.False(await db.Evaluations.Where(e => e.Id == backdated.EvaluationId).Select(e => e.UpdatedFlags).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Empty((await world.ResultsAsync(backdated.EvaluationId!.Value))["gh_a"].Rules);
    }

    [Fact]
    public async Task AccountNoLongerEvaluated_ItsOpenFlagsResolve()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a", @operator: null);
        await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        await world.EvaluateAsync(T);
        await using (var db = world.Context())
        {
            var stored = await db.Accounts.SingleAsync(a => a.Id == account.Id, TestContext.Current.CancellationToken);
            db.AccountStatusChanges.Add(stored.Close(T, "test", "reviewer", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var next = await world.EvaluateAsync(T.AddDays(1));

        Assert.Equal(0, next.AccountCount);
        Assert.Equal(FlagStatus.ResolvedByData, (await world.FlagsAsync(account))[RuleCode.Unattended].Status);
    }

    [Fact]
    public async Task Dismiss_ByClerkOrOutsideScope_IsRefusedAndChangesNothing()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var otherCounty = await world.UnitAsync("D", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a", @operator: null);
        await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        await world.EvaluateAsync(T);
        var flag = (await world.FlagsAsync(account))[RuleCode.Unattended];
        var clerk = new UserScope("clerk", new HashSet<string>([Roles.Clerk]), county.Id, $"/{county.Id}/");
        var elsewhere = new UserScope("reviewer", new HashSet<string>([Roles.Reviewer]), otherCounty.Id, $"/{otherCounty.Id}/");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => DismissAsync(world, flag, "x", clerk));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => DismissAsync(world, flag, "x", elsewhere));
        await Assert.ThrowsAsync<Domain.Reviews.ReviewRefusedException>(() => DismissAsync(world, flag, " "));

        Assert.Equal(FlagStatus.Open, (await world.FlagsAsync(account))[RuleCode.Unattended].Status);
    }

    [Fact]
    public async Task NightWhereTheRuleKeepsFiring_RewritesNoFlag_YetLastSeenAndEvidenceAreThatNightsRun()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var stale = await world.AccountAsync(county, "gh_stale");
        var low = await world.AccountAsync(county, "wb_low", Platform.Weibo);
        await world.PostAsync(stale, Shanghai(2026, 11, 1), reads: 500);
        await world.PostsAsync(low, [T.AddDays(-2), T.AddDays(-1)], reads: 80);
        await world.EvaluateAsync(T);
        var before = (await world.FlagsAsync(stale))[RuleCode.Stale];
        var lowBefore = (await world.FlagsAsync(low))[RuleCode.LowReads];
        var rowBefore = await FlagRowAsync(world, before.Id);
        await world.PostAsync(low, Shanghai(2026, 11, 24), reads: 50);

        var second = await world.EvaluateAsync(T.AddDays(1));
        var after = (await world.FlagsAsync(stale))[RuleCode.Stale];
        var lowAfter = (await world.FlagsAsync(low))[RuleCode.LowReads];

        // The row is the same row version: the night wrote nothing to it...
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(rowBefore, await FlagRowAsync(world, before.Id));
        // ...and what readers see is that night's run and evidence.
        Assert.Equal(second.EvaluationId, after.LastSeenEvaluationId);
        Assert.Equal(T.AddDays(1), after.LastSeenOn);
        Assert.Contains("\"days\": 23", after.Evidence, StringComparison.Ordinal);
        Assert.Equal(80m, lowBefore.Measure);
        Assert.Equal(lowBefore.Version, lowAfter.Version);
        Assert.Equal(70m, lowAfter.Measure);
        Assert.Equal(second.EvaluationId, lowAfter.LastSeenEvaluationId);
    }

    [Fact]
    public async Task DismissedFlagWhoseRuleStops_KeepsTheLastRunThatSawIt()
    {
        await using var world = await CreateAsync(fixture);
        var account = await SilentSinceNovemberAsync(world);
        await world.EvaluateAsync(T);
        await DismissAsync(world, (await world.FlagsAsync(account))[RuleCode.Stale], "季节性账号");
        var second = await world.EvaluateAsync(T.AddDays(1));
        var seen = (await world.FlagsAsync(account))[RuleCode.Stale];
        await world.PostAsync(account, Shanghai(2026, 11, 25), reads: 500);

        var third = await world.EvaluateAsync(T.AddDays(2));
        var stopped = (await world.FlagsAsync(account))[RuleCode.Stale];
        await world.EvaluateAsync(T.AddDays(3));
        var later = (await world.FlagsAsync(account))[RuleCode.Stale];

        Assert.NotEqual(second.EvaluationId, third.EvaluationId);
        Assert.Equal(FlagStatus.Dismissed, stopped.Status);
        Assert.Equal(second.EvaluationId, stopped.LastSeenEvaluationId);
        Assert.Equal(T.AddDays(1), stopped.LastSeenOn);
        Assert.Equal(seen.Evidence, stopped.Evidence);
        Assert.Equal(seen.Measure, stopped.Measure);
        Assert.Equal(second.EvaluationId, later.LastSeenEvaluationId);
        Assert.Equal(stopped.Version, later.Version);
    }

    [Fact]
    public async Task MigrationDownAndUp_KeepsWhatTheFlagsSay()
    {
        await using var world = await CreateAsync(fixture);
        var account = await SilentSinceNovemberAsync(world);
        await world.EvaluateAsync(T);
        var second = await world.EvaluateAsync(T.AddDays(1));
        var flag = (await world.FlagsAsync(account))[RuleCode.Stale];

        await using (var db = world.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261207030635_InspectionEnumCodes", cancellationToken: TestContext.Current.CancellationToken);
        }

        // Down wrote what the view derived into the table, as the old nightly rewrite kept it.
        Assert.Equal($"{second.EvaluationId} 2026-11-24 23", await TextAsync(world, $"SELECT format('%s %s %s', last_seen_evaluation_id, last_seen_on, evidence->>'days') FROM flags WHERE id = {flag.Id}"));
        await using (var db = world.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        var again = (await world.FlagsAsync(account))[RuleCode.Stale];
        Assert.Equal(flag.LastSeenEvaluationId, again.LastSeenEvaluationId);
        Assert.Equal(flag.Evidence, again.Evidence);
        Assert.Equal("true", await TextAsync(world, $"SELECT firing::text FROM flags WHERE id = {flag.Id}"));
        var third = await world.EvaluateAsync(T.AddDays(2));
        Assert.Equal(third.EvaluationId, (await world.FlagsAsync(account))[RuleCode.Stale].LastSeenEvaluationId);
    }

    /// <summary>An account of county C whose one post was on 1 November: STALE as of T.</summary>
    private static async Task<Account> SilentSinceNovemberAsync(RulesWorld world)
    {
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1), reads: 500);
        return account;
    }

    /// <summary>The flag's stored row, every column, as text.</summary>
    private static Task<string> FlagRowAsync(RulesWorld world, long id) =>
        TextAsync(world, $"SELECT f::text FROM flags f WHERE f.id = {id}");

    private static async Task<string> TextAsync(RulesWorld world, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Dismisses through the review desk (审核), the one dismissal the app has, as the reviewer saw the account.</summary>
    private static async Task DismissAsync(RulesWorld world, Flag flag, string reason, UserScope? scope = null)
    {
        uint? version;
        await using (var db = world.Context())
        {
            version = await db.AccountReviews.Where(r => r.AccountId == flag.AccountId).Select(r => (uint?)r.Version).FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        }

        await world.Get<DismissFlag.Handler>().HandleAsync(
            new DismissFlag.Command { AccountId = flag.AccountId, FlagId = flag.Id, Reason = reason, ExpectedVersion = version },
            scope ?? Reviewer,
            TestContext.Current.CancellationToken);
    }
}
