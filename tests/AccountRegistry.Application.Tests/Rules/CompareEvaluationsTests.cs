using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

public sealed class CompareEvaluationsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Compare_ListsWhatNewlyFiredAndWhatStoppedFiring()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var revived = await world.AccountAsync(county, "gh_revived", name: "复活号");
        await world.PostAsync(revived, Shanghai(2026, 11, 1), reads: 500);
        var abandoned = await world.AccountAsync(county, "wb_abandoned", Platform.Weibo, name: "弃管号");
        await world.PostAsync(abandoned, Shanghai(2026, 11, 20), reads: 500);
        var before = await world.EvaluateAsync(T);

        await world.PostAsync(revived, Shanghai(2026, 11, 23), reads: 500);
        await using (var db = world.Context())
        {
            await db.Accounts.Where(a => a.Id == abandoned.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Operator, (string?)null), TestContext.Current.CancellationToken);
        }

        var after = await world.EvaluateAsync(T);

        var comparison = await world.Get<CompareEvaluations.Handler>().HandleAsync(
            new CompareEvaluations.Query(before.EvaluationId!.Value, after.EvaluationId!.Value), UserScope.System, TestContext.Current.CancellationToken);

        Assert.Equal(
            [("弃管号", RuleCode.Unattended, CompareEvaluations.Change.NewlyFired), ("复活号", RuleCode.Stale, CompareEvaluations.Change.StoppedFiring)],
            comparison.Changes.Items.Select(r => (r.AccountName, r.Rule, r.Change)).OrderBy(r => r.Rule.ToCode(), StringComparer.Ordinal).Reverse());
        var byRule = comparison.ByRule.ToDictionary(r => r.Rule);
        Assert.Equal((0, 1), (byRule[RuleCode.Stale].NewlyFired, byRule[RuleCode.Stale].StoppedFiring));
        Assert.Equal((1, 0), (byRule[RuleCode.Unattended].NewlyFired, byRule[RuleCode.Unattended].StoppedFiring));
        Assert.Equal(0, byRule[RuleCode.LowReads].NewlyFired + byRule[RuleCode.LowReads].StoppedFiring);

        var onlyNew = await world.Get<CompareEvaluations.Handler>().HandleAsync(
            new CompareEvaluations.Query(before.EvaluationId.Value, after.EvaluationId.Value) { Kind = CompareEvaluations.Change.NewlyFired },
            UserScope.System,
            TestContext.Current.CancellationToken);
        Assert.Equal(["wb_abandoned"], onlyNew.Changes.Items.Select(r => r.PlatformAccountId));
    }

    [Fact]
    public async Task RunList_ShowsRunsNewestFirstWithTheirCounts()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a", @operator: null);
        await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        await world.EvaluateAsync(T.AddDays(-1), "first");
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.EvaluateAsync(T, "second");

        var page = await world.Get<EvaluationList.Handler>().HandleAsync(1, 20, TestContext.Current.CancellationToken);

        Assert.Equal(["second", "first"], page.Items.Select(r => r.TriggeredBy));
        Assert.All(page.Items, r => Assert.Equal((1, 1, 0), (r.AccountCount, r.Close, r.Merge)));
    }
}
