using AccountRegistry.Application.Common;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Tests.Dashboard;

/// <summary>
/// A constructed county: campaign from 2026-03-01. Street A has 3 accounts (one closed 2026-04-10, one merged into
/// the hub 2026-05-20), township B has 2 (one closed 2026-05-02), the county has the hub and one department account
/// opened 2026-06-01 (after the campaign start).
/// </summary>
public sealed class DashboardCountyFixture : DatabaseFixture
{
    public Unit County { get; private set; } = null!;

    public Unit StreetA { get; private set; } = null!;

    public Unit TownshipB { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var build = new CountyBuilder(this, "dash");
        County = await build.UnitAsync("示范县", UnitLevel.County);
        var department = await build.UnitAsync("示范县教育局", UnitLevel.Department, County);
        StreetA = await build.UnitAsync("甲街道", UnitLevel.Street, County);
        var community = await build.UnitAsync("甲社区", UnitLevel.Community, StreetA);
        TownshipB = await build.UnitAsync("乙镇", UnitLevel.Township, County);

        var hub = await build.AccountAsync(County, "示范发布", isHub: true, openedOn: new DateOnly(2015, 1, 1));
        await build.AccountAsync(department, "示范教育", Platform.Weibo, openedOn: new DateOnly(2026, 6, 1));
        await build.AccountAsync(StreetA, "甲街道发布", openedOn: new DateOnly(2019, 1, 1));
        var closedA = await build.AccountAsync(community, "甲社区之家", openedOn: new DateOnly(2020, 1, 1));
        var mergedA = await build.AccountAsync(StreetA, "甲街道抖音", Platform.Douyin, openedOn: new DateOnly(2021, 1, 1));
        await build.AccountAsync(TownshipB, "乙镇发布", openedOn: new DateOnly(2018, 1, 1));
        var closedB = await build.AccountAsync(TownshipB, "乙镇微博", Platform.Weibo, openedOn: new DateOnly(2018, 6, 1));

        await using var db = CreateContext();
        var hubEntity = await db.Accounts.FindAsync(hub.Id);
        foreach (var (id, change) in new (int, Func<Account, AccountStatusChange>)[]
        {
            (closedA.Id, a => a.Close(new DateOnly(2026, 4, 10), "test", "t", DateTimeOffset.UtcNow)),
            (mergedA.Id, a => a.MergeInto(hubEntity!, new DateOnly(2026, 5, 20), "test", "t", DateTimeOffset.UtcNow)),
            (closedB.Id, a => a.Close(new DateOnly(2026, 5, 2), "test", "t", DateTimeOffset.UtcNow)),
        })
        {
            var account = await db.Accounts.FindAsync(id);
            db.AccountStatusChanges.Add(change(account!));
        }

        await db.SaveChangesAsync();
    }
}

public sealed class DashboardFiguresTests(DashboardCountyFixture fixture) : IClassFixture<DashboardCountyFixture>
{
    private DashboardFigures.Handler Figures => new(
        new TestContextFactory(fixture.ConnectionString),
        Options.Create(new DashboardOptions { CampaignStart = new DateOnly(2026, 3, 1) }));

    private UserScope Leader => new("leader", new HashSet<string> { Roles.Leader }, fixture.County.Id, fixture.County.Path);

    [Fact]
    public async Task Summary_Today_MatchesHandCountedFigures()
    {
        var summary = await Figures.SummaryAsync(new DateOnly(2026, 11, 23), Leader, TestContext.Current.CancellationToken);

        Assert.Equal(new DashboardFigures.Tiles(Total: 7, Active: 4, Closed: 2, Merged: 1, BeforeCampaign: 6), summary.Tiles);
        Assert.Equal(
            [new("county", 1, 0, 0), new("department", 1, 0, 0), new("community", 0, 1, 0), new("street", 1, 0, 1), new("township", 1, 1, 0)],
            summary.ByLevel.OrderBy(s => s.Key == "county" ? 0 : s.Key == "department" ? 1 : 2).ThenBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal([new("douyin", 0, 0, 1), new("wechat", 3, 1, 0), new("weibo", 1, 1, 0)], summary.ByPlatform);
        Assert.Equal(9, summary.Trend.Count);
        Assert.Equal(new DashboardFigures.MonthlyChanges(new DateOnly(2026, 4, 1), 1, 0), summary.Trend[1]);
        Assert.Equal(new DashboardFigures.MonthlyChanges(new DateOnly(2026, 5, 1), 1, 1), summary.Trend[2]);
        Assert.Equal(3, summary.Trend.Sum(m => m.Closed + m.Merged));
    }

    [Fact]
    public async Task Summary_AsOfAPastDay_UsesTheStatusHistoryOfThatDay()
    {
        var april = await Figures.SummaryAsync(new DateOnly(2026, 4, 30), Leader, TestContext.Current.CancellationToken);
        var beforeAll = await Figures.SummaryAsync(new DateOnly(2026, 4, 9), Leader, TestContext.Current.CancellationToken);

        // The department account opened 2026-06-01 did not exist yet; only the street's community account was closed.
        Assert.Equal(new DashboardFigures.Tiles(Total: 6, Active: 5, Closed: 1, Merged: 0, BeforeCampaign: 6), april.Tiles);
        Assert.Equal(new DashboardFigures.Tiles(Total: 6, Active: 6, Closed: 0, Merged: 0, BeforeCampaign: 6), beforeAll.Tiles);
        Assert.Equal(2, april.Trend.Count);
    }

    [Fact]
    public async Task Townships_CountTheirWholeSubtree_AsOfTheDay()
    {
        var today = await Figures.TownshipsAsync(new DateOnly(2026, 11, 23), Leader, TestContext.Current.CancellationToken);
        var may1 = await Figures.TownshipsAsync(new DateOnly(2026, 5, 1), Leader, TestContext.Current.CancellationToken);

        var a = today.Single(t => t.UnitName == "甲街道");
        var b = today.Single(t => t.UnitName == "乙镇");
        Assert.Equal((3, 3, 1, 1, 1), (a.BeforeCampaign, a.Total, a.Active, a.Closed, a.Merged));
        Assert.Equal((2, 2, 1, 1, 0), (b.BeforeCampaign, b.Total, b.Active, b.Closed, b.Merged));
        Assert.Equal(2, today.Count);
        Assert.Equal(0, may1.Single(t => t.UnitName == "乙镇").Closed);
        Assert.Equal(1, may1.Single(t => t.UnitName == "甲街道").Closed);
    }

    [Fact]
    public async Task Clerk_SeesOnlyTheirOwnTownshipsFigures()
    {
        var clerk = new UserScope("clerk", new HashSet<string> { Roles.Clerk }, fixture.TownshipB.Id, fixture.TownshipB.Path);

        var summary = await Figures.SummaryAsync(new DateOnly(2026, 11, 23), clerk, TestContext.Current.CancellationToken);
        var townships = await Figures.TownshipsAsync(new DateOnly(2026, 11, 23), clerk, TestContext.Current.CancellationToken);

        Assert.Equal(2, summary.Tiles.Total);
        Assert.Equal(["乙镇"], townships.Select(t => t.UnitName));
    }
}
