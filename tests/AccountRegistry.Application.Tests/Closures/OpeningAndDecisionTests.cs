using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Closures;

public sealed class OpeningAndDecisionTests(ClosureFixture county) : IClassFixture<ClosureFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_ShowsTheRulesItBreaks_AndOnceApprovedEntersTheRegister()
    {
        var harness = county.Harness();
        var existing = await county.Build.AccountAsync(county.Wangyue, "望岳小红书", Platform.Other);

        var id = await harness.FileOpening.HandleAsync(
            new FileOpeningRequest.Command(county.Wangyue.Id, Platform.Other, "望岳生活号", "社区团购信息发布", Submit: true), county.ClerkWangyue, Ct);
        var submitted = await harness.Detail.GetAsync(id, county.Reviewer, Ct);
        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, "特殊需要，同意"), county.Reviewer, Ct);
        await harness.RecordOpening.HandleAsync(
            new RecordAccountOpening.Command(id, "xhs_wangyue", harness.Today, "刘洋", false), county.ClerkWangyue, Ct);

        Assert.True(submitted.BreaksBelowCountyLevel);
        Assert.True(submitted.BreaksOneAccountPerPlatform);
        Assert.Equal(existing.Name, submitted.ConflictingAccountName);
        Assert.Null(submitted.NoticeText);
        var opened = await county.QueryAsync(db => db.Accounts.SingleAsync(a => a.PlatformAccountId == "xhs_wangyue", Ct));
        Assert.Equal("望岳生活号", opened.Name);
        Assert.Equal(county.Wangyue.Id, opened.UnitId);
        Assert.Equal(AccountStatus.Active, opened.Status);
        var done = await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct);
        Assert.Equal(ClosureState.Completed, done.State);
        Assert.Equal(opened.Id, done.OpenedAccountId);
    }

    [Fact]
    public async Task Opening_ForAUnitOutsideTheClerksSubtree_IsNotFound()
    {
        var harness = county.Harness();

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.FileOpening.HandleAsync(
            new FileOpeningRequest.Command(county.Lianhua.Id, Platform.Wechat, "莲花新号", "x", Submit: false), county.ClerkWangyue, Ct));
    }

    [Fact]
    public async Task Opening_WithAPlatformIdAlreadyInTheRegister_IsRefused()
    {
        var harness = county.Harness();
        var taken = await county.Build.AccountAsync(county.Lianhua, "莲花快手", Platform.Kuaishou);
        var id = await harness.FileOpening.HandleAsync(
            new FileOpeningRequest.Command(county.Wangyue.Id, Platform.Kuaishou, "望岳快手", "短视频", Submit: true), county.ClerkWangyue, Ct);
        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, null), county.Reviewer, Ct);

        var error = await Assert.ThrowsAsync<ClosureException>(() => harness.RecordOpening.HandleAsync(
            new RecordAccountOpening.Command(id, taken.PlatformAccountId, harness.Today, "刘洋", false), county.ClerkWangyue, Ct));

        Assert.Equal(ClosureError.PlatformAccountIdTaken, error.Error);
    }

    [Fact]
    public async Task ReviewDecision_OpensADraftForTheClerk_WhichIsApprovedOnSubmission()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳决定测试", Platform.Douyin);
        ReviewDecisionClosures.Opened opened;
        await using (var db = county.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            opened = await ReviewDecisionClosures.OpenAsync(
                db,
                new ReviewDecisionClosures.Decision(501, account.Id, ClosureKind.Merge, county.DouyinHub.Id, ["BELOW_COUNTY_LEVEL", "STALE"], "基层账号并入区融媒"),
                county.Reviewer,
                harness.Clock.GetUtcNow(),
                ClosureDeadlines.Default,
                Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        var id = opened.Request.Id;
        Assert.True(opened.Created);
        Assert.Equal(["clerk.wangyue"], await county.QueryAsync(db => db.Notifications.Where(n => n.Link == $"closures/{id}").Select(n => n.Recipient).ToListAsync(Ct)));
        var draft = await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct);
        Assert.Equal([ClosureReason.Stale, ClosureReason.BelowCountyLevel], draft.Reasons);
        Assert.Equal(ClosureOrigin.ReviewDecision, draft.Origin);
        Assert.Contains(ClosureError.PlannedLastPostDayRequired, draft.MissingForSubmission);

        await harness.Revise.HandleAsync(
            new ReviseClosureRequest.Command(id, ClosureKind.Merge, draft.Reasons, draft.ReasonText, harness.Today.AddDays(3), county.DouyinHub.Id, null, Submit: true),
            county.ClerkWangyue,
            Ct);

        var approved = await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct);
        Assert.Equal(ClosureState.Approved, approved.State);
        Assert.Equal("reviewer", approved.Steps[^1].Actor);
        Assert.Contains("整合至「岳麓融媒」抖音号", approved.NoticeText, StringComparison.Ordinal);
        var again = await county.QueryAsync(db => ReviewDecisionClosures.OpenAsync(
            db, new ReviewDecisionClosures.Decision(502, account.Id, ClosureKind.Close, null, [], null), county.Reviewer, harness.Clock.GetUtcNow(), ClosureDeadlines.Default, Ct));
        Assert.False(again.Created);
        Assert.Equal(id, again.Request.Id);
        Assert.Equal(1, await county.QueryAsync(db => db.ClosureRequests.CountAsync(r => r.AccountId == account.Id, Ct)));
    }

    [Fact]
    public async Task ReviewDecision_ByAClerk_OrOutsideTheReviewersDistrict_IsRefused()
    {
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳越权决定", Platform.Toutiao);
        var otherDistrict = new UserScope("reviewer.other", new HashSet<string> { Infrastructure.Identity.Roles.Reviewer }, 999_999, "/999999/");

        var byClerk = await Assert.ThrowsAsync<ClosureException>(() => county.QueryAsync(db => ReviewDecisionClosures.OpenAsync(
            db, new ReviewDecisionClosures.Decision(1, account.Id, ClosureKind.Close, null, [], null), county.ClerkWangyue, DateTimeOffset.UtcNow, ClosureDeadlines.Default, Ct)));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => county.QueryAsync(db => ReviewDecisionClosures.OpenAsync(
            db, new ReviewDecisionClosures.Decision(1, account.Id, ClosureKind.Close, null, [], null), otherDistrict, DateTimeOffset.UtcNow, ClosureDeadlines.Default, Ct)));

        Assert.Equal(ClosureError.NotAllowedForRole, byClerk.Error);
    }
}
