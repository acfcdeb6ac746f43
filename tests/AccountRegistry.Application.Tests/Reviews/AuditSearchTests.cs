using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class AuditSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A close in 岳麓区 (which also opens the township's closure request: two entries), a retain in 望城区, a settings change without a unit.</summary>
    private async Task<ReviewWorld> WorldWithHistoryAsync(string prefix)
    {
        var world = await ReviewWorld.CreateAsync(fixture, prefix);
        await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel);
        await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.OtherCountyWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.HighReach }, world.OtherCountyReviewer, Cancel);
        await using var db = world.Db();
        AuditLog.Append(db, ReviewWorld.Now, $"admin-{prefix}", "settings.changed", "rule_settings", "1", null, "阈值调整");
        await db.SaveChangesAsync(Cancel);
        return world;
    }

    [Fact]
    public async Task Reviewer_SeesTheirDistrictsEntries_NotAnotherDistricts_NorEntriesWithoutUnit()
    {
        var world = await WorldWithHistoryAsync("a1");

        var mine = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a1" }, world.Reviewer, Cancel);
        var admin = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a1" }, world.Admin, Cancel);

        Assert.Equal(["closure.created", "review.close"], mine.Items.Select(r => r.Action).Order(StringComparer.Ordinal));
        Assert.All(mine.Items, r => Assert.Equal("莲花镇人民政府", r.UnitName));
        Assert.Equal(["closure.created", "review.close", "review.retain", "settings.changed"], admin.Items.Select(r => r.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_ByActorActionEntityAndDay()
    {
        var world = await WorldWithHistoryAsync("a2");
        var id = world.TownshipDouyin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var byActor = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = world.OtherCountyReviewer.UserName }, world.Admin, Cancel);
        var byAction = await world.Audit.HandleAsync(new AuditSearch.Query { Action = "review.", Actor = "-a2" }, world.Admin, Cancel);
        var byEntity = await world.Audit.HandleAsync(new AuditSearch.Query { EntityType = "account", EntityId = id }, world.Admin, Cancel);
        var onTheDay = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a2", From = new DateOnly(2026, 11, 23), To = new DateOnly(2026, 11, 23) }, world.Admin, Cancel);
        var dayBefore = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a2", To = new DateOnly(2026, 11, 22) }, world.Admin, Cancel);

        Assert.Equal(["review.retain"], byActor.Items.Select(r => r.Action));
        Assert.Equal(2, byAction.TotalCount);
        Assert.Equal(["review.close"], byEntity.Items.Select(r => r.Action));
        Assert.Equal(4, onTheDay.TotalCount);
        Assert.Equal(0, dayBefore.TotalCount);
    }

    [Fact]
    public async Task ClerkAndLeader_CannotReadTheHistory()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "a3");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Audit.HandleAsync(new AuditSearch.Query(), world.StreetClerk, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Audit.HandleAsync(new AuditSearch.Query(), world.Leader, Cancel));
    }

    [Fact]
    public async Task Paging_IsNewestFirst_AndStable()
    {
        var world = await WorldWithHistoryAsync("a4");

        var first = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a4", PageSize = 2 }, world.Admin, Cancel);
        var second = await world.Audit.HandleAsync(new AuditSearch.Query { Actor = "-a4", PageSize = 2, Page = 2 }, world.Admin, Cancel);

        Assert.Equal(4, first.TotalCount);
        var ids = first.Items.Concat(second.Items).Select(r => r.Id).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(4, ids.Distinct().Count());
    }
}
