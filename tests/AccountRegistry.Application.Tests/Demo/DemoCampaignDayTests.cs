using System.Globalization;
using AccountRegistry.Application.Demo;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>
/// The demo is loaded relative to the day it is loaded. Whatever that day, the campaign makes every decision its plan
/// has: a planned decision that finds no open flag stops its case, which shows in the demo as a missing closure.
/// </summary>
public sealed class DemoCampaignDayTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    // The day a department's low-reads account was found unflagged: one post of 442 reads lifted its 90-day mean
    // above the rule's 100 for the twelve weeks around its planned decision.
    [InlineData("2026-12-07")]
    [InlineData("2027-03-31")]
    public async Task SeedDemo_MakesEveryPlannedDecision_WhateverTheDayItIsLoaded(string day)
    {
        var today = DateOnly.Parse(day, CultureInfo.InvariantCulture);

        await using var demo = await LoadedDemo.LoadAsync(fixture, today);

        var campaign = demo.Campaign;

        var planned = DemoCampaignPlan.Cases(today).Count(c => c.Fate != DemoFate.None && c.Stage != DemoStage.Flagged && !c.FiledByClerk);
        Assert.Equal(0, campaign.Undecided);
        Assert.Equal(planned, campaign.Decisions);
    }
}
