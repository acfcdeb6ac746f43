using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Reviews;

/// <summary>Two reviewers deciding the same account at once: the second learns what the first decided; nothing is overwritten.</summary>
public sealed class ConcurrentDecisionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecondReviewer_OnTheVersionBothSaw_GetsAConflictShowingTheFirstDecision()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "c1");

        // Both open the page: neither has seen a decision (no review version yet).
        var seenByFirst = await world.Case.GetAsync(world.CommunityWechat.Id, world.Reviewer, Cancel);
        var seenBySecond = await world.Case.GetAsync(world.CommunityWechat.Id, world.SecondReviewer, Cancel);
        Assert.Null(seenByFirst.ReviewVersion);

        await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.CommunityWechat.Id, Kind = DecisionKind.Merge, ExpectedVersion = seenByFirst.ReviewVersion },
            world.Reviewer,
            Cancel);
        var conflict = await Assert.ThrowsAsync<ReviewConflictException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.CommunityWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.HighReach, ExpectedVersion = seenBySecond.ReviewVersion },
            world.SecondReviewer,
            Cancel));

        Assert.NotNull(conflict.Latest);
        Assert.Equal(DecisionKind.Merge, conflict.Latest.Kind);
        Assert.Equal(world.Reviewer.UserName, conflict.Latest.DecidedBy);
        Assert.Equal("指尖岳麓", conflict.Latest.MergeTargetName);
        var decisions = await fixture.QueryAsync(db => db.ReviewDecisions.Where(d => d.AccountId == world.CommunityWechat.Id).ToListAsync(Cancel));
        Assert.Equal([DecisionKind.Merge], decisions.Select(d => d.Kind));
    }

    [Fact]
    public async Task ADismissalMeanwhile_AlsoConflicts_SoTheSecondDecidesOnWhatTheySaw()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "c2");
        var seen = await world.Case.GetAsync(world.StreetWechat.Id, world.SecondReviewer, Cancel);
        var stale = seen.OpenFlags.Single(f => f.Rule == RuleCode.Stale);

        await world.Dismiss.HandleAsync(new DismissFlag.Command { AccountId = world.StreetWechat.Id, FlagId = stale.Id, Reason = "已恢复更新" }, world.Reviewer, Cancel);
        var conflict = await Assert.ThrowsAsync<ReviewConflictException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Close, ExpectedVersion = seen.ReviewVersion },
            world.SecondReviewer,
            Cancel));

        Assert.Equal(DecisionKind.DismissFlag, conflict.Latest!.Kind);
        Assert.Equal(RuleCode.Stale, conflict.Latest.DismissedRule);
    }

    [Fact]
    public async Task TwoDecisionsAtTheSameMoment_ExactlyOneLands_TheOtherConflicts()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "c3");

        var results = await Task.WhenAll(
            Attempt(() => world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel)),
            Attempt(() => world.Decide.HandleAsync(
                new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.CarriesService },
                world.SecondReviewer,
                Cancel)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ReviewConflictException);
        Assert.Equal(1, await fixture.QueryAsync(db => db.ReviewDecisions.CountAsync(d => d.AccountId == world.TownshipDouyin.Id, Cancel)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == world.TownshipDouyin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel)));
    }

    [Fact]
    public async Task TwoDbContexts_SavingTheSameReviewVersion_TheSecondSaveFails()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "c4");
        var first = await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.LegalDuty }, world.Reviewer, Cancel);

        await using var one = world.Db();
        await using var two = world.Db();
        var a = await one.AccountReviews.SingleAsync(r => r.AccountId == world.DepartmentWechat.Id, Cancel);
        var b = await two.AccountReviews.SingleAsync(r => r.AccountId == world.DepartmentWechat.Id, Cancel);
        Assert.Equal(first.ReviewVersion, a.Version);
        a.ReturnToQueue();
        b.ReturnToQueue();

        await one.SaveChangesAsync(Cancel);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task Bulk_AfterASingleDecisionOnOneOfItsAccounts_ReportsTheNewCount_AndDecidesNothing()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "c5");
        var filter = new ReviewQueue.Filter { Recommendation = Recommendation.Close };
        var confirmed = (await world.Queue.CountAsync(filter, world.Reviewer, Cancel)).Of(filter.Recommendation);
        Assert.Equal(3, confirmed);

        await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.SecondReviewer, Cancel);
        var changed = await Assert.ThrowsAsync<BulkSelectionChangedException>(() => world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = filter, Kind = DecisionKind.Close, ConfirmedCount = confirmed }, world.Reviewer, Cancel));

        Assert.Equal(3, changed.Confirmed);
        Assert.Equal(2, changed.Actual);
        Assert.Equal(1, await fixture.QueryAsync(db => db.ReviewDecisions.CountAsync(d => d.DecidedBy.EndsWith("-c5"), Cancel)));
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex) when (ex is ReviewConflictException)
        {
            return ex;
        }
    }
}
