using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Reviews;

/// <summary>A close or merge decision opens the owning unit's closure request and tells its clerk, through the closure workflow itself.</summary>
public sealed class ReviewClosureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> ClerkOfStreetAsync(ReviewWorld world)
    {
        await using var db = world.Db();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Clerk, Cancel);
        if (role is null)
        {
            role = new IdentityRole(Roles.Clerk) { NormalizedName = Roles.Clerk.ToUpperInvariant() };
            db.Roles.Add(role);
        }

        var name = $"clerk-{world.Prefix}";
        var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), UnitId = world.Street.Id, DisplayName = name };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync(Cancel);
        return name;
    }

    [Fact]
    public async Task MergeDecision_OpensTheUnitsClosureRequest_AndNotifiesItsClerk_InTheSameTransaction()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "r1");
        var clerk = await ClerkOfStreetAsync(world);
        var decide = world.Decide;

        var outcome = await decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWeibo.Id, Kind = DecisionKind.Merge, Reason = "街道账号并入区融媒体中心" }, world.Reviewer, Cancel);

        await using var db = world.Db();
        var request = await db.ClosureRequests.SingleAsync(r => r.AccountId == world.StreetWeibo.Id, Cancel);
        Assert.Equal(outcome.ClosureRequestId, request.Id);
        Assert.Equal(outcome.DecisionId, request.ReviewDecisionId);
        Assert.Equal(ClosureOrigin.ReviewDecision, request.Origin);
        Assert.Equal(ClosureKind.Merge, request.Kind);
        Assert.Equal(world.HubWeibo.Id, request.MergeTargetAccountId);
        Assert.Equal(world.Street.Id, request.UnitId);
        Assert.Contains(await db.Notifications.Where(n => n.Recipient == clerk).ToListAsync(Cancel), n => n.CreatedAt == ReviewWorld.Now);
    }

    [Fact]
    public async Task RetainDecision_OpensNoRequest_BulkCloseOpensOnePerAccount()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "r2");
        await ClerkOfStreetAsync(world);

        await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.LegalDuty }, world.Reviewer, Cancel);
        var bulk = await world.Bulk.HandleAsync(
            new BulkDecide.Command { Filter = new() { UnitId = world.Street.Id, Recommendation = Recommendation.Close }, Kind = DecisionKind.Close, ConfirmedCount = 1 },
            world.Reviewer,
            Cancel);

        await using var db = world.Db();
        Assert.False(await db.ClosureRequests.AnyAsync(r => r.AccountId == world.DepartmentWechat.Id, Cancel));
        var decision = await db.ReviewDecisions.SingleAsync(d => d.BatchId == bulk.BatchId, Cancel);
        var request = await db.ClosureRequests.SingleAsync(r => r.ReviewDecisionId == decision.Id, Cancel);
        Assert.Equal(world.StreetWechat.Id, request.AccountId);
        Assert.Equal(ClosureKind.Close, request.Kind);
    }

    [Fact]
    public async Task WithdrawnRequest_ReleasesTheCloseDecision_TheAccountWaitsForAReviewerAgain()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "r3");
        var clerk = await ClerkOfStreetAsync(world);
        var decide = world.Decide;
        var first = await decide.HandleAsync(new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Close }, world.Reviewer, Cancel);
        Assert.DoesNotContain(
            (await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel)).Page.Items, r => r.AccountId == world.StreetWechat.Id);

        await world.Get<AccountRegistry.Application.Closures.WithdrawClosureRequest.Handler>().HandleAsync(
            (int)first.ClosureRequestId!.Value, "街道决定保留该账号", world.Scope(clerk.Split('-')[0], Roles.Clerk, world.Street) with { UserName = clerk }, Cancel);

        var back = (await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel)).Page.Items.Single(r => r.AccountId == world.StreetWechat.Id);
        Assert.Equal(DecisionKind.Close, back.StandingKind);
        var seen = await world.Case.GetAsync(world.StreetWechat.Id, world.Reviewer, Cancel);
        Assert.True(seen.CanDecide);
        var retained = await decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.StreetWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.CarriesService, ExpectedVersion = seen.ReviewVersion },
            world.Reviewer,
            Cancel);
        Assert.Null(retained.ClosureRequestId);
        Assert.Equal(DecisionKind.Retain, await fixture.QueryAsync(db => db.AccountReviews.Where(r => r.AccountId == world.StreetWechat.Id).Select(r => r.StandingKind!.Value).SingleAsync(Cancel)));
    }
}
