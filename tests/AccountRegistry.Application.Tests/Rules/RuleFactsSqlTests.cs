using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>The facts SQL at the Shanghai day boundaries, against real PostgreSQL.</summary>
public sealed class RuleFactsSqlTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PostAt0400Shanghai_CountsOnThatShanghaiDay_AndNotAsOfTheDayBefore()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 23, 4)); // 2026-11-22 20:00 UTC

        var asOfT = await world.FactsAsync(T);
        var asOfDayBefore = await world.FactsAsync(T.AddDays(-1));

        Assert.Equal(T, asOfT["gh_a"].LastPostDay);
        Assert.Equal(1, asOfT["gh_a"].PostsInWindow);
        Assert.Null(asOfDayBefore["gh_a"].LastPostDay);
        Assert.Equal(0, asOfDayBefore["gh_a"].PostsInWindow);
    }

    [Fact]
    public async Task PostJustBeforeMidnightShanghai_IsThatDay_FifteenDaysMakeItStale()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var fourteen = await world.AccountAsync(county, "gh_14");
        var fifteen = await world.AccountAsync(county, "wb_15", Platform.Weibo);
        await world.PostAsync(fourteen, Shanghai(2026, 11, 9, 0, 0, 0)); // 2026-11-08 16:00 UTC
        await world.PostAsync(fifteen, Shanghai(2026, 11, 8, 23, 59, 59));

        var result = await world.EvaluateAsync(T);
        var results = await world.ResultsAsync(result.EvaluationId!.Value);

        Assert.Empty(results["gh_14"].Rules);
        Assert.Equal([Domain.Rules.RuleCode.Stale], results["wb_15"].Rules);
    }

    [Fact]
    public async Task PostAfterTheEndOfT_IsIgnored()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 1));
        await world.PostAsync(account, Shanghai(2026, 11, 24, 0, 0, 0));

        var facts = (await world.FactsAsync(T))["gh_a"];

        Assert.Equal(new DateOnly(2026, 11, 1), facts.LastPostDay);
        Assert.Equal(1, facts.PostsInWindow);
    }

    [Fact]
    public async Task Reads_AreTheLatestSnapshotCapturedByTheEndOfT()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        var post = await world.PostAsync(account, Shanghai(2026, 11, 20));
        await world.SnapshotAsync(post, Shanghai(2026, 11, 21, 9), 50);
        await world.SnapshotAsync(post, Shanghai(2026, 11, 23, 23, 59, 59), 150);
        await world.SnapshotAsync(post, Shanghai(2026, 11, 24, 0, 0, 0), 10_000); // captured after T: ignored
        var late = await world.PostAsync(account, Shanghai(2026, 11, 22));
        await world.SnapshotAsync(late, Shanghai(2026, 11, 24, 0, 30), 7); // its only snapshot is after T: no figure

        var asOfT = (await world.FactsAsync(T))["gh_a"];
        var asOfDayBefore = (await world.FactsAsync(T.AddDays(-1)))["gh_a"];

        Assert.Equal((2, 1, 150L), (asOfT.PostsInWindow, asOfT.PostsWithReadsInWindow, asOfT.ReadsInWindow));
        Assert.Equal((2, 1, 50L), (asOfDayBefore.PostsInWindow, asOfDayBefore.PostsWithReadsInWindow, asOfDayBefore.ReadsInWindow));
    }

    [Fact]
    public async Task Window_RunsFromTMinus89ToTInShanghaiDays()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 8, 26, 0, 0, 0), isOriginal: false, reads: 10); // T−89: in W
        await world.PostAsync(account, Shanghai(2026, 8, 25, 23, 59, 59), isOriginal: true, reads: 1_000_000); // T−90: out

        var facts = (await world.FactsAsync(T))["gh_a"];

        Assert.Equal(1, facts.PostsInWindow);
        Assert.Equal(0, facts.OriginalsInWindow);
        Assert.Equal(10, facts.ReadsInWindow);
    }

    [Fact]
    public async Task Duplicates_CountOnlyCopiesOfPostsOfOtherAccountsPublishedAtOrBefore()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var copier = await world.AccountAsync(county, "gh_copier");
        var source = await world.AccountAsync(county, "gh_source", name: "指尖岳麓");
        var at = Shanghai(2026, 11, 20, 9);
        var earlier = await world.PostAsync(source, at.AddHours(-5));
        var sameInstant = await world.PostAsync(source, at.AddDays(1));
        var later = await world.PostAsync(source, at.AddDays(3));
        var own = await world.PostAsync(copier, at.AddDays(-10));
        var p1 = await world.PostAsync(copier, at);
        var p2 = await world.PostAsync(copier, at.AddDays(1));
        var p3 = await world.PostAsync(copier, at.AddDays(2));
        var p4 = await world.PostAsync(copier, at.AddDays(2).AddHours(1));
        await world.CopyAsync(p1, earlier); // counts
        await world.CopyAsync(p2, sameInstant); // published at the same instant: "at or before", counts
        await world.CopyAsync(p3, later); // the source is newer: not a copy of an earlier post
        await world.CopyAsync(p4, own); // the account's own post: not another account's

        var facts = (await world.FactsAsync(T))["gh_copier"];

        Assert.Equal(5, facts.PostsInWindow);
        Assert.Equal(2, facts.DuplicatesInWindow);
        Assert.Equal("指尖岳麓", facts.CopiedAccountName);
    }

    [Fact]
    public async Task EvaluatedAccounts_AreLiveAndOpenedByT_WithTheirCountyAndOperator()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var department = await world.UnitAsync("C-D", UnitLevel.Department, county);
        var street = await world.UnitAsync("C-D-S", UnitLevel.Street, department);
        await world.AccountAsync(street, "gh_street", @operator: "   ");
        await world.AccountAsync(county, "gh_county", openedOn: T);
        await world.AccountAsync(county, "gh_future", openedOn: T.AddDays(1));
        await world.AccountAsync(county, "gh_closed", status: AccountStatus.Closed);
        await world.AccountAsync(county, "gh_merged", status: AccountStatus.Merged);

        var facts = await world.FactsAsync(T);

        Assert.Equal(["gh_county", "gh_street"], facts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(county.Id, facts["gh_street"].CountyUnitId);
        Assert.Equal(county.Id, facts["gh_county"].CountyUnitId);
        Assert.Equal(UnitLevel.Street, facts["gh_street"].UnitLevel);
        Assert.False(facts["gh_street"].HasOperator);
        Assert.True(facts["gh_county"].HasOperator);
    }

    [Fact]
    public async Task EvaluatingAPastDay_IgnoresLaterPostsSnapshotsAndAccounts()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var hub = await world.AccountAsync(county, "gh_hub", isHub: true, openedOn: new DateOnly(2026, 10, 1));
        var account = await world.AccountAsync(county, "wb_a", Platform.Weibo);
        var past = new DateOnly(2026, 9, 30);
        var old = await world.PostAsync(account, Shanghai(2026, 9, 1));
        await world.SnapshotAsync(old, Shanghai(2026, 9, 2), 40);
        await world.SnapshotAsync(old, Shanghai(2026, 10, 15), 4_000);
        await world.PostAsync(account, Shanghai(2026, 10, 20), reads: 5_000);
        await world.AccountAsync(county, "wb_new", Platform.Weibo, openedOn: new DateOnly(2026, 10, 5));
        _ = hub;

        var result = await world.EvaluateAsync(past);
        var results = await world.ResultsAsync(result.EvaluationId!.Value);
        var today = await world.ResultsAsync((await world.EvaluateAsync(T)).EvaluationId!.Value);

        // As of 09-30: the last post was 29 days old and read 40 times; wb_new and the hub did not exist.
        Assert.Equal(["wb_a"], results.Keys);
        Assert.Equal([Domain.Rules.RuleCode.LowReads, Domain.Rules.RuleCode.Stale], results["wb_a"].Rules);
        Assert.Equal(Domain.Rules.Recommendation.Close, results["wb_a"].Recommendation);

        // As of T the later data counts: wb_a posted 34 days ago and is well read; wb_new is its sibling.
        Assert.Equal(["gh_hub", "wb_a", "wb_new"], today.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([Domain.Rules.RuleCode.Stale], today["wb_a"].Rules);
        Assert.Equal([Domain.Rules.RuleCode.DuplicatePlatform, Domain.Rules.RuleCode.NeverPosted], today["wb_new"].Rules);
        Assert.Equal(ShanghaiCalendar.DayOf(Shanghai(2026, 10, 20)), (await world.FactsAsync(T))["wb_a"].LastPostDay);
    }
}
