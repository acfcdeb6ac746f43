using AccountRegistry.Application.Content;
using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Inspections;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>
/// The demo shows 内容巡查 at work: the county's lists filled, the slips in its reports found, decided by the reviewer
/// before last quarter's round (which then vetoes those accounts for VETO_SECURITY), and the newest waiting. Read back
/// through the use cases the pages call.
/// </summary>
[Collection(DemoAfterQuarterEndCollection.Name)]
public sealed class DemoContentTests(DemoAfterQuarterEnd loaded)
{
    [Fact]
    public async Task SeedDemo_FindsTheSlips_DecidesThoseBeforeTheQuarterRound_WhichVetoesTheirAccounts()
    {
        var ct = TestContext.Current.CancellationToken;
        var demo = loaded.Demo;
        var reviewer = LoadedDemo.Reviewer;

        var names = await demo.Services.GetRequiredService<ContentTerms.Handler>().ListAsync(ContentTermKind.OfficialName, reviewer, ct);
        Assert.Equal(DemoContentSlips.OfficialNames.Select(n => n.Name).Order(StringComparer.Ordinal), names.Select(n => n.Term).Order(StringComparer.Ordinal));

        var findings = (await demo.Services.GetRequiredService<ContentFindingList.Handler>()
            .ListAsync(new ContentFindingList.Filter(Status: null), reviewer, 0, 500, ct)).Items;
        Assert.Equal(demo.Campaign.ContentFindings, findings.Count);
        Assert.All(findings, f => Assert.True(f.FoundAt >= f.PublishedAt, $"finding {f.Id} found before its post was published"));
        foreach (var check in new[] { ContentCheck.Privacy, ContentCheck.NameError, ContentCheck.ExternalLink })
        {
            Assert.Contains(findings, f => f.Check == check && f.Status == ContentFindingStatus.Confirmed);
        }

        var falseAlarms = findings.Where(f => f.Status == ContentFindingStatus.FalseAlarm).ToList();
        Assert.NotEmpty(falseAlarms);
        Assert.All(falseAlarms, f => Assert.Contains(DemoContentSlips.JobPlatformHost, f.MatchedText, StringComparison.OrdinalIgnoreCase));

        // Decided the day after the quarter's check point, on what had been published by then; later posts wait.
        var decidedOn = new DateOnly(2026, 10, 1);
        Assert.All(findings, f => Assert.Equal(f.Status == ContentFindingStatus.Open, ShanghaiDay(f.PublishedAt) > decidedOn));
        Assert.Contains(findings, f => f.Status == ContentFindingStatus.Open);
        Assert.Equal(demo.Campaign.ContentDecided, findings.Count(f => f.Status != ContentFindingStatus.Open));

        var rounds = (await demo.Services.GetRequiredService<InspectionRoundList.Handler>().HandleAsync(1, 20, reviewer, ct)).Items;
        var quarter = Assert.Single(rounds, r => r.State == RoundState.Published);
        var report = await demo.Services.GetRequiredService<InspectionRoundReport.Handler>().HandleAsync(quarter.Id, reviewer, cancellationToken: ct);
        var vetoed = Assert.Single(report.Problems, p => p.Source == InspectionRoundReport.ProblemSource.Veto && p.Code == "VETO_SECURITY").Accounts
            .Select(a => a.AccountId).Order().ToList();
        var confirmedInQuarter = findings
            .Where(f => f.Status == ContentFindingStatus.Confirmed && ShanghaiDay(f.PublishedAt) > quarter.AsOf.AddDays(-90) && ShanghaiDay(f.PublishedAt) <= quarter.AsOf)
            .Select(f => f.AccountId).Distinct().Order().ToList();
        // Every vetoed account has such a finding; an account closed by the campaign before the check point is not inspected.
        Assert.NotEmpty(vetoed);
        Assert.Subset(confirmedInQuarter.ToHashSet(), vetoed.ToHashSet());
    }

    private static DateOnly ShanghaiDay(DateTimeOffset at) => Domain.Common.ShanghaiCalendar.DayOf(at);
}
