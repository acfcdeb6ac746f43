using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Closures;

public sealed class ClosureWorkflowTests(ClosureFixture county) : IClassFixture<ClosureFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullClose_ThroughTheHandlers_ClosesTheAccountAndRecordsEveryStep()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳抖音", Platform.Douyin);

        var id = await harness.DeregisteredAsync(account, county);
        await harness.Complete.HandleAsync(id, county.Reviewer, Ct);

        var stored = await county.QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == account.Id, Ct));
        Assert.Equal(AccountStatus.Closed, stored.Status);
        Assert.Equal(harness.Today, stored.StatusChangedOn);
        var changes = await county.QueryAsync(db => db.AccountStatusChanges.Where(c => c.AccountId == account.Id).ToListAsync(Ct));
        Assert.Equal(AccountStatus.Closed, Assert.Single(changes).Status);
        var detail = await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct);
        Assert.Equal(ClosureState.Completed, detail.State);
        Assert.Equal(
            [ClosureState.Draft, ClosureState.Submitted, ClosureState.Approved, ClosureState.NoticePosted, ClosureState.Deregistered, ClosureState.Completed],
            detail.Steps.Select(s => s.ToState));
        Assert.Equal(["clerk.wangyue", "clerk.wangyue", "reviewer", "clerk.wangyue", "clerk.wangyue", "reviewer"], detail.Steps.Select(s => s.Actor));
        Assert.Contains("望岳抖音", detail.NoticeText, StringComparison.Ordinal);
        Assert.Empty(detail.AllowedActions);
    }

    [Fact]
    public async Task EveryStep_WritesItsAuditRow_InTheSameCommit()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳审计号", Platform.Weibo);

        var id = await harness.DeregisteredAsync(account, county);
        await harness.Complete.HandleAsync(id, county.Reviewer, Ct);

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = await county.QueryAsync(db => db.AuditEntries
            .Where(e => e.EntityType == ClosureWorkflow.EntityType && e.EntityId == key)
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(
            ["closure.created", "closure.submitted", "closure.approved", "closure.notice_posted", "closure.attachment_added", "closure.deregistered", "closure.completed"],
            actions);
        var accountKey = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "account.closed" && e.EntityId == accountKey, Ct)));
    }

    [Fact]
    public async Task Clerk_CannotFileFor_See_OrMoveAnotherUnitsRequest()
    {
        var harness = county.Harness();
        var lianhuaAccount = await county.Build.AccountAsync(county.Lianhua, "莲花发布", Platform.Weibo);
        var theirs = await harness.File.HandleAsync(harness.CloseCommand(lianhuaAccount), county.ClerkLianhua, Ct);

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.File.HandleAsync(harness.CloseCommand(lianhuaAccount, submit: false), county.ClerkWangyue, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.Detail.GetAsync(theirs, county.ClerkWangyue, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.Withdraw.HandleAsync(theirs, null, county.ClerkWangyue, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.EditNotice.HandleAsync(theirs, "x", county.ClerkWangyue, Ct));
        var list = await harness.List.HandleAsync(new ClosureRequestList.Query { PageSize = 200 }, county.ClerkWangyue, Ct);
        Assert.DoesNotContain(list.Items, r => r.Id == theirs);
        var reviewerList = await harness.List.HandleAsync(new ClosureRequestList.Query { PageSize = 200 }, county.Reviewer, Ct);
        Assert.Contains(reviewerList.Items, r => r.Id == theirs);
    }

    [Fact]
    public async Task CommunityAccount_IsInTheStreetClerksSubtree()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.WangyueCommunity, "望岳社区之家");

        var id = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);

        Assert.Equal(county.WangyueCommunity.Name, (await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct)).UnitName);
    }

    [Fact]
    public async Task IllegalSteps_PostedDirectly_AreRefusedByTheServer()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳越权测试", Platform.Toutiao);
        var id = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);

        var clerkApproves = await Assert.ThrowsAsync<ClosureException>(() =>
            harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, null), county.ClerkWangyue, Ct));
        var leaderRejects = await Assert.ThrowsAsync<ClosureException>(() =>
            harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Reject, "no"), county.Leader, Ct));
        var reviewerCompletesTooEarly = await Assert.ThrowsAsync<ClosureException>(() => harness.Complete.HandleAsync(id, county.Reviewer, Ct));
        var clerkPostsBeforeApproval = await Assert.ThrowsAsync<ClosureException>(() =>
            harness.PostNotice.HandleAsync(new PostClosingNotice.Command(id, harness.Today, "https://mp.weixin.qq.com/s/x"), county.ClerkWangyue, Ct));
        var leaderFiles = await Assert.ThrowsAsync<ClosureException>(() => harness.File.HandleAsync(harness.CloseCommand(account), county.Leader, Ct));

        Assert.Equal(ClosureError.NotAllowedForRole, clerkApproves.Error);
        Assert.Equal(ClosureError.NotAllowedForRole, leaderRejects.Error);
        Assert.Equal(ClosureError.IllegalTransition, reviewerCompletesTooEarly.Error);
        Assert.Equal(ClosureError.IllegalTransition, clerkPostsBeforeApproval.Error);
        Assert.Equal(ClosureError.NotAllowedForRole, leaderFiles.Error);
        Assert.Equal(ClosureState.Submitted, (await harness.Detail.GetAsync(id, county.Leader, Ct)).State);
        Assert.Empty((await harness.Detail.GetAsync(id, county.Leader, Ct)).AllowedActions);
    }

    [Fact]
    public async Task RejectedRequest_IsRevisedAndResubmitted_AndTheClerkIsToldWhy()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳驳回测试", Platform.Kuaishou);
        var id = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);

        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Reject, "请说明服务去向"), county.Reviewer, Ct);
        var notices = await county.QueryAsync(db => db.Notifications.Where(n => n.Link == $"closures/{id}" && n.Recipient == "clerk.wangyue").ToListAsync(Ct));
        await harness.Revise.HandleAsync(
            new ReviseClosureRequest.Command(id, ClosureKind.Merge, [ClosureReason.Stale, ClosureReason.BelowCountyLevel], null, harness.Today.AddDays(5), county.WechatHub.Id, null, Submit: true),
            county.ClerkWangyue,
            Ct);

        var rejected = Assert.Single(notices);
        Assert.Equal("closure.rejected", rejected.Kind);
        Assert.Equal("请说明服务去向", rejected.Note);
        var detail = await harness.Detail.GetAsync(id, county.Reviewer, Ct);
        Assert.Equal(ClosureState.Submitted, detail.State);
        Assert.Equal(ClosureKind.Merge, detail.Kind);
        Assert.Equal("指尖岳麓", detail.MergeTargetName);
        Assert.Equal([ClosureAction.Approve, ClosureAction.Reject], detail.AllowedActions.Order());
    }

    [Fact]
    public async Task Merge_IntoAHubOfAnotherCountyOrANonHub_IsRefused()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳整合测试", Platform.Douyin);
        var notAHub = await county.Build.AccountAsync(county.Lianhua, "莲花普通号", Platform.Douyin);

        var error = await Assert.ThrowsAsync<ClosureException>(() => harness.File.HandleAsync(
            new FileClosureRequest.Command(account.Id, ClosureKind.Merge, [ClosureReason.Stale], null, harness.Today, notAHub.Id, null, true), county.ClerkWangyue, Ct));

        Assert.Equal(ClosureError.MergeTargetNotLiveHub, error.Error);
    }

    [Fact]
    public async Task SecondOpenRequestForTheSameAccount_IsRefused_ButAfterWithdrawalAllowed()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳重复申请", Platform.Bilibili);
        var first = await harness.File.HandleAsync(harness.CloseCommand(account, submit: false), county.ClerkWangyue, Ct);

        var error = await Assert.ThrowsAsync<ClosureException>(() => harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct));
        await harness.Withdraw.HandleAsync(first, "重新填写", county.ClerkWangyue, Ct);
        var second = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);

        Assert.Equal(ClosureError.OpenRequestExists, error.Error);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ServiceAccount_NeedsATakeover_AndTheNoticeSaysWhereItMoved()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳服务号", Platform.Wechat, providesServices: true);

        var missing = await Assert.ThrowsAsync<ClosureException>(() => harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct));
        var id = await harness.File.HandleAsync(harness.CloseCommand(account, serviceTakeover: "「指尖岳麓」“办事服务”栏目"), county.ClerkWangyue, Ct);

        Assert.Equal(ClosureError.ServiceTakeoverRequired, missing.Error);
        var notice = (await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct)).NoticeText;
        Assert.Contains("今后相关信息请关注「指尖岳麓」微信公众号", notice, StringComparison.Ordinal);
        Assert.Contains("已迁移至「指尖岳麓」“办事服务”栏目", notice, StringComparison.Ordinal);
        Assert.Contains("2026年11月30日", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedNotice_IsKeptAndPublished()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳公告测试", Platform.Weibo);
        var id = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);
        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, null), county.Reviewer, Ct);

        await harness.EditNotice.HandleAsync(id, "本微博即日起停止更新。", county.ClerkWangyue, Ct);
        var edited = await harness.Detail.GetAsync(id, county.ClerkWangyue, Ct);
        await harness.PostNotice.HandleAsync(new PostClosingNotice.Command(id, harness.Today, "https://weibo.com/notice"), county.ClerkWangyue, Ct);

        var detail = await harness.Detail.GetAsync(id, county.Reviewer, Ct);
        Assert.True(edited.NoticeEdited);
        Assert.Equal("本微博即日起停止更新。", detail.NoticeText);

        // Once posted, the stored text is simply what was published.
        Assert.False(detail.NoticeEdited);
        Assert.Equal("https://weibo.com/notice", detail.NoticeUrl);
        Assert.Equal(ClosureState.NoticePosted, detail.State);
    }

    [Fact]
    public async Task Deregistration_WithoutProof_IsRefused()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳无证明", Platform.Weibo);
        var id = await harness.File.HandleAsync(harness.CloseCommand(account), county.ClerkWangyue, Ct);
        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, null), county.Reviewer, Ct);
        await harness.PostNotice.HandleAsync(new PostClosingNotice.Command(id, harness.Today, "https://weibo.com/n"), county.ClerkWangyue, Ct);

        var error = await Assert.ThrowsAsync<ClosureException>(() =>
            harness.Deregister.HandleAsync(new RecordDeregistration.Command(id, harness.Today, null), county.ClerkWangyue, Ct));

        Assert.Equal(ClosureError.ProofRequired, error.Error);
    }
}
