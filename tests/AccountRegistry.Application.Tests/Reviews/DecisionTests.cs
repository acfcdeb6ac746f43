using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class DecisionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<int> DecisionCountAsync(ReviewWorld world) =>
        await fixture.QueryAsync(db => db.ReviewDecisions.CountAsync(d => d.UnitId == world.County.Id || db.Units.Any(u => u.Id == d.UnitId && u.Path.StartsWith(world.County.Path)), Cancel));

    [Fact]
    public async Task Close_WritesTheDecisionWithWhoWhenWhyAndEvaluation_AnAuditLine_AndOpensTheClosureWorkflow()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d1");

        var outcome = await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Close, Reason = "停更半年以上" },
            world.Reviewer,
            Cancel);

        await using var db = world.Db();
        var decision = await db.ReviewDecisions.SingleAsync(d => d.Id == outcome.DecisionId, Cancel);
        Assert.Equal(DecisionKind.Close, decision.Kind);
        Assert.Equal(world.Reviewer.UserName, decision.DecidedBy);
        Assert.Equal(ReviewWorld.Now, decision.DecidedAt);
        Assert.Equal("停更半年以上", decision.Reason);
        Assert.Equal(world.Evaluation.Id, decision.EvaluationId);
        Assert.Equal(Recommendation.Close, decision.Recommended);
        Assert.Equal([RuleCode.BelowCountyLevel, RuleCode.Stale], decision.Rules);
        Assert.Equal(world.Street.Id, decision.UnitId);

        var audit = await db.AuditEntries.SingleAsync(e => e.EntityType == "account" && e.EntityId == world.StreetWechat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel);
        Assert.Equal("review.close", audit.Action);
        Assert.Equal(world.Reviewer.UserName, audit.Actor);
        Assert.Equal(world.Street.Id, audit.UnitId);
        Assert.Contains($"\"decision_id\": {decision.Id}", audit.Details, StringComparison.Ordinal);

        Assert.Equal([(decision.Id, DecisionKind.Close, world.StreetWechat.Id)], await world.ClosuresOpenedAsync());
        Assert.Equal(outcome.ClosureRequestId, await db.ClosureRequests.Where(r => r.ReviewDecisionId == decision.Id).Select(r => (long?)r.Id).SingleAsync(Cancel));
        var review = await db.AccountReviews.SingleAsync(r => r.AccountId == world.StreetWechat.Id, Cancel);
        Assert.Equal(decision.Id, review.StandingDecisionId);
        Assert.Equal(outcome.ReviewVersion, review.Version);
    }

    [Fact]
    public async Task DecidedAccount_LeavesThePendingQueue()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d2");
        await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.StreetWeibo.Id, Kind = DecisionKind.Merge }, world.Reviewer, Cancel);

        var pending = await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel);
        var decided = await world.Queue.HandleAsync(new ReviewQueue.Query { Filter = new() { State = ReviewQueue.State.Decided } }, world.Reviewer, Cancel);

        Assert.DoesNotContain(pending.Page.Items, r => r.AccountId == world.StreetWeibo.Id);
        Assert.Equal([world.StreetWeibo.Id], decided.Page.Items.Select(r => r.AccountId));
        Assert.Equal(DecisionKind.Merge, decided.Page.Items[0].StandingKind);
    }

    [Fact]
    public async Task Merge_TakesTheRulesHub_OrAnotherHubOfTheCounty_NeverOneOfAnotherCounty()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d3");

        var named = await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.CommunityWechat.Id, Kind = DecisionKind.Merge }, world.Reviewer, Cancel);
        var picked = await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWeibo.Id, Kind = DecisionKind.Merge, MergeTargetAccountId = world.HubWechat.Id }, world.Reviewer, Cancel);
        var foreign = await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Merge, MergeTargetAccountId = world.OtherHub.Id }, world.Reviewer, Cancel));
        var none = await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Merge }, world.Reviewer, Cancel));
        var notAHub = await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Merge, MergeTargetAccountId = world.Healthy.Id }, world.Reviewer, Cancel));

        await using var db = world.Db();
        Assert.Equal(world.HubWechat.Id, (await db.ReviewDecisions.SingleAsync(d => d.Id == named.DecisionId, Cancel)).MergeTargetAccountId);
        Assert.Equal(world.HubWechat.Id, (await db.ReviewDecisions.SingleAsync(d => d.Id == picked.DecisionId, Cancel)).MergeTargetAccountId);
        Assert.Equal(ReviewError.HubNotInCounty, foreign.Error);
        Assert.Equal(ReviewError.NoHub, none.Error);
        Assert.Equal(ReviewError.HubNotInCounty, notAHub.Error);
        Assert.False(await db.ReviewDecisions.AnyAsync(d => d.AccountId == world.StreetWechat.Id, Cancel));
    }

    [Fact]
    public async Task Retain_NeedsAReason_AndOtherNeedsWords()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d4");

        await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain }, world.Reviewer, Cancel));
        await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.Other, Reason = "  " }, world.Reviewer, Cancel));
        var kept = await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.Other, Reason = "统计法规定的公开渠道" }, world.Reviewer, Cancel);

        await using var db = world.Db();
        var decision = await db.ReviewDecisions.SingleAsync(d => d.AccountId == world.DepartmentWechat.Id, Cancel);
        Assert.Equal(kept.DecisionId, decision.Id);
        Assert.Equal(RetainReason.Other, decision.RetainReason);
        Assert.Equal("统计法规定的公开渠道", decision.Reason);
        Assert.Empty(await world.ClosuresOpenedAsync());
    }

    [Fact]
    public async Task DismissFlag_DismissesThatFlagOnly_WithItsHistoryRow()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d5");
        var flag = await fixture.QueryAsync(db => db.Flags.SingleAsync(f => f.AccountId == world.StreetWechat.Id && f.Rule == RuleCode.Stale, Cancel));

        var outcome = await world.Dismiss.HandleAsync(
            new DismissFlag.Command { AccountId = world.StreetWechat.Id, FlagId = flag.Id, Reason = "账号已恢复更新，数据延迟" }, world.Reviewer, Cancel);

        await using var db = world.Db();
        var dismissed = await db.Flags.SingleAsync(f => f.Id == flag.Id, Cancel);
        Assert.Equal(FlagStatus.Dismissed, dismissed.Status);
        Assert.Equal(world.Reviewer.UserName, dismissed.DismissedBy);
        Assert.Equal("账号已恢复更新，数据延迟", dismissed.DismissedReason);
        var decision = await db.ReviewDecisions.SingleAsync(d => d.Id == outcome.DecisionId, Cancel);
        Assert.Equal(DecisionKind.DismissFlag, decision.Kind);
        Assert.Equal(RuleCode.Stale, decision.DismissedRule);
        Assert.Equal(flag.Id, decision.FlagId);
        Assert.Equal("flag.dismissed", (await db.AuditEntries.SingleAsync(e => e.EntityId == world.StreetWechat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel)).Action);

        // BELOW_COUNTY_LEVEL is still open: the account still waits, now for that one rule.
        var row = (await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel)).Page.Items.Single(r => r.AccountId == world.StreetWechat.Id);
        Assert.Equal([RuleCode.BelowCountyLevel], row.Rules);
        Assert.Null(row.StandingKind);
    }

    [Fact]
    public async Task DismissingTheOnlyFlag_TakesTheAccountOutOfTheQueue_AndNeedsAReason()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d6");
        var flag = await fixture.QueryAsync(db => db.Flags.SingleAsync(f => f.AccountId == world.StreetWeibo.Id, Cancel));

        await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Dismiss.HandleAsync(
            new DismissFlag.Command { AccountId = world.StreetWeibo.Id, FlagId = flag.Id, Reason = " " }, world.Reviewer, Cancel));
        await world.Dismiss.HandleAsync(new DismissFlag.Command { AccountId = world.StreetWeibo.Id, FlagId = flag.Id, Reason = "街道依法设立的政务服务入口" }, world.Reviewer, Cancel);

        var queue = await world.Queue.HandleAsync(new ReviewQueue.Query { Filter = new() { State = ReviewQueue.State.All }, PageSize = 200 }, world.Reviewer, Cancel);
        Assert.DoesNotContain(queue.Page.Items, r => r.AccountId == world.StreetWeibo.Id);
    }

    [Fact]
    public async Task ClosedOrMergedDecision_CannotBeOverriddenFromTheQueue_WhileItsClosureIsUnderway()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d7");
        var first = await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel);

        var refused = await Assert.ThrowsAsync<ReviewRefusedException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.HighReach, ExpectedVersion = first.ReviewVersion },
            world.Reviewer,
            Cancel));

        Assert.Equal(ReviewError.ClosureUnderway, refused.Error);
        Assert.Equal(1, await fixture.QueryAsync(db => db.ReviewDecisions.CountAsync(d => d.AccountId == world.TownshipDouyin.Id, Cancel)));
    }

    [Fact]
    public async Task ReviewerOfAnotherCounty_SeesAndDecidesNothingHere()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d8");
        var outsider = world.OtherCountyReviewer;
        var flag = await fixture.QueryAsync(db => db.Flags.FirstAsync(f => f.AccountId == world.StreetWechat.Id, Cancel));

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => world.Case.GetAsync(world.StreetWechat.Id, outsider, Cancel));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Close }, outsider, Cancel));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => world.Dismiss.HandleAsync(
            new DismissFlag.Command { AccountId = world.StreetWechat.Id, FlagId = flag.Id, Reason = "x" }, outsider, Cancel));

        // Bulk: the ids of this county's accounts do not widen the outsider's selection; it holds nothing of ours.
        var bulk = await Assert.ThrowsAsync<BulkSelectionChangedException>(() => world.Bulk.HandleAsync(
            new BulkDecide.Command
            {
                Filter = new ReviewQueue.Filter(),
                AccountIds = [world.StreetWechat.Id, world.StreetWeibo.Id],
                Kind = DecisionKind.Close,
                ConfirmedCount = 2,
            },
            outsider,
            Cancel));
        var ownFilterOnly = await world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = new() { UnitId = world.Street.Id }, Kind = DecisionKind.Close, ConfirmedCount = 0 }, outsider, Cancel);

        Assert.Equal(0, bulk.Actual);
        Assert.Equal(0, ownFilterOnly.Decided);
        Assert.Equal(0, await DecisionCountAsync(world));
        Assert.Equal(FlagStatus.Open, (await fixture.QueryAsync(db => db.Flags.SingleAsync(f => f.Id == flag.Id, Cancel))).Status);
    }

    public static TheoryData<string> NonDeciders => ["clerk", "leader"];

    [Theory]
    [MemberData(nameof(NonDeciders))]
    public async Task ClerkAndLeader_CannotDecide_SingleDismissOrBulk(string who)
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d9" + who[0]);
        var scope = who == "clerk" ? world.StreetClerk : world.Leader;
        var flag = await fixture.QueryAsync(db => db.Flags.FirstAsync(f => f.AccountId == world.StreetWechat.Id, Cancel));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Close }, scope, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWeibo.Id, Kind = DecisionKind.Merge }, scope, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Dismiss.HandleAsync(
            new DismissFlag.Command { AccountId = world.StreetWechat.Id, FlagId = flag.Id, Reason = "不需要" }, scope, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = new(), Kind = DecisionKind.Close, ConfirmedCount = 5 }, scope, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Case.GetAsync(world.StreetWechat.Id, scope, Cancel));

        Assert.Equal(0, await DecisionCountAsync(world));
        Assert.Empty(await world.ClosuresOpenedAsync());
    }

    [Fact]
    public async Task Decisions_AreHistory_TheDatabaseRefusesToChangeOrDeleteThem()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "d10");
        var outcome = await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel);

        var update = await Assert.ThrowsAsync<PostgresException>(() => fixture.ScalarAsync($"UPDATE review_decisions SET reason = 'x' WHERE id = {outcome.DecisionId} RETURNING 1"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => fixture.ScalarAsync($"DELETE FROM review_decisions WHERE id = {outcome.DecisionId} RETURNING 1"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
    }
}
