using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using static AccountRegistry.Domain.Tests.Closures.ClosureScenario;

namespace AccountRegistry.Domain.Tests.Closures;

/// <summary>
/// The closure workflow's moves, allowed and refused. Over 300 lines: the cases are read best side by side, against the
/// diagram in ClosureRequest.
/// </summary>
public sealed class ClosureTransitionTests
{
    public enum Who
    {
        Clerk,
        Reviewer,
        Leader,
    }

    private static readonly ClosureKind[] All = [ClosureKind.Close, ClosureKind.Merge, ClosureKind.Open];
    private static readonly ClosureKind[] Ending = [ClosureKind.Close, ClosureKind.Merge];
    private static readonly ClosureKind[] OpenOnly = [ClosureKind.Open];

    /// <summary>The workflow as the issue states it, written out independently of the domain's own table.</summary>
    private static readonly (ClosureState From, ClosureAction Action, Who Who, ClosureState To, ClosureKind[] Kinds)[] Legal =
    [
        (ClosureState.Draft, ClosureAction.Revise, Who.Clerk, ClosureState.Draft, All),
        (ClosureState.Draft, ClosureAction.Submit, Who.Clerk, ClosureState.Submitted, All),
        (ClosureState.Draft, ClosureAction.Withdraw, Who.Clerk, ClosureState.Withdrawn, All),
        (ClosureState.Draft, ClosureAction.EditNotice, Who.Clerk, ClosureState.Draft, Ending),
        (ClosureState.Draft, ClosureAction.Attach, Who.Clerk, ClosureState.Draft, All),
        (ClosureState.Submitted, ClosureAction.Approve, Who.Reviewer, ClosureState.Approved, All),
        (ClosureState.Submitted, ClosureAction.Reject, Who.Reviewer, ClosureState.Rejected, All),
        (ClosureState.Submitted, ClosureAction.EditNotice, Who.Clerk, ClosureState.Submitted, Ending),
        (ClosureState.Submitted, ClosureAction.Attach, Who.Clerk, ClosureState.Submitted, All),
        (ClosureState.Rejected, ClosureAction.Revise, Who.Clerk, ClosureState.Rejected, All),
        (ClosureState.Rejected, ClosureAction.Submit, Who.Clerk, ClosureState.Submitted, All),
        (ClosureState.Rejected, ClosureAction.Withdraw, Who.Clerk, ClosureState.Withdrawn, All),
        (ClosureState.Rejected, ClosureAction.EditNotice, Who.Clerk, ClosureState.Rejected, Ending),
        (ClosureState.Rejected, ClosureAction.Attach, Who.Clerk, ClosureState.Rejected, All),
        (ClosureState.Approved, ClosureAction.PostNotice, Who.Clerk, ClosureState.NoticePosted, Ending),
        (ClosureState.Approved, ClosureAction.EditNotice, Who.Clerk, ClosureState.Approved, Ending),
        (ClosureState.Approved, ClosureAction.Attach, Who.Clerk, ClosureState.Approved, All),
        (ClosureState.Approved, ClosureAction.RecordOpening, Who.Clerk, ClosureState.Completed, OpenOnly),
        (ClosureState.NoticePosted, ClosureAction.RecordDeregistration, Who.Clerk, ClosureState.Deregistered, Ending),
        (ClosureState.NoticePosted, ClosureAction.Attach, Who.Clerk, ClosureState.NoticePosted, Ending),
        (ClosureState.Deregistered, ClosureAction.Complete, Who.Reviewer, ClosureState.Completed, Ending),
    ];

