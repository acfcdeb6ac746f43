using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Domain.Tests.Inspections;

public sealed class InspectionScorerTests
{
    private static readonly InspectionSettings Defaults = InspectionSettings.Defaults;

    [Fact]
    public void Score_NothingFires_IsExcellentHundred()
    {
        var verdict = InspectionScorer.Score(new InspectionFacts(), Defaults);

        Assert.Equal((InspectionResultKind.Excellent, 100), (verdict.Result, verdict.Score));
        Assert.Empty(verdict.Vetoes);
        Assert.Empty(verdict.Deductions);
    }

    [Theory]
    [InlineData(0, 0, 90, InspectionResultKind.Excellent)] // 100 − 10 = 90: excellent starts at 90
    [InlineData(1, 0, 88, InspectionResultKind.Pass)]
    [InlineData(10, 1, 60, InspectionResultKind.Pass)] // 100 − 20 − 10 − 10: 60 passes
    [InlineData(10, 2, 55, InspectionResultKind.Fail)] // … and under 60 fails without any veto
    public void Score_Deductions_DecideTheResultAtTheBoundaries(int slowReplies, int extraCodes, int score, InspectionResultKind result)
    {
        var facts = new InspectionFacts
        {
            SlowReplies = slowReplies,
            Unattended = true,
            RepostHeavy = extraCodes >= 1,
            Filed = extraCodes < 2,
        };

        var verdict = InspectionScorer.Score(facts, Defaults);

        Assert.Equal((result, score), (verdict.Result, verdict.Score));
    }

    [Fact]
    public void Score_AnyVeto_FailsWithAtMostFiftyNine()
    {
        var verdict = InspectionScorer.Score(new InspectionFacts { UnansweredMessages = 1, NotUpdated = true }, Defaults);

        Assert.Equal((InspectionResultKind.Fail, 59), (verdict.Result, verdict.Score));
        Assert.Equal([InspectionCode.VetoNotUpdated, InspectionCode.VetoUnanswered], verdict.Vetoes);
    }

    [Fact]
    public void Score_EverythingFires_SortsCodesOrdinallyAndStopsAtZero()
    {
        var settings = Defaults with { SlowReplyCap = 100, SlowReplyPoints = 10 };
        var facts = new InspectionFacts
        {
            NotUpdated = true, SecurityFindings = 2, Interactive = false, UnansweredMessages = 3,
            SlowReplies = 9, RepostHeavy = true, DuplicateContent = true, Unattended = true, Filed = false,
        };

        var verdict = InspectionScorer.Score(facts, settings);

        Assert.Equal(0, verdict.Score);
        Assert.Equal(["VETO_NOT_UPDATED", "VETO_NO_INTERACTION", "VETO_SECURITY", "VETO_UNANSWERED"], verdict.Vetoes.Select(v => v.ToCode()));
        Assert.Equal(
            ["DEDUCT_DUPLICATE", "DEDUCT_NOT_FILED", "DEDUCT_REPOST_HEAVY", "DEDUCT_SLOW_REPLY", "DEDUCT_UNATTENDED"],
            verdict.Deductions.Select(d => d.Code.ToCode()));
        Assert.Equal(new InspectionDeduction(InspectionCode.DeductSlowReply, 90, 9), verdict.Deductions.Single(d => d.Code == InspectionCode.DeductSlowReply));
    }

    [Fact]
    public void Score_ZeroPointSetting_ListsNoDeduction()
    {
        var verdict = InspectionScorer.Score(new InspectionFacts { Filed = false }, Defaults with { NotFiledPoints = 0 });

        Assert.Empty(verdict.Deductions);
    }

    [Fact]
    public void Settings_OutOfRange_AreNamed()
    {
        var problems = (Defaults with { PeriodDays = 0, PassScore = 101 }).Validate();

        Assert.Equal(["period_days", "pass_score"], problems.Select(p => p.Name));
    }
}
