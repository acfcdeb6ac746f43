using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>
/// The demo shows the inspection half too: last quarter's round published with its rectification tasks in every state,
/// and this month's sample checked and waiting for the reviewer. Read back through the use cases the pages call.
/// </summary>
[Collection(DemoAfterQuarterEndCollection.Name)]
public sealed class DemoInspectionRoundsTests(DemoAfterQuarterEnd loaded)
{
    [Fact]
    public async Task SeedDemo_PublishesLastQuartersRound_AndLeavesThisMonthsSampleForTheReviewer()
    {
        // Five days after a quarter end (DemoAfterQuarterEnd): the published round is the quarter before it.
        var today = DemoAfterQuarterEnd.Today;
        var ct = TestContext.Current.CancellationToken;
        var (provider, campaign) = (loaded.Demo.Services, loaded.Demo.Campaign);

        var reviewer = LoadedDemo.Reviewer;
        var rounds = (await provider.GetRequiredService<InspectionRoundList.Handler>().HandleAsync(1, 20, reviewer, ct)).Items;
        Assert.Equal(2, campaign.Rounds);
        Assert.Equal(2, rounds.Count);
        var quarter = Assert.Single(rounds, r => r.State == RoundState.Published);
        Assert.Equal(new DateOnly(2026, 9, 30), quarter.AsOf);
        Assert.Equal("2026年第3季度政务新媒体检查", quarter.Title);
        Assert.Equal(RoundSampling.AllLive, quarter.Sampling);
        var sample = Assert.Single(rounds, r => r.State == RoundState.Checked);
        Assert.Equal(today.AddDays(-1), sample.AsOf);
        Assert.Equal(RoundSampling.Stratified, sample.Sampling);
        Assert.InRange(sample.Accounts, 1, quarter.Accounts - 1);

        var report = await provider.GetRequiredService<InspectionRoundReport.Handler>().HandleAsync(quarter.Id, reviewer, cancellationToken: ct);
        Assert.Single(Assert.Single(report.Problems, p => p.Source == InspectionRoundReport.ProblemSource.ManualVeto).Accounts);
        Assert.Single(Assert.Single(report.Problems, p => p.Source == InspectionRoundReport.ProblemSource.ManualDeduction).Accounts);

        var tasks = provider.GetRequiredService<RectificationTaskList.Handler>();
        var all = (await tasks.HandleAsync(new RectificationTaskList.Filter(RoundId: quarter.Id), 1, 100, reviewer, ct)).Items;
        Assert.Equal(campaign.RectificationTasks, all.Count);
        foreach (var state in Enum.GetValues<RectificationState>())
        {
            Assert.Contains(all, t => t.State == state);
        }

        var overdue = (await tasks.HandleAsync(new RectificationTaskList.Filter(OverdueOnly: true), 1, 100, reviewer, ct)).Items;
        Assert.NotEmpty(overdue);
        Assert.All(overdue, t => Assert.True(t.Overdue && t.State is not RectificationState.Accepted, t.State.ToString()));

        // A clerk follows only their own township's tasks.
        var wangyue = DemoCountyPlan.Units.Single(u => u.ClerkLogin == "clerk.wangyue");
        var clerk = await ClerkScopeAsync(provider, wangyue.Code, ct);
        var own = (await tasks.HandleAsync(new RectificationTaskList.Filter(), 1, 100, clerk, ct)).Items;
        Assert.NotEmpty(own);
        Assert.True(own.Count < all.Count, string.Create(CultureInfo.InvariantCulture, $"{own.Count} of {all.Count}"));
    }

    private static async Task<UserScope> ClerkScopeAsync(IServiceProvider provider, string unitCode, CancellationToken ct)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(ct);
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode, ct);
        return new UserScope("clerk.wangyue", new HashSet<string> { Roles.Clerk }, unit.Id, unit.Path);
    }
}
