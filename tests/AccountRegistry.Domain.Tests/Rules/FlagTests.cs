using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Rules;

public class FlagTests
{
    private static readonly DateTimeOffset Now = ShanghaiCalendar.StartOf(Facts.T).AddHours(2);

    private static Flag OpenFlag(RuleCode rule = RuleCode.Stale, decimal? measure = null) =>
        Flag.Open(7, rule, 1, Facts.T, "{}", measure, Now);

    [Fact]
    public void Open_ThenFireAgain_StaysOpenAndRecordsTheLatestRun()
    {
        var flag = OpenFlag();

        var transition = flag.Fire(2, Facts.T.AddDays(1), "{\"days\":16}", null, 180, Now.AddDays(1));

        Assert.Equal(FlagTransition.StillOpen, transition);
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Equal(Now, flag.OpenedAt);
        Assert.Equal(2, flag.LastSeenEvaluationId);
        Assert.Equal("{\"days\":16}", flag.Evidence);
    }

    [Fact]
    public void StopFiring_OpenFlag_ResolvesByData()
    {
        var flag = OpenFlag();

        Assert.Equal(FlagTransition.Resolved, flag.StopFiring(Now.AddDays(1)));
        Assert.Equal(FlagStatus.ResolvedByData, flag.Status);
        Assert.Equal(Now.AddDays(1), flag.ResolvedAt);
    }

    [Fact]
    public void Fire_ResolvedFlag_Reopens()
    {
        var flag = OpenFlag();
        flag.StopFiring(Now.AddDays(1));

        Assert.Equal(FlagTransition.Reopened, flag.Fire(3, Facts.T.AddDays(2), "{}", null, 180, Now.AddDays(2)));
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Null(flag.ResolvedAt);
        Assert.Equal(Now.AddDays(2), flag.OpenedAt);
    }

    [Theory]
    [InlineData(1, FlagTransition.StillDismissed)]
    [InlineData(179, FlagTransition.StillDismissed)]
    [InlineData(180, FlagTransition.Reopened)] // dismissed on D: D … D+179 is 180 days
    [InlineData(400, FlagTransition.Reopened)]
    public void Fire_DismissedFlag_StaysDismissedFor180Days(int daysLater, FlagTransition expected)
    {
        var flag = OpenFlag();
        flag.Dismiss("reviewer", "季节性账号，旅游季恢复更新", Now);

        var transition = flag.Fire(5, Facts.T.AddDays(daysLater), "{}", null, 180, Now.AddDays(daysLater));

        Assert.Equal(expected, transition);
        Assert.Equal(expected == FlagTransition.Reopened ? FlagStatus.Open : FlagStatus.Dismissed, flag.Status);
        Assert.Equal(5, flag.LastSeenEvaluationId);
    }

    [Fact]
    public void Fire_DismissedAt2330Shanghai_CountsFromTheShanghaiDay()
    {
        var flag = OpenFlag();
        var lateEvening = ShanghaiCalendar.StartOf(Facts.T).AddHours(23.5); // 15:30 UTC, same Shanghai day T
        flag.Dismiss("reviewer", "ok", lateEvening);

        Assert.Equal(FlagTransition.StillDismissed, flag.Fire(2, Facts.T.AddDays(29), "{}", null, 30, Now));
        Assert.Equal(FlagTransition.Reopened, flag.Fire(3, Facts.T.AddDays(30), "{}", null, 30, Now));
    }

    [Fact]
    public void Fire_DismissedFlagWithWorseEvidence_ReopensEarly()
    {
        var flag = OpenFlag(RuleCode.LowReads, measure: 80m);
        flag.Dismiss("reviewer", "小众服务号", Now);

        Assert.Equal(FlagTransition.StillDismissed, flag.Fire(2, Facts.T.AddDays(1), "{}", 61m, 180, Now));
        Assert.Equal(FlagTransition.Reopened, flag.Fire(3, Facts.T.AddDays(2), "{}", 59m, 180, Now));
    }

    [Fact]
    public void StopFiring_DismissedFlag_StaysDismissed()
    {
        var flag = OpenFlag();
        flag.Dismiss("reviewer", "ok", Now);

        Assert.Equal(FlagTransition.Unchanged, flag.StopFiring(Now.AddDays(1)));
        Assert.Equal(FlagStatus.Dismissed, flag.Status);
    }

    [Fact]
    public void Dismiss_RecordsWhoWhyAndTheMeasure()
    {
        var flag = OpenFlag(RuleCode.DuplicateContent, measure: 0.6m);

        flag.Dismiss("王审核", "  转载上级通知属正常  ", Now);

        Assert.Equal(FlagStatus.Dismissed, flag.Status);
        Assert.Equal("王审核", flag.DismissedBy);
        Assert.Equal("转载上级通知属正常", flag.DismissedReason);
        Assert.Equal(Now, flag.DismissedAt);
        Assert.Equal(0.6m, flag.DismissedMeasure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Dismiss_WithoutReason_IsRefused(string reason)
    {
        var flag = OpenFlag();

        Assert.Equal(Domain.Reviews.ReviewError.ReasonRequired, Assert.Throws<Domain.Reviews.ReviewRefusedException>(() => flag.Dismiss("reviewer", reason, Now)).Error);
        Assert.Equal(FlagStatus.Open, flag.Status);
    }

    [Fact]
    public void Dismiss_FlagNotOpen_IsRefused()
    {
        var flag = OpenFlag();
        flag.StopFiring(Now);

        Assert.Equal(Domain.Reviews.ReviewError.NoOpenFlag, Assert.Throws<Domain.Reviews.ReviewRefusedException>(() => flag.Dismiss("reviewer", "ok", Now)).Error);
    }
}

public class FlagSeverityTests
{
    [Theory]
    [InlineData(RuleCode.LowReads, 80, 60, false)] // exactly 75%: not a quarter lower
    [InlineData(RuleCode.LowReads, 80, 59.99, true)]
    [InlineData(RuleCode.LowReads, 0, 0, false)]
    [InlineData(RuleCode.DuplicatePlatform, 1, 1, false)]
    [InlineData(RuleCode.DuplicatePlatform, 1, 2, true)]
    [InlineData(RuleCode.DuplicateContent, 0.5, 0.59, false)]
    [InlineData(RuleCode.DuplicateContent, 0.5, 0.6, true)]
    [InlineData(RuleCode.RepostHeavy, 0.15, 0.06, false)]
    [InlineData(RuleCode.RepostHeavy, 0.15, 0.05, true)]
    [InlineData(RuleCode.Stale, 20, 400, false)] // days grow by themselves: never "worse"
    [InlineData(RuleCode.NeverPosted, 20, 400, false)]
    [InlineData(RuleCode.Unattended, 1, 1, false)]
    [InlineData(RuleCode.BelowCountyLevel, 1, 1, false)]
    public void IsWorse_PerRule(RuleCode rule, double atDismissal, double now, bool worse)
    {
        Assert.Equal(worse, FlagSeverity.IsWorse(rule, (decimal)atDismissal, (decimal)now));
    }
}
