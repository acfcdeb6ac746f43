using AccountRegistry.Application.Common;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Dashboard;

/// <summary>
/// A constructed county, campaign from 2026-03-01 (all instants Shanghai time):
/// <list type="bullet">
/// <item>county: the hub (2015) and a department account opened 2026-06-01;</item>
/// <item>street 甲: A1 (2019), its community's account closed 2026-04-10, a Douyin account merged into the hub
/// 2026-05-20, A2 (2019) retained after review 2026-06-15;</item>
/// <item>township 乙: B1 (2018) retained 2026-05-10 and decided for closing 2026-09-01, a Weibo account closed 2026-05-02.</item>
/// </list>
/// Evaluations as of 2026-04-01 (closedA STALE, mergedA NEVER_POSTED, A2 LOW_READS+STALE, closedB STALE, B1 LOW_READS)
/// and 2026-07-01 (A2 LOW_READS+STALE, B1 LOW_READS, department NEVER_POSTED). A2's LOW_READS dismissed 04-15 and
/// reopened 07-01 02:00; B1's LOW_READS dismissed 07-10. Requests: A1 filed 06-01, withdrawn 06-03; B1 filed 09-01,
/// submitted 09-02 and never decided (due 09-09); the department's filed 10-01 and left as a draft (due 10-08).
/// Deadlines count weekdays only.
/// Over 300 lines with its tests: the fixture's county is the data every figure below is checked against, so the two
/// are read together.
/// </summary>
public sealed class DashboardCountyFixture : DatabaseFixture
{
    public Unit County { get; private set; } = null!;

    public Unit StreetA { get; private set; } = null!;

    public Unit TownshipB { get; private set; } = null!;

    public Account A2 { get; private set; } = null!;

    public static DateTimeOffset At(int month, int day, int hour = 10) =>
        new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var build = new CountyBuilder(this, "dash");
        County = await build.UnitAsync("示范县", UnitLevel.County);
        var department = await build.UnitAsync("示范县教育局", UnitLevel.Department, County);
        StreetA = await build.UnitAsync("甲街道", UnitLevel.Street, County);
        var community = await build.UnitAsync("甲社区", UnitLevel.Community, StreetA);
        TownshipB = await build.UnitAsync("乙镇", UnitLevel.Township, County);

        var hub = await build.AccountAsync(County, "示范发布", isHub: true, openedOn: new DateOnly(2015, 1, 1));
        var dept = await build.AccountAsync(department, "示范教育", Platform.Weibo, openedOn: new DateOnly(2026, 6, 1));
        var a1 = await build.AccountAsync(StreetA, "甲街道发布", openedOn: new DateOnly(2019, 1, 1));
        var closedA = await build.AccountAsync(community, "甲社区之家", openedOn: new DateOnly(2020, 1, 1));
        var mergedA = await build.AccountAsync(StreetA, "甲街道抖音", Platform.Douyin, openedOn: new DateOnly(2021, 1, 1));
        A2 = await build.AccountAsync(StreetA, "甲街道微博", Platform.Weibo, openedOn: new DateOnly(2019, 1, 1));
        var b1 = await build.AccountAsync(TownshipB, "乙镇发布", openedOn: new DateOnly(2018, 1, 1));
        var closedB = await build.AccountAsync(TownshipB, "乙镇微博", Platform.Weibo, openedOn: new DateOnly(2018, 6, 1));

        await using var db = CreateContext();
        var hubEntity = await db.Accounts.FindAsync(hub.Id);
        foreach (var (id, change) in new (int, Func<Account, AccountStatusChange>)[]
        {
            (closedA.Id, a => a.Close(new DateOnly(2026, 4, 10), "test", "t", DateTimeOffset.UtcNow)),
            (mergedA.Id, a => a.MergeInto(hubEntity!, new DateOnly(2026, 5, 20), "test", "t", DateTimeOffset.UtcNow)),
            (closedB.Id, a => a.Close(new DateOnly(2026, 5, 2), "test", "t", DateTimeOffset.UtcNow)),
        })
        {
            var account = await db.Accounts.FindAsync(id);
            db.AccountStatusChanges.Add(change(account!));
        }

