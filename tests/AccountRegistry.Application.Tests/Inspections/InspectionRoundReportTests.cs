using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Tests.Filings;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using static AccountRegistry.Application.Inspections.InspectionRoundReport;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// The 通报's figures against real PostgreSQL, on a filing fixture of its own (so that no other test's published
/// rounds become "the previous round"): they equal the round's results as <see cref="InspectionRoundResults"/> shows
/// them, name the accounts per problem, and re-check the previous round's failures by this round's verdicts.
/// </summary>
public sealed class InspectionRoundReportTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private static readonly UserScope Reviewer = new("reviewer", new HashSet<string>([Roles.Reviewer]), null, "/");
    private static readonly UserScope Clerk = new("clerk", new HashSet<string>([Roles.Clerk]), null, "/");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private T Get<T>(AsyncServiceScope services)
        where T : notnull => services.ServiceProvider.GetRequiredService<T>();

    private async Task<int> IdAsync(string platformAccountId) =>
        await fixture.QueryAsync(db => db.Accounts.Where(a => a.PlatformAccountId == platformAccountId).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken));

    private async Task<uint> VersionAsync(long roundId) =>
        await fixture.QueryAsync(db => db.InspectionRounds.Where(r => r.Id == roundId).Select(r => r.Version).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>Opens a round over the whole district, runs it, adds the findings, publishes it; answers its id.</summary>
    private async Task<long> PublishedRoundAsync(string title, DateOnly asOf, params (string Account, ManualFindingKind Kind, ManualFindingItem Item, int Points)[] findings)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = fixture.Services.CreateAsyncScope();
        var unit = await fixture.QueryAsync(db => db.Units.Where(u => u.Code == "B-C").Select(u => u.Id).SingleAsync(ct));
        var round = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command(title, asOf, RoundScope.District, [unit], RoundSampling.AllLive, null, 7), Reviewer, ct);
        var version = (await Get<RunInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, await VersionAsync(round.RoundId)), Reviewer, ct)).Version;
        foreach (var f in findings)
        {
            version = (await Get<AddRoundFinding.Handler>(services).HandleAsync(
                new(round.RoundId, version, await IdAsync(f.Account), f.Kind, f.Item, f.Points, "发现：" + f.Item, "shot.png", new MemoryStream(Png)), Reviewer, ct)).Version;
        }

        await Get<PublishInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, version), Reviewer, ct);
        return round.RoundId;
    }

    /// <summary>The clerk answers the account's task of the round with evidence; the reviewer accepts it.</summary>
    private async Task AcceptTaskAsync(long roundId, int accountId)
    {
        var ct = TestContext.Current.CancellationToken;
        var clerk = new UserScope("clerk", new HashSet<string>([Roles.Clerk]), null, "/");
        var task = await fixture.QueryAsync(db => db.RectificationTasks.AsNoTracking().SingleAsync(t => t.RoundId == roundId && t.AccountId == accountId, ct));
        await using var services = fixture.Services.CreateAsyncScope();
        var answered = await Get<AnswerRectification.Handler>(services).HandleAsync(
            new(task.Id, task.Version, "已整改", [new EvidenceUpload("fix.png", null, new MemoryStream(Png))]), clerk, ct);
        await Get<ReviewRectification.Handler>(services).HandleAsync(new(task.Id, answered, true, null), Reviewer, ct);
    }

    private async Task<IReadOnlyList<InspectionRoundResults.Row>> ResultsAsync(long roundId)
    {
        await using var services = fixture.Services.CreateAsyncScope();
        return (await Get<InspectionRoundResults.Handler>(services).HandleAsync(roundId, 1, 200, Reviewer, TestContext.Current.CancellationToken)).Rows.Items;
    }

    private async Task<InspectionRoundReport.Report> ReportAsync(long roundId, UserScope? scope = null, int days = InspectionRoundReport.DefaultWorkingDays)
    {
        await using var services = fixture.Services.CreateAsyncScope();
        return await Get<InspectionRoundReport.Handler>(services).HandleAsync(roundId, scope ?? Reviewer, days, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Report_FiguresEqualTheRoundsResults_AndNameTheAccountsPerProblem_AndRecheckThePreviousRound()
    {
        var first = await PublishedRoundAsync("第三季度抽查", new DateOnly(2026, 9, 20),
            ("gh_a", ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0),
            ("ks_1", ManualFindingKind.Deduction, ManualFindingItem.CommercialAds, 7));
        var second = await PublishedRoundAsync("第四季度抽查", new DateOnly(2026, 11, 20),
            ("gh_b", ManualFindingKind.Veto, ManualFindingItem.UnusableApp, 0));

        // 望岳发布 failed the first round (a manual veto at least); say the second round's indicators passed it.
        var ghA = await IdAsync("gh_a");
        await fixture.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE inspection_results SET score = 95, vetoes = '{{}}', deductions = '[]', result = 'excellent' WHERE account_id = {ghA} AND inspection_id = (SELECT inspection_id FROM inspection_rounds WHERE id = {second})",
            TestContext.Current.CancellationToken));
        var report = await ReportAsync(second, days: 10);
        var rows = await ResultsAsync(second);
        var firstRows = await ResultsAsync(first);

        // 1) the round's own results, counted by platform; the filing register is the live accounts with a number.
        Assert.Equal(rows.Count, report.Checked);
        Assert.Equal(rows.Count(r => r.Result is InspectionResultKind.Pass or InspectionResultKind.Excellent), report.Passed);
        Assert.Equal(
            rows.GroupBy(r => r.Platform).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(), g.Count(r => r.Result != InspectionResultKind.Fail))),
            report.Platforms.OrderBy(p => p.Platform).Select(p => (p.Platform, p.Checked, p.Passed)));
        Assert.Equal(4, report.Filed); // F-0, F-1, F-2, F-5; F-3 and F-4 are closed and merged.

        // 2) every veto and deduction code and every manual finding, with the accounts that have it.
        var names = rows.ToDictionary(r => r.AccountId, r => r.Name);
        var expected = rows.SelectMany(r => r.Vetoes.Select(v => ("Veto", v, r.Name)))
            .Concat(rows.SelectMany(r => r.Findings.Select(f => ("Manual" + f.Kind, f.Item.ToString(), r.Name))))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal).ThenBy(x => x.Item3, StringComparer.Ordinal)
            .ToList();
        var named = report.Problems.Where(p => p.Source != InspectionRoundReport.ProblemSource.Deduction)
            .SelectMany(p => p.Accounts.Select(a => (p.Source.ToString(), p.Code, a.Name)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, named);
        var manual = Assert.Single(report.Problems, p => p.Source == InspectionRoundReport.ProblemSource.ManualVeto);
        Assert.Equal((nameof(ManualFindingItem.UnusableApp), "望岳优生活"), (manual.Code, Assert.Single(manual.Accounts).Name));
        Assert.Equal("发现：UnusableApp", manual.Accounts[0].Note);

        // 3) ten working days after the publishing day, and the first round's failures re-checked by this round's verdicts.
        await using (var services = fixture.Services.CreateAsyncScope())
        {
            Assert.Equal(Get<ClosureDeadlines>(services).Calendar.AddWorkingDays(report.PublishedOn, 10), report.Deadline);
        }

        Assert.True(report.Deadline >= report.PublishedOn.AddDays(14), "ten working days span at least two weekends");
        Assert.Equal(first, report.PreviousRoundId);
        var failedThen = firstRows.Where(r => r.Result == InspectionResultKind.Fail).Select(r => r.AccountId).Order().ToList();
        Assert.Contains(ghA, failedThen);
        Assert.Equal(failedThen, report.Rechecks.Select(r => r.AccountId).Order());
        Assert.Equal(RecheckOutcome.Unconfirmed, report.Rechecks.Single(r => r.AccountId == ghA).Outcome); // passing now, but nobody accepted a rectification
        Assert.All(report.Rechecks.Where(r => r.AccountId != ghA), r => Assert.Equal(RecheckOutcome.NotFixed, r.Outcome));
        Assert.All(report.Rechecks, r => Assert.Equal(RectificationState.Open, r.Task));
        Assert.Equal("望岳发布", report.Rechecks.Single(r => r.AccountId == names.Keys.Single(k => names[k] == "望岳发布")).Name);

        // Accepted rectifications: 望岳发布 no longer has its problems (整改到位); 望岳优生活 still is not updated (整改不实);
        // 指尖岳麓 was not drawn this time, so its accepted rectification is all the re-check has (整改到位).
        var ghB = await IdAsync("gh_b");
        var hub = await IdAsync("gh_hub");
        Assert.Contains(ghB, failedThen);
        Assert.Contains(hub, failedThen);
        foreach (var account in new[] { ghA, ghB, hub })
        {
            await AcceptTaskAsync(first, account);
        }

        await fixture.ScalarAsync($"WITH d AS (DELETE FROM inspection_round_accounts WHERE round_id = {second} AND account_id = {hub} RETURNING 1) SELECT count(*) FROM d");
        var rechecked = (await ReportAsync(second)).Rechecks.ToDictionary(r => r.AccountId);

        Assert.Equal((RecheckOutcome.Fixed, RectificationState.Accepted), (rechecked[ghA].Outcome, rechecked[ghA].Task));
        Assert.True(rechecked[ghA].Fixed);
        Assert.Equal(RecheckOutcome.Recurred, rechecked[ghB].Outcome);
        Assert.False(rechecked[ghB].Fixed);
        Assert.Equal(RecheckOutcome.Fixed, rechecked[hub].Outcome);
        Assert.All(rechecked.Values.Where(r => r.AccountId != ghA && r.AccountId != ghB && r.AccountId != hub), r => Assert.Equal(RecheckOutcome.NotFixed, r.Outcome));
        var listed = (await ReportAsync(second)).Rechecks.Select(r => r.Outcome).ToList();
        Assert.Equal(listed.Order(), listed); // 未整改 first, 整改到位 last

        // The first round's own report has nothing before it to re-check.
        var earlier = await ReportAsync(first);
        Assert.Null(earlier.PreviousRoundId);
        Assert.Empty(earlier.Rechecks);
        var deduction = Assert.Single(earlier.Problems, p => p.Source == InspectionRoundReport.ProblemSource.ManualDeduction);
        Assert.Equal("望岳快手", Assert.Single(deduction.Accounts).Name);
    }

    [Fact]
    public async Task Report_OfAnUnpublishedRound_OrForAClerk_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = fixture.Services.CreateAsyncScope();
        var unit = await fixture.QueryAsync(db => db.Units.Where(u => u.Code == "B-C").Select(u => u.Id).SingleAsync(ct));
        var round = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("未发布", new DateOnly(2026, 11, 20), RoundScope.District, [unit], RoundSampling.AllLive, null, 1), Reviewer, ct);

        var unpublished = await Assert.ThrowsAsync<RoundException>(() => ReportAsync(round.RoundId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ReportAsync(round.RoundId, Clerk));

        Assert.Equal(RoundError.NotPublished, unpublished.Error);
    }

    [Fact]
    public async Task RoundList_ShowsTheRoundsOfTheUsersScope_NewestFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = fixture.Services.CreateAsyncScope();
        var unit = await fixture.QueryAsync(db => db.Units.Where(u => u.Code == "B-C").Select(u => u.Id).SingleAsync(ct));
        var round = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("列表里的", new DateOnly(2026, 11, 20), RoundScope.District, [unit], RoundSampling.Stratified, 0.5m, 11), Reviewer, ct);
        var elsewhere = new UserScope("other", new HashSet<string>([Roles.Reviewer]), null, "/999999/");

        var mine = await Get<InspectionRoundList.Handler>(services).HandleAsync(1, 200, Reviewer, ct);
        var theirs = await Get<InspectionRoundList.Handler>(services).HandleAsync(1, 200, elsewhere, ct);

        var row = Assert.Single(mine.Items, r => r.Id == round.RoundId);
        Assert.Equal((11L, round.Accounts, RoundState.Open), (row.Seed, row.Accounts, row.State));
        Assert.Equal(mine.Items.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id).Select(r => r.Id), mine.Items.Select(r => r.Id));
        Assert.Empty(theirs.Items);
    }
}
