using System.Globalization;
using System.Net;
using System.Text.Json;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(DashboardApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => ShanghaiCalendar.Today(TimeProvider.System);

    [Fact]
    public async Task Summary_ForALeader_HasTheDashboardsFiguresToday()
    {
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");

        var json = JsonDocument.Parse(await leader.GetStringAsync("api/v1/dashboard/summary", Ct)).RootElement;
        var figures = await app.FiguresAsync(Today, await app.LeaderScopeAsync());

        AssertSame(figures, json);

        // The demo campaign: most accounts closed or merged, a minority retained, a tail of requests still open (some
        // overdue); the rules evaluated weekly, the zombies falling.
        var accounts = json.GetProperty("accounts");
        Assert.True(app.Campaign.Evaluations >= 20 && app.Campaign.Decisions > 50 && app.Campaign.Completed > 50, app.Campaign.ToString());
        Assert.True((accounts.GetProperty("closed").GetInt32() + accounts.GetProperty("merged").GetInt32()) * 2 > accounts.GetProperty("total").GetInt32());
        Assert.InRange(accounts.GetProperty("retained_after_review").GetInt32(), 3, 20);
        Assert.True(json.GetProperty("requests").GetProperty("in_progress").GetInt32() >= 10);
        Assert.True(json.GetProperty("requests").GetProperty("overdue").GetInt32() >= 3);
        var zombies = json.GetProperty("zombies_by_evaluation_day");
        Assert.Equal(app.Campaign.Evaluations, zombies.GetArrayLength());
        Assert.True(zombies[0].GetProperty("zombies").GetInt32() > zombies[zombies.GetArrayLength() - 1].GetProperty("zombies").GetInt32());
        Assert.True(json.GetProperty("open_flags").GetInt32() > 0);
        Assert.Equal(142, json.GetProperty("accounts").GetProperty("total").GetInt32());
        Assert.Equal(12, json.GetProperty("townships").GetArrayLength());
    }

    [Fact]
    public async Task Summary_AsOfAPastDay_HasThatDaysFigures()
    {
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");
        var day = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-3);

        var json = JsonDocument.Parse(await leader.GetStringAsync($"api/v1/dashboard/summary?asOf={day:yyyy-MM-dd}", Ct)).RootElement;
        var figures = await app.FiguresAsync(day, await app.LeaderScopeAsync());

        AssertSame(figures, json);
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), json.GetProperty("as_of").GetString());

        // Half-way through the campaign: some accounts already closed, fewer than today; only the runs up to that day.
        var today = JsonDocument.Parse(await leader.GetStringAsync("api/v1/dashboard/summary", Ct)).RootElement;
        int Settled(JsonElement summary) =>
            summary.GetProperty("accounts").GetProperty("closed").GetInt32() + summary.GetProperty("accounts").GetProperty("merged").GetInt32();
        Assert.InRange(Settled(json), 1, Settled(today) - 1);
        var zombies = json.GetProperty("zombies_by_evaluation_day");
        Assert.InRange(zombies.GetArrayLength(), 10, app.Campaign.Evaluations - 1);
        Assert.True(DateOnly.ParseExact(zombies[zombies.GetArrayLength() - 1].GetProperty("day").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) <= day);
    }

    [Fact]
    public async Task Summary_WithADashboardKey_SeesTheWholeRegistry_OtherKeysAreRefused()
    {
        var dashboardKey = await app.CreateKeyAsync("县政务服务平台", ApiKeyPurpose.Dashboard);
        var collectorKey = await app.CreateKeyAsync("微信采集服务", ApiKeyPurpose.Collect);
        var revokedKey = await app.CreateKeyAsync("旧系统", ApiKeyPurpose.Dashboard);
        await app.RevokeKeyAsync(revokedKey);
        using var client = LoginClient.Anonymous(app.BaseAddress);

        using var ok = await GetWithKeyAsync(client, "api/v1/dashboard/summary", dashboardKey);
        using var collector = await GetWithKeyAsync(client, "api/v1/dashboard/summary", collectorKey);
        using var revoked = await GetWithKeyAsync(client, "api/v1/dashboard/summary", revokedKey);
        using var posting = new HttpRequestMessage(HttpMethod.Post, "api/v1/posts") { Content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json") };
        posting.Headers.Add(CollectorApi.ApiKeyHeader, dashboardKey);
        using var postWithDashboardKey = await client.SendAsync(posting, Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct)).RootElement;
        AssertSame(await app.FiguresAsync(Today, Application.Common.UserScope.System), json);
        Assert.Equal(HttpStatusCode.Unauthorized, collector.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, postWithDashboardKey.StatusCode);
    }

    [Fact]
    public async Task Summary_RefusesClerksAnonymousAndBadDates()
    {
        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        using var anonymous = LoginClient.Anonymous(app.BaseAddress);
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");
        using var reviewer = await LoginClient.SignInAsync(app.BaseAddress, "reviewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("api/v1/dashboard/summary", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/dashboard/summary", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("api/v1/dashboard/summary?asOf=2026-13-40", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("api/v1/dashboard/summary", Ct)).StatusCode);
    }

    [Fact]
    public async Task Export_HasTheOverviewAndTownshipSheets_WithTheNewFigures()
    {
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");
        var figures = await app.FiguresAsync(Today, await app.LeaderScopeAsync());

        var bytes = await leader.GetByteArrayAsync($"dashboard/export.xlsx?asOf={Today:yyyy-MM-dd}", Ct);
        using var stream = new MemoryStream(bytes);
        var overview = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "总览 overview").Cast<IDictionary<string, object?>>().ToList();
        stream.Position = 0;
        var townships = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "乡镇街道 townships").Cast<IDictionary<string, object?>>().ToList();

        object? Value(string figure) => overview.Single(r => (string?)r["指标 figure"] == figure)["数值 value"];
        Assert.Equal(figures.Tiles.Retained, Convert.ToInt32(Value("审核后保留 retained after review"), CultureInfo.InvariantCulture));
        Assert.Equal(figures.Tiles.OverdueRequests, Convert.ToInt32(Value("逾期申请 overdue requests"), CultureInfo.InvariantCulture));
        Assert.Equal(figures.Tiles.Zombies, Convert.ToInt32(Value("僵尸账号 zombie accounts"), CultureInfo.InvariantCulture));
        Assert.Equal(figures.Tiles.OpenFlags, Convert.ToInt32(Value("待审核问题 open flags"), CultureInfo.InvariantCulture));
        Assert.Equal(figures.Townships.Count, townships.Count);
        Assert.Equal(
            figures.Townships.Select(t => (t.UnitName, t.OverdueRequests, t.Retained)),
            townships.Select(r => ((string)r["单位 unit"]!, Convert.ToInt32(r["逾期 overdue"], CultureInfo.InvariantCulture), Convert.ToInt32(r["审核后保留 retained"], CultureInfo.InvariantCulture))));
    }

    private static async Task<HttpResponseMessage> GetWithKeyAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(CollectorApi.ApiKeyHeader, key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>The JSON carries the handler's figures (themselves checked by hand in DashboardFiguresTests).</summary>
    private static void AssertSame(DashboardFigures.Summary figures, JsonElement json)
    {
        var accounts = json.GetProperty("accounts");
        var t = figures.Tiles;
        Assert.Equal(
            (t.Total, t.BeforeCampaign, t.Active, t.Closed, t.Merged, t.Retained, t.Zombies, t.OpenFlags, t.RequestsInProgress, t.OverdueRequests),
            (accounts.GetProperty("total").GetInt32(), accounts.GetProperty("before_campaign").GetInt32(), accounts.GetProperty("active").GetInt32(),
             accounts.GetProperty("closed").GetInt32(), accounts.GetProperty("merged").GetInt32(), accounts.GetProperty("retained_after_review").GetInt32(),
             accounts.GetProperty("zombies").GetInt32(), json.GetProperty("open_flags").GetInt32(),
             json.GetProperty("requests").GetProperty("in_progress").GetInt32(), json.GetProperty("requests").GetProperty("overdue").GetInt32()));
        Assert.Equal(
            figures.ByLevel.Select(s => (s.Key, s.Active, s.Closed, s.Merged, s.Retained)),
            json.GetProperty("by_level").EnumerateArray().Select(e => (e.GetProperty("level").GetString()!, e.GetProperty("active").GetInt32(),
                e.GetProperty("closed").GetInt32(), e.GetProperty("merged").GetInt32(), e.GetProperty("retained_after_review").GetInt32())));
        Assert.Equal(
            figures.ByPlatform.Select(s => (s.Key, s.Active)),
            json.GetProperty("by_platform").EnumerateArray().Select(e => (e.GetProperty("platform").GetString()!, e.GetProperty("active").GetInt32())));
        Assert.Equal(
            figures.ZombieTrend.Select(z => (z.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), z.Zombies)),
            json.GetProperty("zombies_by_evaluation_day").EnumerateArray().Select(e => (e.GetProperty("day").GetString()!, e.GetProperty("zombies").GetInt32())));
        Assert.Equal(
            figures.Townships.Select(r => (r.UnitId, r.Total, r.Closed, r.Merged, r.Retained, r.OpenFlags, r.Zombies, r.RequestsInProgress, r.OverdueRequests)),
            json.GetProperty("townships").EnumerateArray().Select(e => (e.GetProperty("unit_id").GetInt32(), e.GetProperty("total").GetInt32(),
                e.GetProperty("closed").GetInt32(), e.GetProperty("merged").GetInt32(), e.GetProperty("retained_after_review").GetInt32(),
                e.GetProperty("open_flags").GetInt32(), e.GetProperty("zombies").GetInt32(), e.GetProperty("requests_in_progress").GetInt32(),
                e.GetProperty("overdue_requests").GetInt32())));
    }
}