        var april = Evaluation(new DateOnly(2026, 4, 1));
        var july = Evaluation(new DateOnly(2026, 7, 1));
        db.Evaluations.AddRange(april, july);
        await db.SaveChangesAsync();
        db.EvaluationResults.AddRange(
            Result(april, closedA, RuleCode.Stale),
            Result(april, mergedA, RuleCode.NeverPosted),
            Result(april, A2, RuleCode.LowReads, RuleCode.Stale),
            Result(april, closedB, RuleCode.Stale),
            Result(april, b1, RuleCode.LowReads),
            Result(july, A2, RuleCode.LowReads, RuleCode.Stale),
            Result(july, b1, RuleCode.LowReads),
            Result(july, dept, RuleCode.NeverPosted));

        // Dismissed in April, reopened by July's evaluation: open again, the dismissal kept as its record.
        var a2LowReads = Flag.Open(A2.Id, RuleCode.LowReads, april.Id, april.AsOf, "{}", null, At(4, 1, 2));
        a2LowReads.Dismiss("reviewer", "暂缓", At(4, 15));
        Assert.Equal(FlagTransition.Reopened, a2LowReads.Fire(july.Id, july.AsOf, "{}", null, dismissalDays: 1, At(7, 1, 2)));
        var b1LowReads = Flag.Open(b1.Id, RuleCode.LowReads, july.Id, july.AsOf, "{}", null, At(4, 1, 2));
        b1LowReads.Dismiss("reviewer", "季节性", At(7, 10));
        db.Flags.AddRange(a2LowReads, b1LowReads);
        await db.SaveChangesAsync();

        db.ReviewDecisions.AddRange(
            ReviewDecision.Dismissal(Basis(A2, StreetA, april, RuleCode.LowReads), a2LowReads.Id, RuleCode.LowReads, "暂缓", "reviewer", At(4, 15)),
            ReviewDecision.Retain(Basis(b1, TownshipB, april, RuleCode.LowReads), RetainReason.CarriesService, null, "reviewer", At(5, 10)),
            ReviewDecision.Retain(Basis(A2, StreetA, april, RuleCode.Stale), RetainReason.HighReach, null, "reviewer", At(6, 15)),
            ReviewDecision.Dismissal(Basis(b1, TownshipB, july, RuleCode.LowReads), b1LowReads.Id, RuleCode.LowReads, "季节性", "reviewer", At(7, 10)),
            ReviewDecision.Close(Basis(b1, TownshipB, july, RuleCode.LowReads), null, "reviewer", At(9, 1)));

        var deadlines = new ClosureDeadlines(new WorkingCalendar([], []));
        var clerk = ClosureActor.Clerk("clerk");
        var details = new ClosureDetails([ClosureReason.Stale], null, new DateOnly(2026, 12, 31), null, null);
        var withdrawn = ClosureRequest.FileClosure(clerk, a1, ClosureKind.Close, details, At(6, 1), deadlines);
        withdrawn.Withdraw(clerk, null, At(6, 3), deadlines);
        var waiting = ClosureRequest.FileClosure(clerk, b1, ClosureKind.Close, details, At(9, 1), deadlines);
        waiting.Submit(clerk, At(9, 2), deadlines);
        var draft = ClosureRequest.FileClosure(clerk, dept, ClosureKind.Close, details, At(10, 1), deadlines);
        db.ClosureRequests.AddRange(withdrawn, waiting, draft);
        await db.SaveChangesAsync();
    }

    private static Evaluation Evaluation(DateOnly asOf) => new()
    {
        AsOf = asOf,
        Thresholds = "{}",
        StartedAt = new DateTimeOffset(asOf.ToDateTime(new TimeOnly(2, 0)), TimeSpan.FromHours(8)).ToUniversalTime(),
        TriggeredBy = Domain.Rules.Evaluation.Nightly,
        UpdatedFlags = true,
    };

    private static EvaluationResult Result(Evaluation evaluation, Account account, params RuleCode[] rules) => new()
    {
        EvaluationId = evaluation.Id,
        AccountId = account.Id,
        Recommendation = Recommendation.Close,
        Rules = [.. rules.Order(RuleCodes.ByCode)],
    };

    private static ReviewBasis Basis(Account account, Unit unit, Evaluation evaluation, RuleCode rule) =>
        new(account.Id, unit.Id, [rule], evaluation.Id, Recommendation.Close);
}

