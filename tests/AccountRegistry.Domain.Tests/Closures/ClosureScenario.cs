using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Domain.Tests.Closures;

/// <summary>Requests put into any state by legal steps, and each action invoked with data it accepts.</summary>
internal static class ClosureScenario
{
    /// <summary>Monday 23 November 2026, 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly DateOnly Today = new(2026, 11, 23);

    public static readonly ClosureActor Clerk = ClosureActor.Clerk("clerk.wangyue");

    public static readonly ClosureActor Reviewer = ClosureActor.Reviewer("reviewer");

    public static readonly ClosureActor Leader = ClosureActor.ReadOnly("leader");

    public static ClosureDeadlines Deadlines => ClosureDeadlines.Default;

    public static Account Hub() => new()
    {
        Id = 1, Platform = Platform.Wechat, PlatformAccountId = "gh_hub", Name = "指尖岳麓", UnitId = 2, IsHub = true,
    };

    public static Account Account(bool providesServices = false) => new()
    {
        Id = 10, Platform = Platform.Douyin, PlatformAccountId = "dy_wangyue", Name = "望岳抖音", UnitId = 7, ProvidesServices = providesServices,
    };

    public static ClosureDetails CompleteDetails(ClosureKind kind) =>
        new([ClosureReason.Stale], "半年未更新", Today.AddDays(7), kind == ClosureKind.Merge ? 1 : null, null);

    public static (ClosureRequest Request, Account Account, Account Hub) Draft(ClosureKind kind)
    {
        var account = Account();
        var hub = Hub();
        var request = kind == ClosureKind.Open
            ? ClosureRequest.FileOpening(
                Clerk, new OpeningDetails(7, Platform.Kuaishou, "望岳快手", "辖区短视频宣传需要"), OpeningCheck.Evaluate(Units.UnitLevel.Street, null), Now, Deadlines)
            : ClosureRequest.FileClosure(Clerk, account, kind, CompleteDetails(kind), Now, Deadlines);
        return (request, account, hub);
    }

    /// <summary>A request of the kind in the state, reached through legal steps only.</summary>
    public static (ClosureRequest Request, Account Account, Account Hub) In(ClosureState state, ClosureKind kind)
    {
        var (request, account, hub) = Draft(kind);
        switch (state)
        {
            case ClosureState.Draft:
                break;
            case ClosureState.Withdrawn:
                request.Withdraw(Clerk, null, Now, Deadlines);
                break;
            case ClosureState.Submitted:
                request.Submit(Clerk, Now, Deadlines);
                break;
            case ClosureState.Rejected:
                request.Submit(Clerk, Now, Deadlines);
                request.Reject(Reviewer, "材料不全", Now, Deadlines);
                break;
            case ClosureState.Approved:
                ToApproved(request);
                break;
            case ClosureState.NoticePosted:
                ToApproved(request);
                request.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/notice", "公告", Now, Deadlines);
                break;
            case ClosureState.Deregistered:
                ToApproved(request);
                request.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/notice", "公告", Now, Deadlines);
                request.RecordDeregistration(Clerk, Today, 1, null, Now, Deadlines);
                break;
            case ClosureState.Completed:
                ToApproved(request);
                if (kind == ClosureKind.Open)
                {
                    request.RecordOpening(Clerk, "ks_wangyue", Today, "张敏", false, Now, Deadlines);
                    break;
                }

                request.PostNotice(Clerk, Today, "https://mp.weixin.qq.com/s/notice", "公告", Now, Deadlines);
                request.RecordDeregistration(Clerk, Today, 1, null, Now, Deadlines);
                request.Complete(Reviewer, account, hub, Now, Deadlines);
                account = Account();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }

        Assert.Equal(state, request.State);
        return (request, account, hub);
    }

    /// <summary>Runs one action with data that the action accepts.</summary>
    public static void Act(ClosureRequest request, ClosureAction action, ClosureActor actor, Account account, Account hub)
    {
        switch (action)
        {
            case ClosureAction.Revise when request.Kind == ClosureKind.Open:
                request.ReviseOpening(actor, new OpeningDetails(7, Platform.Kuaishou, "望岳快手号", "改名"), OpeningCheck.Evaluate(Units.UnitLevel.Street, null), Now);
                break;
            case ClosureAction.Revise:
                request.Revise(actor, request.Kind, CompleteDetails(request.Kind), Now);
                break;
            case ClosureAction.Submit:
                request.Submit(actor, Now, Deadlines);
                break;
            case ClosureAction.Approve:
                request.Approve(actor, "同意", Now, Deadlines);
                break;
            case ClosureAction.Reject:
                request.Reject(actor, "理由不充分", Now, Deadlines);
                break;
            case ClosureAction.EditNotice:
                request.EditNotice(actor, "修改后的公告");
                break;
            case ClosureAction.PostNotice:
                request.PostNotice(actor, Today, "https://mp.weixin.qq.com/s/notice", "公告", Now, Deadlines);
                break;
            case ClosureAction.RecordDeregistration:
                request.RecordDeregistration(actor, Today, 1, null, Now, Deadlines);
                break;
            case ClosureAction.Complete:
                request.Complete(actor, account, hub, Now, Deadlines);
                break;
            case ClosureAction.RecordOpening:
                request.RecordOpening(actor, "ks_wangyue", Today, "张敏", false, Now, Deadlines);
                break;
            case ClosureAction.Withdraw:
                request.Withdraw(actor, "不再需要", Now, Deadlines);
                break;
            case ClosureAction.Attach:
                request.EnsureCanAttach(actor);
                break;
            case ClosureAction.Create:
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static void ToApproved(ClosureRequest request)
    {
        request.Submit(Clerk, Now, Deadlines);
        request.Approve(Reviewer, null, Now, Deadlines);
    }
}
