using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AccountRegistry.Application.Tests.Inspections.InspectionWorld;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>检查设置: validated with the field named, saved with an xmin check and audited, previewed without storing.</summary>
public sealed class InspectionSettingsEditorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>gh_pass scores 85 (repost-heavy, not filed); gh_quiet last posted six days before T; dy_mute fails.</summary>
    private static async Task<(InspectionWorld World, ServiceProvider Services, int County)> SeedAsync(DatabaseFixture fixture)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_pass,合格号,D,2020-01-01,张敏,false,false,active,true,\n" +
            "wechat,gh_quiet,少发号,D,2020-01-01,张敏,false,false,active,true,粤-2\n" +
            "douyin,dy_mute,无互动号,D,2020-01-01,王芳,false,false,active,false,粤-3\n";
        var posts = PostsHeader + RecentPosts("wechat", "gh_pass", original: false) + RecentPosts("douyin", "dy_mute") +
            "wechat,gh_quiet,q1,2026-11-17T09:00:00+08:00,标题,正文,true,\n";
        var (exit, error) = await world.ImportAsync(("units.csv", UnitsCsv), ("accounts.csv", accounts), ("posts.csv", posts));
        Assert.True(exit == 0, error);
        var services = AppServices.Build(world.ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        var county = await db.Units.Where(u => u.Code == "C").Select(u => u.Id).SingleAsync(Cancel);
        return (world, services, county);
    }

    private static InspectionSettingsEditor.Handler Editor(ServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<InspectionSettingsEditor.Handler>();

    [Fact]
    public async Task Save_IsAuditedAndUsedByTheNextInspection()
    {
        var (world, services, county) = await SeedAsync(fixture);
        await using var _s = services;
        var editor = Editor(services);
        var loaded = await editor.GetAsync(county, UserScope.System, Cancel);
        Assert.True(loaded.IsDefault);

        var saved = await editor.SaveAsync(new(county, loaded.Values with { WarnDays = 5, PassScore = 90 }, loaded.Version), UserScope.System, Cancel);
        var history = await editor.HistoryAsync(county, UserScope.System, Cancel);
        var inspection = await world.InspectAsync();

        Assert.False(saved.IsDefault);
        Assert.Equal((5, 90), (saved.Values.WarnDays, saved.Values.PassScore));
        Assert.Equal("warn_days 10 → 5; pass_score 60 → 90", Assert.Single(history).Summary);
        Assert.Equal(5, (int)inspection["settings"]!["warn_days"]!);
        Assert.Equal(["NEAR_STALE"], Warnings(inspection, "gh_quiet"));
        Assert.Equal("fail", (string)Account(inspection, "gh_pass")["result"]!);
    }

    [Fact]
    public async Task Save_OutOfRangeOrExcellentBelowPass_NamesTheFields_AndStoresNothing()
    {
        var (world, services, county) = await SeedAsync(fixture);
        await using var _s = services;
        var editor = Editor(services);

        var range = await Assert.ThrowsAsync<InspectionSettingsInvalidException>(() =>
            editor.SaveAsync(new(county, InspectionSettings.Defaults with { PeriodDays = 0, SlowReplyPoints = 101 }, null), UserScope.System, Cancel));
        var order = await Assert.ThrowsAsync<InspectionSettingsInvalidException>(() =>
            editor.SaveAsync(new(county, InspectionSettings.Defaults with { PassScore = 80, ExcellentScore = 70 }, null), UserScope.System, Cancel));

        Assert.Equal(["period_days", "slow_reply_points"], range.Problems.Select(p => p.Name));
        Assert.Equal(new InspectionSettingsEditor.Problem("excellent_score", 70, 80, 100), Assert.Single(order.Problems));
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        Assert.Equal(0, await db.InspectionSettings.CountAsync(Cancel));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.EntityType == InspectionSettingsEditor.AuditEntityType, Cancel));
    }

    [Fact]
    public async Task Save_AfterAnotherAdministratorSaved_IsRefused_AndKeepsTheirChange()
    {
        var (world, services, county) = await SeedAsync(fixture);
        await using var _s = services;
        var editor = Editor(services);
        var first = await editor.SaveAsync(new(county, InspectionSettings.Defaults with { WarnDays = 8 }, null), UserScope.System, Cancel);
        var mine = await editor.GetAsync(county, UserScope.System, Cancel);
        var theirs = await editor.GetAsync(county, UserScope.System, Cancel);

        await editor.SaveAsync(new(county, theirs.Values with { WarnDays = 7 }, theirs.Version), UserScope.System, Cancel);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            editor.SaveAsync(new(county, mine.Values with { WarnDays = 12 }, mine.Version), UserScope.System, Cancel));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            editor.SaveAsync(new(county, InspectionSettings.Defaults, null), UserScope.System, Cancel));

        Assert.Equal(8, first.Values.WarnDays);
        Assert.Equal(7, (await editor.GetAsync(county, UserScope.System, Cancel)).Values.WarnDays);
    }

    [Fact]
    public async Task Preview_CountsFailPassExcellentAndNearStale_UnderBoth_StoringNothing()
    {
        var (world, services, county) = await SeedAsync(fixture);
        await using var _s = services;
        var editor = Editor(services);

        var preview = await editor.PreviewAsync(county, InspectionSettings.Defaults with { PassScore = 90, WarnDays = 5 }, UserScope.System, Cancel);

        Assert.Equal(new InspectionSettingsEditor.Outcome(3, 1, 1, 1, 0), preview.Current);
        Assert.Equal(new InspectionSettingsEditor.Outcome(3, 2, 0, 1, 1), preview.Proposed);
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        Assert.Equal(0, await db.Inspections.CountAsync(Cancel));
        Assert.Equal(0, await db.InspectionSettings.CountAsync(Cancel));
    }

    [Fact]
    public async Task SaveAndPreview_ByAReviewer_AreRefused()
    {
        var (_, services, county) = await SeedAsync(fixture);
        await using var _s = services;
        var editor = Editor(services);
        var reviewer = new UserScope("reviewer", new HashSet<string> { Roles.Reviewer }, null, "/");

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => editor.SaveAsync(new(county, InspectionSettings.Defaults, null), reviewer, Cancel));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => editor.PreviewAsync(county, InspectionSettings.Defaults, reviewer, Cancel));
    }
}