public sealed class DashboardFiguresTests(DashboardCountyFixture fixture) : IClassFixture<DashboardCountyFixture>, IAsyncDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Dictionary<string, string?> Settings = new() { ["Dashboard:CampaignStart"] = "2026-03-01", ["Dashboard:RecheckAfter"] = "00:00:01" };

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    private ServiceProvider? services;

    /// <summary>The app's service container over the fixture's database, with the campaign starting in March.</summary>
    private ServiceProvider Services => services ??= AppServices.Build(fixture.ConnectionString, clock, Settings);

    private DashboardFigures.Handler Figures => Services.GetRequiredService<DashboardFigures.Handler>();

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    private UserScope Leader => new("leader", new HashSet<string> { Roles.Leader }, fixture.County.Id, fixture.County.Path);

    private Task<DashboardFigures.Summary> AsOfAsync(int month, int day, UserScope? scope = null) =>
        Figures.SummaryAsync(new DateOnly(2026, month, day), scope ?? Leader, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Summary_Today_MatchesHandCountedFigures()
    {
        var summary = await AsOfAsync(11, 23);

        Assert.Equal(
            new DashboardFigures.Tiles(Total: 8, Active: 5, Closed: 2, Merged: 1, BeforeCampaign: 7, Retained: 1, OpenFlags: 3, Zombies: 2, RequestsInProgress: 2, OverdueRequests: 2),
            summary.Tiles);
        Assert.Equal(
            [new("community", 0, 1, 0, 0), new("county", 1, 0, 0, 0), new("department", 1, 0, 0, 0), new("street", 2, 0, 1, 1), new("township", 1, 1, 0, 0)],
            summary.ByLevel);
        Assert.Equal([new("douyin", 0, 0, 1, 0), new("wechat", 3, 1, 0, 0), new("weibo", 2, 1, 0, 1)], summary.ByPlatform);
        Assert.Equal(9, summary.Trend.Count);
        Assert.Equal(new DashboardFigures.MonthlyChanges(new DateOnly(2026, 4, 1), 1, 0), summary.Trend[1]);
        Assert.Equal(new DashboardFigures.MonthlyChanges(new DateOnly(2026, 5, 1), 1, 1), summary.Trend[2]);
        Assert.Equal(3, summary.Trend.Sum(m => m.Closed + m.Merged));
        Assert.Equal([new(new DateOnly(2026, 4, 1), 4), new(new DateOnly(2026, 7, 1), 2)], summary.ZombieTrend);
    }

    [Fact]
    public async Task Summary_AsOfAPastDay_UsesTheStatusHistoryOfThatDay()
    {
        var april = await AsOfAsync(4, 30);
        var beforeAll = await AsOfAsync(3, 31);

        // The department account opened 2026-06-01 did not exist yet; only the street's community account was closed.
        // April's evaluation: mergedA, A2 (STALE; its LOW_READS dismissed 04-15), closedB, B1 carry a flag each.
        Assert.Equal(
            new DashboardFigures.Tiles(Total: 7, Active: 6, Closed: 1, Merged: 0, BeforeCampaign: 7, Retained: 0, OpenFlags: 4, Zombies: 3, RequestsInProgress: 0, OverdueRequests: 0),
            april.Tiles);
        Assert.Equal(
            new DashboardFigures.Tiles(Total: 7, Active: 7, Closed: 0, Merged: 0, BeforeCampaign: 7, Retained: 0, OpenFlags: 0, Zombies: 0, RequestsInProgress: 0, OverdueRequests: 0),
            beforeAll.Tiles);
        Assert.Equal(2, april.Trend.Count);
        Assert.Equal([new(new DateOnly(2026, 4, 1), 4)], april.ZombieTrend);
        Assert.Empty(beforeAll.ZombieTrend);
    }

    [Theory]
    [InlineData(4, 5, 6)] // every firing of April's run; nothing dismissed or closed yet
    [InlineData(5, 1, 4)] // closedA closed 04-10, A2's LOW_READS dismissed 04-15
    [InlineData(7, 5, 4)] // July's run: A2's LOW_READS reopened 07-01, B1's not yet dismissed, the department's NEVER_POSTED
    [InlineData(7, 10, 3)] // B1's LOW_READS dismissed that day
    public async Task OpenFlags_AsOfADay_CountFiringsLessStandingDismissals(int month, int day, int expected)
    {
        var summary = await AsOfAsync(month, day);

        Assert.Equal(expected, summary.Tiles.OpenFlags);
    }

    [Theory]
    [InlineData(5, 9, 0)]
    [InlineData(5, 10, 1)] // B1 retained
    [InlineData(6, 15, 2)] // and A2
    [InlineData(8, 31, 2)]
    [InlineData(9, 1, 1)] // B1's later close decision supersedes its retain
    public async Task Retained_IsTheLatestSettlingDecisionOfTheDay(int month, int day, int expected)
    {
        var summary = await AsOfAsync(month, day);

        Assert.Equal(expected, summary.Tiles.Retained);
    }

    [Theory]
    [InlineData(5, 31, 0, 0)]
    [InlineData(6, 2, 1, 0)] // A1's request, due 06-08
    [InlineData(6, 3, 0, 0)] // withdrawn
    [InlineData(9, 9, 1, 0)] // B1's, submitted 09-02 and due 09-09
    [InlineData(9, 10, 1, 1)] // one day late
    [InlineData(10, 9, 2, 2)] // the department's draft, due 10-08, too
    public async Task Requests_InProgressAndOverdue_AsOfADay(int month, int day, int inProgress, int overdue)
    {
        var summary = await AsOfAsync(month, day);

        Assert.Equal((inProgress, overdue), (summary.Tiles.RequestsInProgress, summary.Tiles.OverdueRequests));
    }

    [Fact]
    public async Task Townships_CountTheirWholeSubtree_AsOfTheDay()
    {
        var today = (await AsOfAsync(11, 23)).Townships;
        var july = (await AsOfAsync(7, 5)).Townships;

        var a = today.Single(t => t.UnitName == "甲街道");
        var b = today.Single(t => t.UnitName == "乙镇");
        Assert.Equal(new DashboardFigures.TownshipRow(fixture.StreetA.Id, "甲街道", "street", 4, 4, 2, 1, 1, 1, 2, 1, 0, 0), a);
        Assert.Equal(new DashboardFigures.TownshipRow(fixture.TownshipB.Id, "乙镇", "township", 2, 2, 1, 1, 0, 0, 0, 0, 1, 1), b);
        Assert.Equal(2, today.Count);
        Assert.Equal(new DashboardFigures.TownshipRow(fixture.TownshipB.Id, "乙镇", "township", 2, 2, 1, 1, 0, 1, 1, 0, 0, 0), july.Single(t => t.UnitName == "乙镇"));
        Assert.Equal((2, 1, 1, 1), july.Single(t => t.UnitName == "甲街道") is var j ? (j.OpenFlags, j.Zombies, j.Retained, j.Closed) : default);
    }

    [Theory]
    [InlineData(10, 6, 9)]
    [InlineData(9, 30, 9)]
    [InlineData(10, 1, 9)]
    public async Task Reach_EndsAtTheLastCompleteMonth(int month, int day, int lastMonth)
    {
        var reach = await Figures.ReachAsync(new DateOnly(2026, month, day), Leader, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(18, reach.Count);
        Assert.Equal(new DateOnly(2026, lastMonth, 1), reach[^1].Month);
    }

    [Fact]
    public async Task Clerk_SeesOnlyTheirOwnTownshipsFigures()
    {
        var clerk = new UserScope("clerk", new HashSet<string> { Roles.Clerk }, fixture.TownshipB.Id, fixture.TownshipB.Path);

        var summary = await AsOfAsync(11, 23, clerk);

        Assert.Equal(
            new DashboardFigures.Tiles(Total: 2, Active: 1, Closed: 1, Merged: 0, BeforeCampaign: 2, Retained: 0, OpenFlags: 0, Zombies: 0, RequestsInProgress: 1, OverdueRequests: 1),
            summary.Tiles);
        Assert.Equal(["乙镇"], summary.Townships.Select(t => t.UnitName));
        Assert.Equal([new(new DateOnly(2026, 4, 1), 1), new(new DateOnly(2026, 7, 1), 0)], summary.ZombieTrend);
    }

    [Fact]
    public async Task ZombieTrend_FollowsAnAccountThatMovesToAnotherUnit()
    {
        var clerkB = new UserScope("clerk", new HashSet<string> { Roles.Clerk }, fixture.TownshipB.Id, fixture.TownshipB.Path);
        var clerkA = new UserScope("clerk", new HashSet<string> { Roles.Clerk }, fixture.StreetA.Id, fixture.StreetA.Path);
        var aprilA = (await AsOfAsync(11, 23, clerkA)).ZombieTrend.Single(d => d.Day == new DateOnly(2026, 4, 1)).Zombies;
        await using var db = RegistryDbContextOptions.Create(fixture.ConnectionString);
        // The township's zombie of the April run (the per-unit counts are kept by triggers, not recomputed per request).
        var zombie = await db.Database.SqlQueryRaw<int>(
            """
            SELECT r.account_id AS "Value" FROM evaluation_results r JOIN evaluations e ON e.id = r.evaluation_id
            JOIN accounts a ON a.id = r.account_id
            WHERE e.as_of = '2026-04-01' AND r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[] AND a.unit_id = {0}
            """, fixture.TownshipB.Id).SingleAsync(TestContext.Current.CancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET unit_id = {0} WHERE id = {1}", [fixture.StreetA.Id, zombie], TestContext.Current.CancellationToken);

            Assert.Equal([new(new DateOnly(2026, 4, 1), 0), new(new DateOnly(2026, 7, 1), 0)], (await AsOfAsync(11, 23, clerkB)).ZombieTrend);
            Assert.Equal(aprilA + 1, (await AsOfAsync(11, 23, clerkA)).ZombieTrend.Single(d => d.Day == new DateOnly(2026, 4, 1)).Zombies);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET unit_id = {0} WHERE id = {1}", [fixture.TownshipB.Id, zombie], TestContext.Current.CancellationToken);
        }

        Assert.Equal([new(new DateOnly(2026, 4, 1), 1), new(new DateOnly(2026, 7, 1), 0)], (await AsOfAsync(11, 23, clerkB)).ZombieTrend);
    }

    [Fact]
    public async Task CampaignStart_NotConfigured_IsTheFirstEvaluationThatRaisedFlags()
    {
        await using var unconfigured = AppServices.Build(fixture.ConnectionString, clock, new Dictionary<string, string?>());
        var figures = unconfigured.GetRequiredService<DashboardFigures.Handler>();
        var ct = TestContext.Current.CancellationToken;

        var today = await figures.SummaryAsync(Today, Leader, ct);
        var beforeAnyRun = await figures.SummaryAsync(new DateOnly(2026, 3, 15), Leader, ct);

        // The fixture's first run is as of 2026-04-01: the department account (opened 2026-06-01) is the only one of
        // the eight opened after it, and the trend runs from April.
        Assert.Equal(new DateOnly(2026, 4, 1), today.CampaignStart);
        Assert.Equal(7, today.Tiles.BeforeCampaign);
        Assert.Equal(new DateOnly(2026, 4, 1), today.Trend[0].Month);

        // Like a configured day, it is one day for the whole dashboard, whichever day the dashboard shows.
        Assert.Equal(new DateOnly(2026, 4, 1), beforeAnyRun.CampaignStart);
    }

    [Fact]
    public async Task Cache_KeepsFiguresUntilAWriteCommits_ThenRecomputes()
    {
        var cache = Services.GetRequiredService<DashboardSummaryCache>();
        var far = new DateOnly(2030, 1, 1);
        var ct = TestContext.Current.CancellationToken;

        var first = await cache.SummaryAsync(far, Leader, ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        var unchanged = await cache.SummaryAsync(far, Leader, ct);
        await using (var db = fixture.CreateContext())
        {
            var a2 = await db.Accounts.FindAsync([fixture.A2.Id], ct);
            db.AccountStatusChanges.Add(a2!.Close(new DateOnly(2029, 12, 1), "test", "t", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(ct);
        }

        var withinRecheck = await cache.SummaryAsync(far, Leader, ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await cache.SummaryAsync(far, Leader, ct);

        Assert.Same(first, unchanged);
        Assert.Same(first, withinRecheck);
        Assert.NotSame(first, after);
        Assert.Equal(first.Tiles.Closed + 1, after.Tiles.Closed);
    }
}
