using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Domain.Tests.Inspections;

public sealed class InspectionRoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly RoundScreenshot Screenshot = new("menu.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]);

    private static InspectionRound Round(RoundSampling sampling = RoundSampling.AllLive, decimal? share = null) =>
        InspectionRound.Open("2026年第四季度抽查", new DateOnly(2026, 11, 30), RoundScope.District, [1], sampling, share, 42, "reviewer", Now);

    [Fact]
    public void Open_ThenRunThenPublish_MovesOpenCheckedPublished()
    {
        var round = Round();
        Assert.Equal(RoundState.Open, round.State);

        round.RecordRun(7, Now);
        Assert.Equal((RoundState.Checked, (long?)7), (round.State, round.InspectionId));

        round.Publish("reviewer", Now.AddHours(1));
        Assert.Equal((RoundState.Published, "reviewer"), (round.State, round.PublishedBy));
    }

    [Fact]
    public void Publish_BeforeTheIndicatorsRan_IsRefused()
    {
        var round = Round();

        var refused = Assert.Throws<RoundException>(() => round.Publish("reviewer", Now));

        Assert.Equal(RoundError.NotRun, refused.Error);
        Assert.Equal(RoundState.Open, round.State);
    }

    [Fact]
    public void PublishedRound_IsFrozen_ForRunsFindingsAndPublishing()
    {
        var round = Round();
        round.RecordRun(7, Now);
        round.Publish("reviewer", Now);

        Assert.Equal(RoundError.Frozen, Assert.Throws<RoundException>(() => round.RecordRun(8, Now)).Error);
        Assert.Equal(RoundError.Frozen, Assert.Throws<RoundException>(() =>
            round.AddFinding(5, true, ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0, "菜单无法打开", Screenshot, "reviewer", Now)).Error);
        Assert.Equal(RoundError.Frozen, Assert.Throws<RoundException>(round.EnsureEditable).Error);
        Assert.Equal(RoundError.Frozen, Assert.Throws<RoundException>(() => round.Publish("reviewer", Now)).Error);
        Assert.Equal(7, round.InspectionId);
    }

    [Theory]
    [InlineData(ManualFindingKind.Veto, 5, true, "x", true, RoundError.PointsOutOfRange)]
    [InlineData(ManualFindingKind.Deduction, 0, true, "x", true, RoundError.PointsOutOfRange)]
    [InlineData(ManualFindingKind.Deduction, 101, true, "x", true, RoundError.PointsOutOfRange)]
    [InlineData(ManualFindingKind.Deduction, 5, false, "x", true, RoundError.NotInSample)]
    [InlineData(ManualFindingKind.Deduction, 5, true, " ", true, RoundError.NoteRequired)]
    [InlineData(ManualFindingKind.Deduction, 5, true, "x", false, RoundError.ScreenshotRequired)]
    public void AddFinding_Invalid_IsRefused(ManualFindingKind kind, int points, bool inSample, string note, bool withScreenshot, RoundError expected)
    {
        var round = Round();

        var refused = Assert.Throws<RoundException>(() =>
            round.AddFinding(5, inSample, kind, ManualFindingItem.CommercialAds, points, note, withScreenshot ? Screenshot : null, "reviewer", Now));

        Assert.Equal(expected, refused.Error);
    }

    [Theory]
    [InlineData(RoundSampling.Stratified, null)]
    [InlineData(RoundSampling.Stratified, 0.0)]
    [InlineData(RoundSampling.Stratified, 1.5)]
    public void Open_StratifiedWithoutAValidShare_IsRefused(RoundSampling sampling, double? share)
    {
        var refused = Assert.Throws<RoundException>(() => Round(sampling, (decimal?)share));

        Assert.Equal(RoundError.ShareOutOfRange, refused.Error);
    }

    [Fact]
    public void Open_DistrictWithTwoUnitsOrTownshipsWithNone_IsRefused()
    {
        Assert.Equal(RoundError.NoUnits, Assert.Throws<RoundException>(() =>
            InspectionRound.Open("t", new DateOnly(2026, 11, 30), RoundScope.District, [1, 2], RoundSampling.AllLive, null, 1, "r", Now)).Error);
        Assert.Equal(RoundError.NoUnits, Assert.Throws<RoundException>(() =>
            InspectionRound.Open("t", new DateOnly(2026, 11, 30), RoundScope.Townships, [], RoundSampling.AllLive, null, 1, "r", Now)).Error);
    }

    [Theory]
    [InlineData(95, false, new int[0], false, InspectionResultKind.Excellent, 95)]
    [InlineData(95, false, new[] { 10 }, false, InspectionResultKind.Pass, 85)]
    [InlineData(65, false, new[] { 10 }, false, InspectionResultKind.Fail, 55)]
    [InlineData(95, false, new int[0], true, InspectionResultKind.Fail, 59)]
    [InlineData(40, true, new[] { 50 }, false, InspectionResultKind.Fail, 0)]
    public void Combine_AddsManualFindingsByTheSameRules(int score, bool veto, int[] deductions, bool manualVeto, InspectionResultKind expected, int expectedScore)
    {
        var round = Round();
        var findings = deductions
            .Select(p => round.AddFinding(5, true, ManualFindingKind.Deduction, ManualFindingItem.UnrelatedLikes, p, "x", Screenshot, "r", Now))
            .ToList();
        if (manualVeto)
        {
            findings.Add(round.AddFinding(5, true, ManualFindingKind.Veto, ManualFindingItem.UnusableApp, 0, "x", Screenshot, "r", Now));
        }

        Assert.Equal((expected, expectedScore), RoundScoring.Combine(score, veto, findings, InspectionSettings.Defaults));
    }
}
