using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class BulkDecisionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_DecidesEveryAccountOfTheFilter_AsOneBatch_WithHistoryForEach()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "b1");
        var filter = new ReviewQueue.Filter { Recommendation = Recommendation.Close };

        var outcome = await world.Bulk.HandleAsync(new BulkDecide.Command { Filter = filter, Kind = DecisionKind.Close, Reason = "集中清理", ConfirmedCount = 3 }, world.Reviewer, Cancel);

        await using var db = world.Db();
        var decisions = await db.ReviewDecisions.Where(d => d.BatchId == outcome.BatchId).ToListAsync(Cancel);
        Assert.Equal(3, outcome.Decided);
        Assert.Equal([world.StreetWechat.Id, world.TownshipDouyin.Id, world.DepartmentWechat.Id], decisions.Select(d => d.AccountId).Order());
        Assert.All(decisions, d => Assert.Equal(world.Evaluation.Id, d.EvaluationId));
        Assert.All(decisions, d => Assert.Equal("集中清理", d.Reason));
        Assert.Equal(
            decisions.Select(d => (d.Id, DecisionKind.Close, d.AccountId)).OrderBy(d => d.Id),
            (await world.ClosuresOpenedAsync()).OrderBy(d => d.DecisionId));
        var accountIds = decisions.Select(d => d.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "review.close" && accountIds.Contains(e.EntityId!), Cancel));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "review.bulk" && e.EntityId == outcome.BatchId.ToString(), Cancel));
        var left = await world.Queue.HandleAsync(new ReviewQueue.Query(), world.Reviewer, Cancel);
        Assert.Equal(new ReviewQueue.Counts(0, 2, 0), left.Counts);
    }

    [Fact]
    public async Task Bulk_TickedRows_NarrowTheFilter_ButNeverAddToIt()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "b2");
        var streetOnly = new ReviewQueue.Filter { UnitId = world.Street.Id };

        // The township's account and another county's account are ticked too (a forged request): they are not in the filter.
        var outcome = await world.Bulk.HandleAsync(
            new BulkDecide.Command
            {
                Filter = streetOnly,
                AccountIds = [world.StreetWeibo.Id, world.TownshipDouyin.Id, world.OtherCountyWechat.Id],
                Kind = DecisionKind.Merge,
                ConfirmedCount = 1,
            },
            world.Reviewer,
            Cancel);

        await using var db = world.Db();
        var decided = await db.ReviewDecisions.Where(d => d.BatchId == outcome.BatchId).SingleAsync(Cancel);
        Assert.Equal(world.StreetWeibo.Id, decided.AccountId);
        Assert.Equal(world.HubWeibo.Id, decided.MergeTargetAccountId);
        Assert.False(await db.ReviewDecisions.AnyAsync(d => d.AccountId == world.TownshipDouyin.Id || d.AccountId == world.OtherCountyWechat.Id, Cancel));
    }

    [Fact]
    public async Task BulkMerge_WithoutAHubForSomeAccounts_RefusesTheWholeBatch_NamingThem()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "b3");

        // Street accounts: 望岳优生活 (close; no hub named), 望岳发布 (merge into 岳麓发布), 望岳社区之家 (merge into 指尖岳麓).
        var refused = await Assert.ThrowsAsync<MergeTargetMissingException>(() => world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = new() { UnitId = world.Street.Id }, Kind = DecisionKind.Merge, ConfirmedCount = 3 }, world.Reviewer, Cancel));
        var picked = await world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = new() { UnitId = world.Street.Id }, Kind = DecisionKind.Merge, MergeTargetAccountId = world.HubWechat.Id, ConfirmedCount = 3 },
            world.Reviewer,
            Cancel);

        Assert.Equal(["望岳优生活"], refused.Accounts);
        var targets = await fixture.QueryAsync(db => db.ReviewDecisions.Where(d => d.BatchId == picked.BatchId).Select(d => d.MergeTargetAccountId).ToListAsync(Cancel));
        Assert.Equal(3, targets.Count);
        Assert.All(targets, t => Assert.Equal(world.HubWechat.Id, t));
    }

    [Fact]
    public async Task Bulk_SkipsAccountsAlreadyDecided_EvenWhenTheFilterAsksForThem()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "b4");
        await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel);

        var outcome = await world.Bulk.HandleAsync(
            new BulkDecide.Command
            {
                Filter = new() { State = ReviewQueue.State.All, Level = UnitLevel.Township },
                Kind = DecisionKind.Retain,
                RetainReason = RetainReason.HighReach,
                ConfirmedCount = 0,
            },
            world.Reviewer,
            Cancel);

        Assert.Equal(0, outcome.Decided);
        Assert.Equal([DecisionKind.Close], await fixture.QueryAsync(db => db.ReviewDecisions.Where(d => d.AccountId == world.TownshipDouyin.Id).Select(d => d.Kind).ToListAsync(Cancel)));
    }
}
