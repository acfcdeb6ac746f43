using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Tests.Filings;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// Inspection rounds against real PostgreSQL, on the filing fixture's county: live accounts by stratum
/// (platform × township) are (wechat, county) 1, (wechat, 望岳街道) 3, (douyin) 1, (bilibili) 1, (kuaishou) 2.
/// </summary>
public sealed class InspectionRoundTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private static readonly UserScope Reviewer = new("reviewer", new HashSet<string>([Roles.Reviewer]), null, "/");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly DateOnly AsOf = new(2026, 11, 20);

    private T Get<T>(AsyncServiceScope services)
        where T : notnull => services.ServiceProvider.GetRequiredService<T>();

    private async Task<int> UnitAsync(string code) =>
        await fixture.QueryAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));

    private async Task<OpenInspectionRound.Result> OpenAsync(RoundSampling sampling, decimal? share, long? seed, RoundScope scope = RoundScope.District, string unit = "B-C")
    {
        await using var services = fixture.Services.CreateAsyncScope();
        return await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("第四季度抽查", AsOf, scope, [await UnitAsync(unit)], sampling, share, seed), Reviewer, TestContext.Current.CancellationToken);
    }

    private async Task<List<int>> SampleAsync(long roundId) =>
        await fixture.QueryAsync(db => db.InspectionRoundAccounts.Where(a => a.RoundId == roundId).Select(a => a.AccountId).OrderBy(a => a).ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>Runs the round and records a 10-point deduction for commercial ads on the account, with its screenshot.</summary>
    private async Task<AddRoundFinding.Result> RunWithAnAdFindingAsync(AsyncServiceScope services, long roundId, int accountId)
    {
        var ct = TestContext.Current.CancellationToken;
        var run = await Get<RunInspectionRound.Handler>(services).HandleAsync(new(roundId, await VersionAsync(roundId)), Reviewer, ct);
        return await Get<AddRoundFinding.Handler>(services).HandleAsync(
            new(roundId, run.Version, accountId, ManualFindingKind.Deduction, ManualFindingItem.CommercialAds, 10, "推送商业广告", "ad.png", new MemoryStream(Png)), Reviewer, ct);
    }

    private async Task<uint> VersionAsync(long roundId) =>
        await fixture.QueryAsync(db => db.InspectionRounds.Where(r => r.Id == roundId).Select(r => r.Version).SingleAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Open_AllLive_DrawsEveryLiveAccountOfTheDistrict()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 5);

        Assert.Equal(8, round.Accounts);
        Assert.Equal(8, (await SampleAsync(round.RoundId)).Count);
    }

    [Fact]
    public async Task Open_Stratified_TakesTheShareRoundedUpAndAtLeastOnePerStratum_ReproduciblyFromTheSeed()
    {
        var first = await OpenAsync(RoundSampling.Stratified, 0.5m, 20261120);
        var again = await OpenAsync(RoundSampling.Stratified, 0.5m, 20261120);

        // ceil(0.5 × 3) = 2 of the street's WeChat accounts, 1 of each other stratum.
        Assert.Equal(6, first.Accounts);
        Assert.Equal(await SampleAsync(first.RoundId), await SampleAsync(again.RoundId));
        var strata = await fixture.QueryAsync(db => db.InspectionRoundAccounts.Where(a => a.RoundId == first.RoundId)
            .GroupBy(a => new { a.Platform, a.TownshipUnitId }).Select(g => g.Count()).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, strata.Count);
        Assert.All(strata, n => Assert.InRange(n, 1, 2));

        // Another seed may draw other accounts, never other counts.
        var other = await OpenAsync(RoundSampling.Stratified, 0.5m, 7);
        Assert.Equal(6, other.Accounts);
    }

    [Fact]
    public async Task Open_TownshipScope_DrawsOnlyThatTownshipsAccounts()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 1, RoundScope.Townships, "B-S");

        Assert.Equal(7, round.Accounts);
    }

    [Fact]
    public async Task Open_CountyAsTownship_OrByAClerk_IsRefused()
    {
        await Assert.ThrowsAsync<RoundException>(() => OpenAsync(RoundSampling.AllLive, null, 1, RoundScope.Townships, "B-C"));
        await using var services = fixture.Services.CreateAsyncScope();
        var clerk = new UserScope("clerk", new HashSet<string>([Roles.Clerk]), null, "/");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("x", AsOf, RoundScope.District, [1], RoundSampling.AllLive, null), clerk, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Round_RunFindPublish_ThenFrozenAndScoredWithTheManualFindings()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 3);
        var accountId = (await SampleAsync(round.RoundId))[0];
        await using var services = fixture.Services.CreateAsyncScope();

        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<RoundException>(() => Get<PublishInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, 0), Reviewer, ct));
        var run = await Get<RunInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, await VersionAsync(round.RoundId)), Reviewer, ct);
        var exe = await Assert.ThrowsAsync<ClosureException>(() => Get<AddRoundFinding.Handler>(services).HandleAsync(
            new(round.RoundId, run.Version, accountId, ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0, "菜单打不开", "menu.png", new MemoryStream("MZ\x90\0\x03\0\0\0"u8.ToArray())), Reviewer, ct));
        var finding = await Get<AddRoundFinding.Handler>(services).HandleAsync(
            new(round.RoundId, run.Version, accountId, ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0, "菜单打不开", "menu.png", new MemoryStream(Png)), Reviewer, ct);
        var stale = await Assert.ThrowsAsync<RoundException>(() => Get<PublishInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, run.Version), Reviewer, ct));
        await Get<PublishInspectionRound.Handler>(services).HandleAsync(new(round.RoundId, finding.Version), Reviewer, ct);
        var published = await VersionAsync(round.RoundId);
        var frozen = await Assert.ThrowsAsync<RoundException>(() => Get<AddRoundFinding.Handler>(services).HandleAsync(
            new(round.RoundId, published, accountId, ManualFindingKind.Deduction, ManualFindingItem.Other, 5, "x", "a.png", new MemoryStream(Png)), Reviewer, ct));
        var results = await Get<InspectionRoundResults.Handler>(services).HandleAsync(round.RoundId, 1, 50, Reviewer, ct);

        Assert.Contains(ClosureError.AttachmentIsExecutable, exe.Errors);
        Assert.Equal(RoundError.Conflict, stale.Error);
        Assert.Equal(RoundError.Frozen, frozen.Error);
        Assert.Equal((RoundState.Published, (long?)run.InspectionId), (results.State, results.InspectionId));
        Assert.Equal(8, results.Rows.TotalCount);
        var row = results.Rows.Items.Single(r => r.AccountId == accountId);
        Assert.Equal(InspectionResultKind.Fail, row.Result);
        Assert.True(row.Score <= InspectionScorer.VetoScoreCap);
        Assert.Equal("menu.png", Assert.Single(row.Findings).FileName);
        Assert.All(results.Rows.Items, r => Assert.NotNull(r.IndicatorScore));

        // Without manual findings a round's verdict is the indicators' own, under the settings that inspection ran with.
        var stored = await fixture.QueryAsync(db => db.InspectionResults.Where(v => v.InspectionId == run.InspectionId)
            .ToDictionaryAsync(v => v.AccountId, v => (v.Result, v.Score), ct));
        Assert.All(results.Rows.Items.Where(r => r.Findings.Count == 0), r => Assert.Equal(stored[r.AccountId], (r.Result!.Value.ToCode(), r.Score!.Value)));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = 'inspection_round.published' AND entity_id = '{round.RoundId}'"));
    }

    [Fact]
    public async Task RemoveFinding_BeforePublishing_TakesItBackAndAuditsWhy()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 6);
        var accountId = (await SampleAsync(round.RoundId))[1];
        await using var services = fixture.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        var added = await RunWithAnAdFindingAsync(services, round.RoundId, accountId);

        await Assert.ThrowsAsync<RoundException>(() => Get<RemoveRoundFinding.Handler>(services).HandleAsync(new(round.RoundId, added.Version, added.FindingId, " "), Reviewer, ct));
        var version = await Get<RemoveRoundFinding.Handler>(services).HandleAsync(new(round.RoundId, added.Version, added.FindingId, "截图属于另一账号"), Reviewer, ct);
        var results = await Get<InspectionRoundResults.Handler>(services).HandleAsync(round.RoundId, 1, 50, Reviewer, ct);

        Assert.NotEqual(added.Version, version);
        Assert.Empty(results.Rows.Items.Single(r => r.AccountId == accountId).Findings);
        Assert.Equal(1, await fixture.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE action = 'inspection_round.finding_removed' AND entity_id = '{round.RoundId}' AND details->>'reason' = '截图属于另一账号'"));
    }

    [Fact]
    public async Task AuditDetails_NameScopeSamplingAndFindings_ByTheirStoredCodes()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 7, RoundScope.Townships, "B-S");
        var accountId = (await SampleAsync(round.RoundId))[0];
        await using var services = fixture.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        var added = await RunWithAnAdFindingAsync(services, round.RoundId, accountId);
        await Get<RemoveRoundFinding.Handler>(services).HandleAsync(new(round.RoundId, added.Version, added.FindingId, "截图属于另一账号"), Reviewer, ct);

        var details = await fixture.QueryAsync(db => db.AuditEntries
            .Where(a => a.EntityType == "inspection_round" && a.EntityId == round.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync(ct));
        Assert.Contains(details, d => d.Contains("\"scope\": \"townships\"", StringComparison.Ordinal) && d.Contains("\"sampling\": \"all_live\"", StringComparison.Ordinal));
        Assert.Equal(2, details.Count(d => d.Contains("\"kind\": \"deduction\"", StringComparison.Ordinal) && d.Contains("\"item\": \"commercial_ads\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Round_OfAnotherDistrict_IsNotFound()
    {
        var round = await OpenAsync(RoundSampling.AllLive, null, 4);
        var elsewhere = new UserScope("reviewer.b", new HashSet<string>([Roles.Reviewer]), 999, "/999/");
        await using var services = fixture.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            Get<InspectionRoundResults.Handler>(services).HandleAsync(round.RoundId, 1, 10, elsewhere, TestContext.Current.CancellationToken));
    }
}
