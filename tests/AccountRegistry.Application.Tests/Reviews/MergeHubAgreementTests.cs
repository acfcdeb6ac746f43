using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Reviews;

/// <summary>
/// "The hub this account merges into" has one answer (spec/rules.md: the lowest platform account id where a step
/// finds several hubs), whoever asks: the rules, the review decision, the closure form's default and the notice.
/// </summary>
public sealed class MergeHubAgreementTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly UserScope Reviewer = new("王审核", new HashSet<string>([Roles.Reviewer]), null, "/");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoLiveHubsOnOnePlatform_RulesDecisionClosureFormAndNotice_NameTheLowestPlatformAccountId()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County, name: "某县");
        var east = await world.UnitAsync("T1", UnitLevel.Township, county, "东镇");
        var west = await world.UnitAsync("T2", UnitLevel.Township, county, "西镇");

        // Created first, so the lower database id, but the higher platform account id: the spec's tie-break says no.
        var older = await world.AccountAsync(county, "gh_zz_hub", isHub: true, name: "某县发布乙");
        var spec = await world.AccountAsync(county, "gh_aa_hub", isHub: true, name: "某县发布甲");
        var merging = await world.AccountAsync(east, "gh_east", name: "东镇发布");
        await world.PostAsync(merging, Shanghai(2026, 11, 22), reads: 500);
        var closing = await world.AccountAsync(west, "gh_west", name: "西镇发布");
        await world.EvaluateAsync(T);

        int? rules;
        await using (var db = world.Context())
        {
            rules = await db.EvaluationResults.Where(r => r.AccountId == merging.Id).Select(r => r.MergeTargetAccountId).SingleAsync(Ct);
        }

        var merged = await world.Get<DecideAccount.Handler>().HandleAsync(new DecideAccount.Command { AccountId = merging.Id, Kind = DecisionKind.Merge }, Reviewer, Ct);
        var closed = await world.Get<DecideAccount.Handler>().HandleAsync(new DecideAccount.Command { AccountId = closing.Id, Kind = DecisionKind.Close }, Reviewer, Ct);
        var formDefault = (await world.Get<ClosureForm.Handler>().AccountAsync(merging.Id, Reviewer, Ct)).DefaultHub?.Id;

        await using var read = world.Context();
        var decision = await read.ReviewDecisions.Where(d => d.Id == merged.DecisionId).Select(d => d.MergeTargetAccountId).SingleAsync(Ct);
        var mergeRequest = await read.ClosureRequests.Include(r => r.Unit).Include(r => r.Account).SingleAsync(r => r.Id == merged.ClosureRequestId, Ct);
        var closeRequest = await read.ClosureRequests.Include(r => r.Unit).Include(r => r.Account).SingleAsync(r => r.Id == closed.ClosureRequestId, Ct);
        var mergeNotice = await ClosureNotices.ComposeAsync(read, mergeRequest, T, Ct);
        var closeNotice = await ClosureNotices.ComposeAsync(read, closeRequest, T, Ct);

        Assert.True(older.Id < spec.Id);
        Assert.Equal(spec.Id, rules);
        Assert.Equal(spec.Id, decision);
        Assert.Equal(spec.Id, mergeRequest.MergeTargetAccountId);
        Assert.Equal(spec.Id, formDefault);
        Assert.Contains("某县发布甲", mergeNotice, StringComparison.Ordinal);
        Assert.DoesNotContain("某县发布乙", mergeNotice, StringComparison.Ordinal);
        Assert.Contains("某县发布甲", closeNotice, StringComparison.Ordinal);
        Assert.DoesNotContain("某县发布乙", closeNotice, StringComparison.Ordinal);
    }
}
