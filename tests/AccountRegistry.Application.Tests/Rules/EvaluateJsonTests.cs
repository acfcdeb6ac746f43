using System.Text.Json.Nodes;
using AccountRegistry.Cli;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>`registry evaluate --json` against a hand-built county and the output written out by hand.</summary>
public sealed class EvaluateJsonTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Expected = """
        {
          "as_of": "2026-11-23",
          "thresholds": {"stale_days": 14, "low_reads_mean": 100, "window_days": 90, "never_posted_days": 14,
                         "duplicate_content_min_posts": 3, "duplicate_content_share": 0.5,
                         "repost_heavy_min_posts": 5, "repost_heavy_original_share": 0.2},
          "accounts": [
            {"platform": "app", "account_id": "app_svc", "recommendation": "merge", "rules": ["NEVER_POSTED"],
             "merge_target": {"platform": "wechat", "account_id": "gh_hub"}},
            {"platform": "douyin", "account_id": "dy_a", "recommendation": "none", "rules": []},
            {"platform": "douyin", "account_id": "dy_b", "recommendation": "merge", "rules": ["DUPLICATE_PLATFORM"],
             "merge_target": {"platform": "douyin", "account_id": "dy_hub"}},
            {"platform": "douyin", "account_id": "dy_hub", "recommendation": "none", "rules": []},
            {"platform": "kuaishou", "account_id": "ks_village", "recommendation": "merge", "rules": ["BELOW_COUNTY_LEVEL"],
             "merge_target": null},
            {"platform": "wechat", "account_id": "gh_Z", "recommendation": "close", "rules": ["LOW_READS", "UNATTENDED"]},
            {"platform": "wechat", "account_id": "gh_hub", "recommendation": "none", "rules": []},
            {"platform": "wechat", "account_id": "gh_street", "recommendation": "merge", "rules": ["BELOW_COUNTY_LEVEL", "REPOST_HEAVY"],
             "merge_target": {"platform": "wechat", "account_id": "gh_hub"}},
            {"platform": "weibo", "account_id": "wb_old", "recommendation": "close", "rules": ["STALE"]}
          ]
        }
        """;

    [Fact]
    public async Task EvaluateJson_ConstructedCounty_PrintsTheSpecsShapeInOrder()
    {
        await using var world = await CreateAsync(fixture);
        var yuelu = await world.UnitAsync("430104", UnitLevel.County, name: "岳麓区");
        var mediaCenter = await world.UnitAsync("430104-001", UnitLevel.Department, yuelu, "区融媒体中心");
        var commerce = await world.UnitAsync("430104-002", UnitLevel.Department, yuelu, "区商务局");
        var street = await world.UnitAsync("430104-012", UnitLevel.Street, yuelu, "望岳街道");
        var other = await world.UnitAsync("430105", UnitLevel.County, name: "无中心县");
        var village = await world.UnitAsync("430105-201", UnitLevel.Village, other, "某村");
        var recent = Enumerable.Range(1, 5).Select(i => T.AddDays(-i)).ToList();

        var hub = await world.AccountAsync(mediaCenter, "gh_hub", isHub: true, name: "指尖岳麓");
        await world.PostsAsync(hub, recent, reads: 5_000);
        var douyinHub = await world.AccountAsync(mediaCenter, "dy_hub", Platform.Douyin, isHub: true);
        await world.PostsAsync(douyinHub, recent, reads: 5_000);
        var streetAccount = await world.AccountAsync(street, "gh_street");
        await world.PostsAsync(streetAccount, recent, isOriginal: false, reads: 500);
        var old = await world.AccountAsync(commerce, "wb_old", Platform.Weibo);
        await world.PostAsync(old, Shanghai(2019, 8, 3, 9), reads: 1_573);
        await world.AccountAsync(commerce, "app_svc", Platform.App, providesServices: true, openedOn: new DateOnly(2020, 1, 1));
        var keeper = await world.AccountAsync(commerce, "dy_a", Platform.Douyin, openedOn: new DateOnly(2021, 1, 1));
        await world.PostsAsync(keeper, recent, reads: 500);
        var second = await world.AccountAsync(commerce, "dy_b", Platform.Douyin, openedOn: new DateOnly(2018, 1, 1));
        await world.PostsAsync(second, recent, reads: 300);
        var unread = await world.AccountAsync(commerce, "gh_Z", @operator: null);
        await world.PostsAsync(unread, recent, reads: 43);
        var villageAccount = await world.AccountAsync(village, "ks_village", Platform.Kuaishou);
        await world.PostsAsync(villageAccount, recent, reads: 800);
        await world.AccountAsync(commerce, "tt_closed", Platform.Toutiao, status: AccountStatus.Closed);
        await world.AccountAsync(commerce, "bili_new", Platform.Bilibili, openedOn: T.AddDays(1));

        var (exit, output, error) = await RunAsync(world, "evaluate", "--as-of", "2026-11-23", "--json");

        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal(Canonical(Expected), Canonical(output));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-11-31")]
    [InlineData("23/11/2026")]
    [InlineData("2026-11-23T00:00")]
    public async Task Evaluate_BadAsOf_ExitsWithUsageErrorAndStoresNothing(string asOf)
    {
        await using var world = await CreateAsync(fixture);

        var (exit, _, error) = await RunAsync(world, "evaluate", "--as-of", asOf);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
        Assert.Contains(asOf, error, StringComparison.Ordinal);
        await using var db = world.Context();
        Assert.Equal(0, await db.Evaluations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Evaluate_WithoutAsOf_EvaluatesTodayInShanghaiAndStoresTheRun()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        await world.AccountAsync(county, "gh_a");

        var (exit, output, _) = await RunAsync(world, "evaluate");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("1 accounts", output, StringComparison.Ordinal);
        await using var db = world.Context();
        var run = await db.Evaluations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ShanghaiCalendarToday(), run.AsOf);
        Assert.Equal("cli", run.TriggeredBy);
        Assert.Equal(1, run.AccountCount);
    }

    [Fact]
    public async Task Evaluate_UnknownOption_IsAUsageError()
    {
        await using var world = await CreateAsync(fixture);

        var (exit, _, _) = await RunAsync(world, "evaluate", "--asof", "2026-11-23");

        Assert.Equal(ExitCodes.Usage, exit);
    }

    private static DateOnly ShanghaiCalendarToday() => Domain.Common.ShanghaiCalendar.Today(TimeProvider.System);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(RulesWorld world, params string[] arguments)
    {
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", world.ConnectionString, .. arguments], output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Compact JSON with the key order kept, so order of keys and of accounts is compared too.</summary>
    private static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();
}
