using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using Npgsql;
using static AccountRegistry.Application.Tests.Inspections.InspectionWorld;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>检查结果: the stored inspection's rows, filtered, paged and exported in PostgreSQL, in the reviewer's scope.</summary>
public sealed class InspectionResultListTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Units =
        """
        code,name,level,parent_code
        C,岳麓区人民政府,county,
        T1,莲花镇人民政府,township,C
        T2,雨敞坪镇人民政府,township,C
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Two townships: T1 with a pass, a fail (no interaction) and a fail (stale); T2 with an excellent one.</summary>
    private static async Task<(InspectionWorld World, ServiceProvider Services)> SeedAsync(DatabaseFixture fixture)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_pass,合格号,T1,2020-01-01,张敏,false,false,active,true,\n" +
            "douyin,dy_mute,无互动号,T1,2020-01-01,王芳,false,false,active,false,粤-2\n" +
            "weibo,wb_stale,停更号,T1,2020-01-01,李雷,false,false,active,true,粤-3\n" +
            "wechat,gh_best,优秀号,T2,2020-01-01,赵云,false,false,active,true,粤-4\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_pass", original: false) + RecentPosts("douyin", "dy_mute") + RecentPosts("wechat", "gh_best") +
            "weibo,wb_stale,s1,2026-10-01T09:00:00+08:00,标题,正文,true,\n";
        var (exit, error) = await world.ImportAsync(("units.csv", Units), ("accounts.csv", accounts), ("posts.csv", posts));
        Assert.True(exit == 0, error);

        // An older inspection in which everything looked different: the page reads the latest unless told otherwise.
        await world.InspectAsync("2026-10-05");
        await world.InspectAsync();
        var services = AppServices.Build(world.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        return (world, services);
    }

    private static async Task<UserScope> ReviewerOfAsync(InspectionWorld world, string unitCode)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT id, path FROM units WHERE code = @code", connection);
        command.Parameters.AddWithValue("code", unitCode);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return new UserScope("reviewer-" + unitCode, new HashSet<string> { Roles.Reviewer }, reader.GetInt32(0), reader.GetString(1));
    }

    private static async Task<InspectionResultList.Result> ListAsync(ServiceProvider services, InspectionResultList.Filter filter, UserScope scope, int page = 1, int pageSize = 25)
    {
        await using var serviceScope = services.CreateAsyncScope();
        return await serviceScope.ServiceProvider.GetRequiredService<InspectionResultList.Handler>()
            .HandleAsync(new InspectionResultList.Query(filter, page, pageSize), scope, Cancel);
    }

    [Fact]
    public async Task List_LatestInspection_WorstFirstWithVetoesAndDeductions_PagedInSql()
    {
        var (_, services) = await SeedAsync(fixture);
        await using var _s = services;

        var first = await ListAsync(services, new(), UserScope.System, page: 1, pageSize: 3);
        var second = await ListAsync(services, new(), UserScope.System, page: 2, pageSize: 3);

        Assert.Equal(new DateOnly(2026, 11, 23), first.Inspection!.AsOf);
        Assert.Equal(4, first.Page.TotalCount);
        Assert.Equal(["douyin:dy_mute", "weibo:wb_stale", "wechat:gh_pass"], first.Page.Items.Select(r => $"{r.Platform.ToCode()}:{r.PlatformAccountId}"));
        Assert.Equal(["gh_best"], second.Page.Items.Select(r => r.PlatformAccountId));
        var mute = first.Page.Items[0];
        Assert.Equal((InspectionResultKind.Fail, 59), (mute.Result, mute.Score));
        Assert.Equal([InspectionCode.VetoNoInteraction], mute.Vetoes);
        var pass = first.Page.Items[2];
        Assert.Equal((InspectionResultKind.Pass, 85), (pass.Result, pass.Score));
        Assert.Equal([(InspectionCode.DeductNotFiled, 5), (InspectionCode.DeductRepostHeavy, 10)], pass.Deductions);
        Assert.Equal("莲花镇人民政府", pass.UnitName);
    }

    [Fact]
    public async Task List_FiltersByResultVetoUnitAndPlatform_AndAChosenInspection()
    {
        var (world, services) = await SeedAsync(fixture);
        await using var _s = services;
        var t2 = await ReviewerOfAsync(world, "T2");

        async Task<string[]> Ids(InspectionResultList.Filter filter) =>
            [.. (await ListAsync(services, filter, UserScope.System)).Page.Items.Select(r => r.PlatformAccountId)];

        Assert.Equal(["dy_mute", "wb_stale"], await Ids(new() { Result = InspectionResultKind.Fail }));
        Assert.Equal(["gh_pass"], await Ids(new() { Result = InspectionResultKind.Pass }));
        Assert.Equal(["gh_best"], await Ids(new() { Result = InspectionResultKind.Excellent }));
        Assert.Equal(["wb_stale"], await Ids(new() { Veto = InspectionCode.VetoNotUpdated }));
        Assert.Equal(["gh_best"], await Ids(new() { UnitId = t2.UnitId }));
        Assert.Equal(["douyin"], (await ListAsync(services, new() { Platform = Platform.Douyin }, UserScope.System)).Page.Items.Select(r => r.Platform.ToCode()));
        Assert.Empty(await Ids(new() { Veto = InspectionCode.VetoSecurity }));

        // The older inspection as of 2026-10-05: the stale account had posted four days before, so it had no veto then
        // (the others had not posted yet, and had).
        var recent = await services.CreateAsyncScope().ServiceProvider.GetRequiredService<InspectionResultList.Handler>().RecentAsync(UserScope.System, cancellationToken: Cancel);
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 10, 5)], recent.Select(i => i.AsOf));
        var older = await Ids(new() { InspectionId = recent[1].Id, Veto = InspectionCode.VetoNotUpdated });
        Assert.DoesNotContain("wb_stale", older);
        Assert.Contains("gh_best", older);
    }

    [Fact]
    public async Task List_ForAReviewerOfOneTownship_ShowsOnlyItsAccounts_AndRefusesAClerk()
    {
        var (world, services) = await SeedAsync(fixture);
        await using var _s = services;
        var t1 = await ReviewerOfAsync(world, "T1");
        var t2 = await ReviewerOfAsync(world, "T2");

        var ofT2 = await ListAsync(services, new(), t2);
        var t1UnitFromT2 = await ListAsync(services, new() { UnitId = t1.UnitId }, t2);

        Assert.Equal(["gh_best"], ofT2.Page.Items.Select(r => r.PlatformAccountId));
        Assert.Empty(t1UnitFromT2.Page.Items);
        var clerk = t1 with { Roles = new HashSet<string> { Roles.Clerk } };
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ListAsync(services, new(), clerk));
    }

    [Fact]
    public async Task Export_HoldsTheFilteredRowsOfTheScope_WithTheSpecsCodes()
    {
        var (world, services) = await SeedAsync(fixture);
        await using var _s = services;
        var t1 = await ReviewerOfAsync(world, "T1");
        await using var serviceScope = services.CreateAsyncScope();
        var handler = serviceScope.ServiceProvider.GetRequiredService<InspectionResultList.Handler>();

        using var stream = new MemoryStream();
        var count = await handler.WriteXlsxAsync(new() { Result = InspectionResultKind.Fail }, t1, stream, Cancel);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(2, count);
        Assert.Equal(InspectionResultList.Columns, rows[0].Keys);
        Assert.Equal(["dy_mute", "wb_stale"], rows.Select(r => (string)r["账号ID account_id"]!));
        Assert.Equal("VETO_NOT_UPDATED", rows[1]["单项否决 vetoes"]);
        Assert.Equal("fail", rows[1]["结果 result"]);
        Assert.Equal("2026-11-23", rows[1]["监测时间点 as_of"]);
        using var empty = new MemoryStream();
        Assert.Equal(0, await handler.WriteXlsxAsync(new() { Veto = InspectionCode.VetoSecurity }, t1, empty, Cancel));
        empty.Position = 0;
        var header = Assert.Single(empty.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>());
        Assert.Equal(InspectionResultList.Columns, header.Values);
    }

    [Fact]
    public async Task Dashboard_CountsTheLatestInspectionOnOrBeforeTheDay_ByTownshipAndPlatform_InScope()
    {
        var (world, services) = await SeedAsync(fixture);
        await using var _s = services;
        var t2 = await ReviewerOfAsync(world, "T2");
        await using var serviceScope = services.CreateAsyncScope();
        var dashboard = serviceScope.ServiceProvider.GetRequiredService<InspectionDashboard.Handler>();

        var county = await dashboard.SummaryAsync(new DateOnly(2026, 11, 30), UserScope.System, Cancel);
        var ofT2 = await dashboard.SummaryAsync(new DateOnly(2026, 11, 30), t2, Cancel);
        var october = await dashboard.SummaryAsync(new DateOnly(2026, 11, 1), UserScope.System, Cancel);
        var before = await dashboard.SummaryAsync(new DateOnly(2026, 10, 1), UserScope.System, Cancel);

        Assert.Equal(new DateOnly(2026, 11, 23), county!.AsOf);
        Assert.Equal(new InspectionDashboard.Counts(2, 1, 1), county.All);
        Assert.Equal(
            [("莲花镇人民政府", new InspectionDashboard.Counts(2, 1, 0)), ("雨敞坪镇人民政府", new InspectionDashboard.Counts(0, 0, 1))],
            county.ByTownship.Select(t => (t.UnitName, t.Counts)));
        Assert.Equal(
            [("douyin", new InspectionDashboard.Counts(1, 0, 0)), ("wechat", new InspectionDashboard.Counts(0, 1, 1)), ("weibo", new InspectionDashboard.Counts(1, 0, 0))],
            county.ByPlatform.Select(p => (p.Key, p.Counts)));
        Assert.Equal(new InspectionDashboard.Counts(0, 0, 1), ofT2!.All);
        Assert.Equal(["雨敞坪镇人民政府"], ofT2.ByTownship.Select(t => t.UnitName));
        Assert.Equal(new DateOnly(2026, 10, 5), october!.AsOf);
        Assert.Null(before);
    }
}
