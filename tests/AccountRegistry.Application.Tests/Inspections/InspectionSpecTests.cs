using System.Text.Json.Nodes;
using AccountRegistry.Cli;
using AccountRegistry.TestSupport;
using static AccountRegistry.Application.Tests.Inspections.InspectionWorld;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// spec/inspection.md indicator by indicator, through the import files and `registry inspect --json`, with the
/// boundaries the issue names: day 14 against 15 in Shanghai time, a Friday-evening message answered on the 6th
/// working day, the 调休 make-up day, needs_reply false, replied_at after T, closed the same day it posted.
/// </summary>
public sealed class InspectionSpecTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Inspect_ConstructedCounty_PrintsTheSpecsShapeInOrder()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_ok,合格号,D,2020-01-01,张敏,false,false,active,true,粤-001\n" +
            "wechat,gh_nofile,未备案号,D,2020-01-01,张敏,false,false,active,true,\n" +
            "weibo,wb_stale,停更号,D,2020-01-01,李雷,false,false,active,true,粤-003\n" +
            "douyin,dy_mute,无互动号,D,2020-01-01,王芳,false,false,active,false,粤-004\n" +
            "douyin,dy_closed,已关停号,D,2020-01-01,王芳,false,false,closed,true,粤-005\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_ok") + RecentPosts("wechat", "gh_nofile") + RecentPosts("douyin", "dy_mute") +
            "weibo,wb_stale,s1,2026-11-08T23:30:00+08:00,标题,正文,true,\n" +
            "douyin,dy_closed,c1,2026-11-02T09:00:00+08:00,标题,正文,true,\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts))).Exit);
        await world.ExecuteAsync("UPDATE accounts SET status_changed_on = '2026-11-01' WHERE platform_account_id = 'dy_closed'");

        var (exit, output, error) = await world.RunAsync("inspect", "--as-of", T, "--json");

        Assert.True(exit == ExitCodes.Success, error);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(T, (string)json["as_of"]!);
        Assert.Equal(90, (int)json["settings"]!["period_days"]!);
        Assert.Equal(10, (int)json["settings"]!["warn_days"]!);
        var expectedAccounts = """
            [
              {"platform": "douyin", "account_id": "dy_mute", "result": "fail", "score": 59, "vetoes": ["VETO_NO_INTERACTION"], "deductions": []},
              {"platform": "wechat", "account_id": "gh_nofile", "result": "excellent", "score": 95, "vetoes": [],
               "deductions": [{"code": "DEDUCT_NOT_FILED", "points": 5, "count": 1}]},
              {"platform": "wechat", "account_id": "gh_ok", "result": "excellent", "score": 100, "vetoes": [], "deductions": []},
              {"platform": "weibo", "account_id": "wb_stale", "result": "fail", "score": 59, "vetoes": ["VETO_NOT_UPDATED"], "deductions": []}
            ]
            """;
        Assert.Equal(JsonNode.Parse(expectedAccounts)!.ToJsonString(), json["accounts"]!.ToJsonString());
        Assert.Equal("""[{"platform":"douyin","account_id":"dy_closed","code":"REVIVED"}]""", json["warnings"]!.ToJsonString());
    }

    [Theory]
    [InlineData("2026-11-08T23:30:00+08:00", true)] // Shanghai day T−15 (15:30 UTC on the 8th)
    [InlineData("2026-11-08T16:00:00Z", false)] // 00:00 on the 9th in Shanghai: T−14
    [InlineData("2026-11-09T00:30:00+08:00", false)]
    public async Task Inspect_LatestPostFourteenOrFifteenShanghaiDaysBeforeT_VetoesOnlyFifteen(string publishedAt, bool vetoed)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "weibo,wb_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + $"weibo,wb_1,p1,{publishedAt},标题,正文,true,\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts))).Exit);

        var json = await world.InspectAsync();

        Assert.Equal(vetoed ? ["VETO_NOT_UPDATED"] : [], Vetoes(json, "wb_1"));

        // Fourteen days is the last day of the warning, not yet the veto.
        Assert.Equal(vetoed ? [] : ["NEAR_STALE"], Warnings(json, "wb_1"));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(14, true)]
    public async Task Inspect_DaysSinceLatestPost_WarnsNearStaleFromTenToFourteen(int days, bool warned)
    {
        var world = await CreateAsync(fixture);
        var day = new DateOnly(2026, 11, 23).AddDays(-days);
        var accounts = AccountsHeader + "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + $"wechat,gh_1,p1,{day:yyyy-MM-dd}T12:00:00+08:00,标题,正文,true,\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts))).Exit);

        var json = await world.InspectAsync();

        Assert.Equal(warned ? ["NEAR_STALE"] : [], Warnings(json, "gh_1"));
        Assert.Empty(Vetoes(json, "gh_1"));
    }

    [Fact]
    public async Task Inspect_SlowReplies_CountsWorkingDaysFromTheShanghaiDayReceived()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_1");
        var interactions = InteractionsHeader +
            // Friday evening: the deadline is the 5th working day after Friday 13 November, Friday 20 November.
            "wechat,gh_1,fri-on-time,message,2026-11-13T20:00:00+08:00,2026-11-20T23:00:00+08:00,true\n" +
            // Answered on the 6th working day (Monday 23 November, T itself): slow.
            "wechat,gh_1,fri-sixth-day,message,2026-11-13T20:00:00+08:00,2026-11-23T10:00:00+08:00,\n" +
            // Never answered, but needs no reply: nothing.
            "wechat,gh_1,praise,comment,2026-11-02T09:00:00+08:00,,false\n" +
            // Answered only after T: unanswered by the end of T, deadline (17 November) before T: slow.
            "wechat,gh_1,after-t,message,2026-11-10T09:00:00+08:00,2026-11-25T09:00:00+08:00,true\n" +
            // Unanswered, but its deadline (27 November) is not before T: not yet slow.
            "wechat,gh_1,fresh,message,2026-11-20T09:00:00+08:00,,true\n" +
            // The National Day week: 30 September + 5 working days = 13 October, with Saturday 10 October a make-up day.
            "wechat,gh_1,holiday-on-time,message,2026-09-30T09:00:00+08:00,2026-10-13T18:00:00+08:00,true\n" +
            "wechat,gh_1,holiday-late,message,2026-09-30T09:00:00+08:00,2026-10-14T08:00:00+08:00,true\n" +
            // 23:30 UTC on Sunday 15 November is Monday 16 November in Shanghai: deadline Monday 23, answered that day.
            "wechat,gh_1,utc-sunday,message,2026-11-15T23:30:00Z,2026-11-23T09:00:00+08:00,true\n";
        var (exit, error) = await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts), ("interactions.csv", interactions));
        Assert.True(exit == 0, error);

        var json = await world.InspectAsync();

        Assert.Equal("""[{"code":"DEDUCT_SLOW_REPLY","points":6,"count":3}]""", Deductions(json, "gh_1"));
        Assert.Equal(94, (int)Account(json, "gh_1")["score"]!);
        Assert.Equal("excellent", (string)Account(json, "gh_1")["result"]!);
        Assert.Empty(Vetoes(json, "gh_1"));
    }

    [Fact]
    public async Task Inspect_SlowRepliesIn2025_CountTheOfficialDaysOffOf2025()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + "wechat,gh_1,p1,2025-10-18T09:00:00+08:00,标题,正文,true,\n";
        var interactions = InteractionsHeader +
            // 30 September 2025 + 5 working days = 14 October: 1–8 October off, Saturday 11 October worked.
            "wechat,gh_1,on-time,message,2025-09-30T09:00:00+08:00,2025-10-14T18:00:00+08:00,true\n" +
            "wechat,gh_1,late,message,2025-09-30T09:00:00+08:00,2025-10-15T08:00:00+08:00,true\n";
        var (exit, error) = await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts), ("interactions.csv", interactions));
        Assert.True(exit == 0, error);

        var json = await world.InspectAsync("2025-10-20");

        Assert.Equal("""[{"code":"DEDUCT_SLOW_REPLY","points":2,"count":1}]""", Deductions(json, "gh_1"));
    }

    [Fact]
    public async Task Inspect_ManySlowReplies_DeductsAtMostTheCap()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_1");
        var interactions = InteractionsHeader + string.Concat(Enumerable.Range(1, 12).Select(i => $"wechat,gh_1,m{i},message,2026-10-{i + 14:00}T09:00:00+08:00,,true\n"));
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts), ("interactions.csv", interactions))).Exit);

        var json = await world.InspectAsync();

        Assert.Equal("""[{"code":"DEDUCT_SLOW_REPLY","points":20,"count":12}]""", Deductions(json, "gh_1"));
        Assert.Equal("pass", (string)Account(json, "gh_1")["result"]!);
    }

    [Theory]
    [InlineData("2026-08-25T23:59:00+08:00", "", true)] // more than 90 days before the end of T
    [InlineData("2026-08-25T23:59:00+08:00", "2026-11-24T08:00:00+08:00", true)] // answered only after T
    [InlineData("2026-08-25T23:59:00+08:00", "2026-11-23T23:00:00+08:00", false)] // answered by the end of T
    [InlineData("2026-08-26T00:00:00+08:00", "", false)] // exactly 90 days: not more
    [InlineData("2026-05-01T09:00:00+08:00", "", true)]
    public async Task Inspect_MessageUnansweredForThreeMonths_Vetoes(string receivedAt, string repliedAt, bool vetoed)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_1");
        var interactions = InteractionsHeader +
            $"wechat,gh_1,old,message,{receivedAt},{repliedAt},true\n" +
            "wechat,gh_1,old-praise,comment,2026-01-01T09:00:00+08:00,,false\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts), ("interactions.csv", interactions))).Exit);

        var json = await world.InspectAsync();

        Assert.Equal(vetoed ? ["VETO_UNANSWERED"] : [], Vetoes(json, "gh_1"));
    }

    [Fact]
    public async Task Inspect_ConfirmedFindingOnAPostInThePeriod_VetoesSecurity()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_1,号,D,2020-01-01,李雷,false,false,active,true,粤-1\n" +
            "wechat,gh_2,号,D,2020-01-01,李雷,false,false,active,true,粤-2\n" +
            "wechat,gh_3,号,D,2020-01-01,李雷,false,false,active,true,粤-3\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_1") + RecentPosts("wechat", "gh_2") + RecentPosts("wechat", "gh_3") +
            "wechat,gh_3,before-p,2026-08-25T09:00:00+08:00,标题,正文,true,\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts))).Exit);
        await world.ExecuteAsync(
            """
            INSERT INTO content_findings (post_id, account_id, check_code, detail, field, position, matched_text, status, found_at)
            SELECT p.id, p.account_id, 'privacy', 'x', 'content', 0, 'x', s.status, now()
            FROM posts p JOIN accounts a ON a.id = p.account_id
            JOIN (VALUES ('gh_1', 'gh_1-r1', 'confirmed'), ('gh_2', 'gh_2-r1', 'open'), ('gh_3', 'before-p', 'confirmed')) s(account, post, status)
              ON s.account = a.platform_account_id AND s.post = p.platform_post_id
            """);

        var json = await world.InspectAsync();

        Assert.Equal(["VETO_SECURITY"], Vetoes(json, "gh_1"));
        Assert.Empty(Vetoes(json, "gh_2")); // not confirmed
        Assert.Empty(Vetoes(json, "gh_3")); // before P
    }

    [Fact]
    public async Task Inspect_RulesDeductions_AddUpAndFailBelowSixty()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_reposts,号,D,2020-01-01,,false,false,active,true,\n" +
            "wechat,gh_hub,中心号,C,2020-01-01,,false,true,active,true,粤-1\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_reposts", original: false) + RecentPosts("wechat", "gh_hub", original: false);
        var interactions = InteractionsHeader + string.Concat(Enumerable.Range(1, 8).Select(i => $"wechat,gh_reposts,m{i},message,2026-10-{i + 14:00}T09:00:00+08:00,,\n"));
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts), ("interactions.csv", interactions))).Exit);

        var json = await world.InspectAsync();

        // 100 − 10 (reposts) − 5 (not filed) − 16 (8 slow) − 10 (no operator) = 59: fails without a veto.
        Assert.Equal(
            """[{"code":"DEDUCT_NOT_FILED","points":5,"count":1},{"code":"DEDUCT_REPOST_HEAVY","points":10,"count":1},{"code":"DEDUCT_SLOW_REPLY","points":16,"count":8},{"code":"DEDUCT_UNATTENDED","points":10,"count":1}]""",
            Deductions(json, "gh_reposts"));
        Assert.Equal(59, (int)Account(json, "gh_reposts")["score"]!);
        Assert.Equal("fail", (string)Account(json, "gh_reposts")["result"]!);

        // A hub is exempt from REPOST_HEAVY, as from every merge rule.
        Assert.Equal("""[{"code":"DEDUCT_UNATTENDED","points":10,"count":1}]""", Deductions(json, "gh_hub"));
        Assert.Equal("excellent", (string)Account(json, "gh_hub")["result"]!);
    }

    [Theory]
    [InlineData("2026-11-01T09:00:00+08:00", false)] // the day it closed
    [InlineData("2026-11-01T23:59:00+08:00", false)]
    [InlineData("2026-11-01T16:30:00Z", true)] // 00:30 on 2 November in Shanghai
    [InlineData("2026-11-24T09:00:00+08:00", false)] // after T
    public async Task Inspect_ClosedAccountPostingAfterItsClosingDay_WarnsRevived(string publishedAt, bool revived)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "douyin,dy_1,号,D,2020-01-01,李雷,false,false,closed,true,粤-1\n";
        var posts = PostsHeader + $"douyin,dy_1,p1,{publishedAt},标题,正文,true,\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts))).Exit);
        await world.ExecuteAsync("UPDATE accounts SET status_changed_on = '2026-11-01'");

        var json = await world.InspectAsync();

        Assert.Empty(json["accounts"]!.AsArray()); // closed accounts are not inspected
        Assert.Equal(revived ? ["REVIVED"] : [], Warnings(json, "dy_1"));
    }

    [Fact]
    public async Task Inspect_AccountOpenedAfterT_IsNotInspected()
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader + "wechat,gh_new,号,D,2026-11-24,李雷,false,false,active,true,粤-1\n";
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts))).Exit);

        var json = await world.InspectAsync();

        Assert.Empty(json["accounts"]!.AsArray());
    }

    [Fact]
    public async Task Inspect_StoresTheInspectionWithItsSettings()
    {
        var world = await CreateAsync(fixture);
        Assert.Equal(0, (await world.ImportAsync(("units.csv", UnitsCsv))).Exit);
        await world.ExecuteAsync(
            """
            INSERT INTO inspection_settings (unit_id, period_days, warn_days, unanswered_days, reply_working_days, slow_reply_points, slow_reply_cap,
                repost_heavy_points, duplicate_content_points, unattended_points, not_filed_points, pass_score, excellent_score, updated_at, updated_by)
            SELECT id, 30, 7, 90, 5, 2, 20, 10, 10, 10, 5, 60, 90, now(), 'admin' FROM units WHERE code = 'C'
            """);

        var json = await world.InspectAsync();

        Assert.Equal(30, (int)json["settings"]!["period_days"]!);
        Assert.Equal(7, (int)json["settings"]!["warn_days"]!);
        await using var connection = new Npgsql.NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM inspections WHERE as_of = '2026-11-23' AND (settings->>'period_days')::int = 30", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