    /// <summary>Every reachable (kind, state) with every action: 264 rows, each tried by a clerk, a reviewer and a leader.</summary>
    public static TheoryData<ClosureKind, ClosureState, ClosureAction> EveryCombination()
    {
        var data = new TheoryData<ClosureKind, ClosureState, ClosureAction>();
        foreach (var kind in All)
        {
            foreach (var state in Enum.GetValues<ClosureState>())
            {
                // An opening never posts a notice or deregisters: those states do not exist for it.
                if (kind == ClosureKind.Open && state is ClosureState.NoticePosted or ClosureState.Deregistered)
                {
                    continue;
                }

                foreach (var action in Enum.GetValues<ClosureAction>().Where(a => a != ClosureAction.Create))
                {
                    data.Add(kind, state, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Action_InState_ByEachRole_DoesWhatTheWorkflowSays(ClosureKind kind, ClosureState state, ClosureAction action)
    {
        foreach (var who in Enum.GetValues<Who>())
        {
            var (request, account, hub) = In(state, kind);
            var stepsBefore = request.Steps.Count;
            var legal = Legal.FirstOrDefault(t => t.From == state && t.Action == action && t.Kinds.Contains(kind));
            var exists = legal.Kinds is not null;
            var actor = who switch { Who.Clerk => Clerk, Who.Reviewer => Reviewer, _ => Leader };

            if (exists && legal.Who == who)
            {
                Act(request, action, actor, account, hub);
                Assert.Equal(legal.To, request.State);
                Assert.Contains(action, In(state, kind).Request.AllowedActions(actor));
                if (legal.To != state)
                {
                    var step = request.Steps[^1];
                    Assert.Equal(action, step.Action);
                    Assert.Equal(state, step.FromState);
                    Assert.Equal(legal.To, step.ToState);
                    Assert.Equal(actor.UserName, step.Actor);
                    Assert.Equal(Now, step.At);
                }
                else
                {
                    Assert.Equal(stepsBefore, request.Steps.Count);
                }
            }
            else
            {
                var error = Assert.Throws<ClosureException>(() => Act(request, action, actor, account, hub));
                Assert.Equal(exists ? ClosureError.NotAllowedForRole : ClosureError.IllegalTransition, error.Error);
                Assert.Equal(state, request.State);
                Assert.Equal(stepsBefore, request.Steps.Count);
                Assert.DoesNotContain(action, request.AllowedActions(actor));
            }
        }
    }

    [Fact]
    public void FullClose_RecordsEveryNamedStep_AndClosesTheAccount()
    {
        var (request, account, hub) = In(ClosureState.Deregistered, ClosureKind.Close);

        var change = request.Complete(Reviewer, account, hub, Now, Deadlines);

        Assert.Equal(
            [ClosureAction.Create, ClosureAction.Submit, ClosureAction.Approve, ClosureAction.PostNotice, ClosureAction.RecordDeregistration, ClosureAction.Complete],
            request.Steps.Select(s => s.Action));
        Assert.Equal(
            [ClosureState.Draft, ClosureState.Submitted, ClosureState.Approved, ClosureState.NoticePosted, ClosureState.Deregistered, ClosureState.Completed],
            request.Steps.Select(s => s.ToState));
        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal(AccountStatus.Closed, change.Status);
        Assert.Equal(Today, change.EffectiveOn);
        Assert.Equal("reviewer", change.RecordedBy);
        Assert.Null(request.DueOn);
    }

    [Fact]
    public void CompleteMerge_MergesIntoTheNamedHub()
    {
        var (request, account, hub) = In(ClosureState.Deregistered, ClosureKind.Merge);

        var change = request.Complete(Reviewer, account, hub, Now, Deadlines);

        Assert.Equal(AccountStatus.Merged, account.Status);
        Assert.Equal(hub.Id, account.MergedIntoAccountId);
        Assert.Equal(hub.Id, change.MergedIntoAccountId);
    }

    [Fact]
    public void Complete_Twice_SecondIsRefusedAndTheAccountChangesOnce()
    {
        var (request, account, hub) = In(ClosureState.Deregistered, ClosureKind.Close);
        request.Complete(Reviewer, account, hub, Now, Deadlines);

        var error = Assert.Throws<ClosureException>(() => request.Complete(Reviewer, account, hub, Now, Deadlines));

        Assert.Equal(ClosureError.IllegalTransition, error.Error);
        Assert.Single(request.Steps, s => s.Action == ClosureAction.Complete);
    }

    [Fact]
    public void Complete_AccountAlreadyClosedElsewhere_IsRefused()
    {
        var (request, account, hub) = In(ClosureState.Deregistered, ClosureKind.Close);
        account.Close(Today, "other", "admin", Now);

        var error = Assert.Throws<ClosureException>(() => request.Complete(Reviewer, account, hub, Now, Deadlines));

        Assert.Equal(ClosureError.AccountNotLive, error.Error);
        Assert.Equal(ClosureState.Deregistered, request.State);
    }

    [Fact]
    public void CompleteMerge_HubNoLongerLive_IsRefused()
    {
        var (request, account, hub) = In(ClosureState.Deregistered, ClosureKind.Merge);
        hub.Close(Today, "hub closed", "admin", Now);

        var error = Assert.Throws<ClosureException>(() => request.Complete(Reviewer, account, hub, Now, Deadlines));

        Assert.Equal(ClosureError.MergeTargetNotLiveHub, error.Error);
        Assert.Equal(AccountStatus.Active, account.Status);
    }

    [Fact]
    public void RejectedRequest_IsRevisedAndResubmitted()
    {
        var (request, _, _) = In(ClosureState.Rejected, ClosureKind.Close);

        request.Revise(Clerk, ClosureKind.Merge, new ClosureDetails([ClosureReason.BelowCountyLevel], null, Today.AddDays(3), 1, null), Now);
        request.Submit(Clerk, Now, Deadlines);

        Assert.Equal(ClosureState.Submitted, request.State);
        Assert.Equal(ClosureKind.Merge, request.Kind);
        Assert.Equal(1, request.MergeTargetAccountId);
        Assert.Equal("材料不全", request.DecisionNote);
    }

    [Fact]
    public void Reject_WithoutReason_IsRefused()
    {
        var (request, _, _) = In(ClosureState.Submitted, ClosureKind.Close);

        var error = Assert.Throws<ClosureException>(() => request.Reject(Reviewer, "  ", Now, Deadlines));

        Assert.Equal(ClosureError.RejectReasonRequired, error.Error);
    }

    public static TheoryData<string, ClosureError> IncompleteSubmissions() => new()
    {
        { "no reason", ClosureError.ReasonRequired },
        { "other without text", ClosureError.OtherReasonNeedsText },
        { "no planned day", ClosureError.PlannedLastPostDayRequired },
        { "planned day past", ClosureError.PlannedLastPostDayInPast },
        { "merge without hub", ClosureError.MergeTargetRequired },
        { "service without takeover", ClosureError.ServiceTakeoverRequired },
    };

    [Theory]
    [MemberData(nameof(IncompleteSubmissions))]
    public void Submit_Incomplete_IsRefusedWithTheMissingField(string @case, ClosureError expected)
    {
        var account = Account(providesServices: @case == "service without takeover");
        var kind = @case == "merge without hub" ? ClosureKind.Merge : ClosureKind.Close;
        var details = @case switch
        {
            "no reason" => new ClosureDetails([], null, Today, null, null),
            "other without text" => new ClosureDetails([ClosureReason.Other], null, Today, null, null),
            "no planned day" => new ClosureDetails([ClosureReason.Stale], null, null, null, null),
            "planned day past" => new ClosureDetails([ClosureReason.Stale], null, Today.AddDays(-1), null, null),
            _ => new ClosureDetails([ClosureReason.Stale], null, Today, null, null),
        };
        var request = ClosureRequest.FileClosure(Clerk, account, kind, details, Now, Deadlines);

        var error = Assert.Throws<ClosureException>(() => request.Submit(Clerk, Now, Deadlines));

        Assert.Equal([expected], error.Errors);
        Assert.Equal(ClosureState.Draft, request.State);
    }

    [Fact]
    public void SubmitOpening_Incomplete_ListsEveryMissingField()
    {
        var request = ClosureRequest.FileOpening(Clerk, new OpeningDetails(7, null, " ", null), OpeningCheck.Evaluate(Units.UnitLevel.Street, null), Now, Deadlines);

        var error = Assert.Throws<ClosureException>(() => request.Submit(Clerk, Now, Deadlines));

        Assert.Equal([ClosureError.ProposedPlatformRequired, ClosureError.ProposedNameRequired, ClosureError.JustificationRequired], error.Errors);
    }

    [Fact]
    public void FileOpening_RecordsWhichRulesItWouldBreak()
    {
        var request = ClosureRequest.FileOpening(
            Clerk, new OpeningDetails(7, Platform.Wechat, "望岳服务号", "便民服务"), OpeningCheck.Evaluate(Units.UnitLevel.Street, 42), Now, Deadlines);

        Assert.True(request.BreaksOneAccountPerPlatform);
        Assert.Equal(42, request.ConflictingAccountId);
        Assert.True(request.BreaksBelowCountyLevel);
    }

    [Theory]
    [InlineData("望岳\u202Eexe.fdp")]
    [InlineData("望岳\u200F服务号")]
    [InlineData("望岳\u0007服务号")]
    public void FileOpening_NameWithHiddenCharacters_IsRefused(string name)
    {
        var refused = Assert.Throws<ClosureException>(() => ClosureRequest.FileOpening(
            Clerk, new OpeningDetails(7, Platform.Wechat, name, "便民服务"), OpeningCheck.Evaluate(Units.UnitLevel.Street, null), Now, Deadlines));

        Assert.Contains(ClosureError.HiddenCharacters, refused.Errors);
    }

    [Theory]
    [InlineData("ks_\u202Ewangyue", "张敏")]
    [InlineData("ks_wangyue", "张\u2066敏")]
    public void RecordOpening_IdOrOperatorWithHiddenCharacters_IsRefusedAndNothingOpens(string platformAccountId, string operatorName)
    {
        var (request, _, _) = In(ClosureState.Approved, ClosureKind.Open);

        var refused = Assert.Throws<ClosureException>(() => request.RecordOpening(Clerk, platformAccountId, Today, operatorName, false, Now, Deadlines));

        Assert.Equal([ClosureError.HiddenCharacters], refused.Errors);
        Assert.Equal(ClosureState.Approved, request.State);
        Assert.Null(request.OpenedAccount);
    }

    [Fact]
    public void OpeningCheck_DepartmentWithoutAccountOnPlatform_BreaksNothing()
    {
        var check = OpeningCheck.Evaluate(Units.UnitLevel.Department, null);

        Assert.False(check.BreaksAnyRule);
    }

    [Fact]
    public void RecordOpening_ReturnsTheNewAccountForTheRegister()
    {
        var (request, _, _) = In(ClosureState.Approved, ClosureKind.Open);

        var account = request.RecordOpening(Clerk, "ks_wangyue", Today, "张敏", false, Now, Deadlines);

        Assert.Equal(ClosureState.Completed, request.State);
        Assert.Equal(Platform.Kuaishou, account.Platform);
        Assert.Equal("望岳快手", account.Name);
        Assert.Equal(7, account.UnitId);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Same(account, request.OpenedAccount);
    }

    [Fact]
    public void PostNotice_BadLinkAndFutureDate_AreBothReported()
    {
        var (request, _, _) = In(ClosureState.Approved, ClosureKind.Close);

        var error = Assert.Throws<ClosureException>(() => request.PostNotice(Clerk, Today.AddDays(1), "javascript:alert(1)", "公告", Now, Deadlines));

        Assert.Equal([ClosureError.NoticeDateInFuture, ClosureError.NoticeLinkInvalid], error.Errors);
        Assert.Equal(ClosureState.Approved, request.State);
    }

    [Fact]
    public void PostNotice_KeepsTheEditedText_OrElseTheGeneratedOne()
    {
        var (edited, _, _) = In(ClosureState.Approved, ClosureKind.Close);
        var (generated, _, _) = In(ClosureState.Approved, ClosureKind.Close);
        edited.EditNotice(Clerk, "编辑后的公告");

        edited.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/a", "生成的公告", Now, Deadlines);
        generated.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/b", "生成的公告", Now, Deadlines);

        Assert.Equal("编辑后的公告", edited.NoticeText);
        Assert.Equal("生成的公告", generated.NoticeText);
        Assert.Equal(Today, edited.NoticePostedOn);
        Assert.Equal("https://mp.weixin.qq.com/s/a", edited.NoticeUrl);
    }

    [Fact]
    public void RecordDeregistration_WithoutProof_IsRefused()
    {
        var (request, _, _) = In(ClosureState.NoticePosted, ClosureKind.Close);

        var error = Assert.Throws<ClosureException>(() => request.RecordDeregistration(Clerk, Today, 0, null, Now, Deadlines));

        Assert.Equal(ClosureError.ProofRequired, error.Error);
        Assert.Equal(ClosureState.NoticePosted, request.State);
    }

    [Fact]
    public void FileClosure_ByReviewerOrForAClosedAccountOrMergingAHub_IsRefused()
    {
        var closed = Account();
        closed.Close(Today, "x", "y", Now);

        Assert.Equal(ClosureError.NotAllowedForRole, Assert.Throws<ClosureException>(() =>
            ClosureRequest.FileClosure(Reviewer, Account(), ClosureKind.Close, CompleteDetails(ClosureKind.Close), Now, Deadlines)).Error);
        Assert.Equal(ClosureError.AccountNotLive, Assert.Throws<ClosureException>(() =>
            ClosureRequest.FileClosure(Clerk, closed, ClosureKind.Close, CompleteDetails(ClosureKind.Close), Now, Deadlines)).Error);
        Assert.Equal(ClosureError.HubCannotBeMerged, Assert.Throws<ClosureException>(() =>
            ClosureRequest.FileClosure(Clerk, Hub(), ClosureKind.Merge, CompleteDetails(ClosureKind.Merge), Now, Deadlines)).Error);
    }

    [Fact]
    public void FromReviewDecision_SubmittedByTheClerk_IsApprovedOnTheDecision()
    {
        var request = ClosureRequest.OpenFromReviewDecision(
            77, Reviewer, Account(), ClosureKind.Merge, 1, [ClosureReason.BelowCountyLevel, ClosureReason.Stale], "基层账号，并入融媒体中心", Now, Deadlines);
        Assert.Equal(ClosureState.Draft, request.State);
        Assert.Equal(ClosureOrigin.ReviewDecision, request.Origin);
        Assert.Equal(77, request.ReviewDecisionId);
        Assert.Equal("reviewer", request.CreatedBy);

        request.Revise(Clerk, ClosureKind.Merge, new ClosureDetails(request.Reasons, request.ReasonText, Today.AddDays(5), 1, null), Now);
        request.Submit(Clerk, Now, Deadlines);

        Assert.Equal(ClosureState.Approved, request.State);
        Assert.Equal([ClosureAction.Create, ClosureAction.Submit, ClosureAction.Approve], request.Steps.Select(s => s.Action));
        Assert.Equal("reviewer", request.Steps[^1].Actor);
    }

    [Fact]
    public void FromReviewDecision_ClerkCannotChangeKindOrHub_NorCanAClerkOpenOne()
    {
        var request = ClosureRequest.OpenFromReviewDecision(77, Reviewer, Account(), ClosureKind.Merge, 1, [ClosureReason.Stale], null, Now, Deadlines);

        var changed = Assert.Throws<ClosureException>(() =>
            request.Revise(Clerk, ClosureKind.Close, new ClosureDetails([ClosureReason.Stale], null, Today, null, null), Now));
        var byClerk = Assert.Throws<ClosureException>(() =>
            ClosureRequest.OpenFromReviewDecision(78, Clerk, Account(), ClosureKind.Close, null, [], null, Now, Deadlines));
        var mergeWithoutHub = Assert.Throws<ClosureException>(() =>
            ClosureRequest.OpenFromReviewDecision(79, Reviewer, Account(), ClosureKind.Merge, null, [], null, Now, Deadlines));

        Assert.Equal(ClosureError.DecidedByReviewer, changed.Error);
        Assert.Equal(ClosureError.NotAllowedForRole, byClerk.Error);
        Assert.Equal(ClosureError.MergeTargetRequired, mergeWithoutHub.Error);
    }

    [Theory]
    [InlineData("STALE", ClosureReason.Stale)]
    [InlineData("NEVER_POSTED", ClosureReason.Stale)]
    [InlineData("LOW_READS", ClosureReason.LowReach)]
    [InlineData("UNATTENDED", ClosureReason.Unattended)]
    [InlineData("BELOW_COUNTY_LEVEL", ClosureReason.BelowCountyLevel)]
    [InlineData("DUPLICATE_PLATFORM", ClosureReason.DuplicatePlatform)]
    [InlineData("DUPLICATE_CONTENT", ClosureReason.LittleOriginalContent)]
    [InlineData("REPOST_HEAVY", ClosureReason.LittleOriginalContent)]
    public void RuleCode_MapsToTheClerksReason(string rule, ClosureReason expected)
    {
        Assert.Equal(expected, ClosureReasons.FromRuleCode(rule));
    }

    [Fact]
    public void Codes_RoundTrip()
    {
        foreach (var state in Enum.GetValues<ClosureState>())
        {
            Assert.Equal(state, ClosureStates.Parse(state.ToCode()));
        }

        foreach (var kind in Enum.GetValues<ClosureKind>())
        {
            Assert.Equal(kind, ClosureKinds.Parse(kind.ToCode()));
        }

        foreach (var reason in Enum.GetValues<ClosureReason>())
        {
            Assert.Equal(reason, ClosureReasons.Parse(reason.ToCode()));
        }

        foreach (var action in Enum.GetValues<ClosureAction>())
        {
            Assert.Equal(action, ClosureActions.Parse(action.ToCode()));
        }
    }
}
