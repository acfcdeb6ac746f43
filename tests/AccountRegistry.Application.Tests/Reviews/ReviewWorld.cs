using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using AccountRegistry.TestSupport.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Reviews;

/// <summary>
/// Two counties of their own in the class's database, built afresh for each test so tests never share review state:
/// 岳麓区 with its media center's hubs, a street with a community, a township and a department; 望城区 with one
/// flagged account. One evaluation flagged five accounts of 岳麓区 and one of 望城区.
/// </summary>
public sealed class ReviewWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private ReviewWorld(DatabaseFixture fixture, string prefix)
    {
        Fixture = fixture;
        Prefix = prefix;
        Clock = new FakeTimeProvider(Now);
        Services = AppServices.Build(fixture.ConnectionString, Clock);
    }

    public DatabaseFixture Fixture { get; }

    public string Prefix { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The app's service container over the class's database, on this world's clock: tests take their handlers from it.</summary>
    public ServiceProvider Services { get; }

    public Unit County { get; private set; } = null!;

    public Unit MediaCenter { get; private set; } = null!;

    public Unit Street { get; private set; } = null!;

    public Unit Community { get; private set; } = null!;

    public Unit Township { get; private set; } = null!;

    public Unit Department { get; private set; } = null!;

    public Unit OtherCounty { get; private set; } = null!;

    public Account HubWechat { get; private set; } = null!;

    public Account HubWeibo { get; private set; } = null!;

    public Account OtherHub { get; private set; } = null!;

    /// <summary>STALE + BELOW_COUNTY_LEVEL, recommendation close, flagged 40 days ago.</summary>
    public Account StreetWechat { get; private set; } = null!;

    /// <summary>BELOW_COUNTY_LEVEL, merge into <see cref="HubWeibo"/>.</summary>
    public Account StreetWeibo { get; private set; } = null!;

    /// <summary>DUPLICATE_CONTENT + BELOW_COUNTY_LEVEL, merge into <see cref="HubWechat"/>.</summary>
    public Account CommunityWechat { get; private set; } = null!;

    /// <summary>NEVER_POSTED + BELOW_COUNTY_LEVEL, close.</summary>
    public Account TownshipDouyin { get; private set; } = null!;

    /// <summary>LOW_READS + UNATTENDED, close.</summary>
    public Account DepartmentWechat { get; private set; } = null!;

    public Account Healthy { get; private set; } = null!;

    /// <summary>In 望城区: STALE, close.</summary>
    public Account OtherCountyWechat { get; private set; } = null!;

    public Evaluation Evaluation { get; private set; } = null!;

    public UserScope Reviewer => Scope("reviewer", Roles.Reviewer, County);

    public UserScope SecondReviewer => Scope("reviewer2", Roles.Reviewer, County);

    public UserScope OtherCountyReviewer => Scope("reviewer-wc", Roles.Reviewer, OtherCounty);

    public UserScope StreetClerk => Scope("clerk", Roles.Clerk, Street);

    public UserScope Leader => Scope("leader", Roles.Leader, County);

    public UserScope Admin => UserScope.System;

    public ReviewQueue.Handler Queue => Get<ReviewQueue.Handler>();

    public ReviewCase.Handler Case => Get<ReviewCase.Handler>();

    public DecideAccount.Handler Decide => Get<DecideAccount.Handler>();

    public DismissFlag.Handler Dismiss => Get<DismissFlag.Handler>();

    public BulkDecide.Handler Bulk => Get<BulkDecide.Handler>();

    public FlagsExport.Handler Export => Get<FlagsExport.Handler>();

    public SavedFilters.Handler Filters => Get<SavedFilters.Handler>();

    public AuditSearch.Handler Audit => Get<AuditSearch.Handler>();

    /// <summary>The filter of this world's county, so queries by an admin stay inside it.</summary>
    public ReviewQueue.Filter InCounty => new() { UnitId = County.Id };

    public static async Task<ReviewWorld> CreateAsync(DatabaseFixture fixture, string prefix)
    {
        var world = new ReviewWorld(fixture, prefix);
        await world.BuildAsync();
        return world;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public UserScope Scope(string user, string role, Unit unit) =>
        new($"{user}-{Prefix}", new HashSet<string> { role }, unit.Id, unit.Path);

    public RegistryDbContext Db() => Fixture.CreateContext();

    /// <summary>The closure requests that decisions in this world's county opened (committed: read from a fresh context).</summary>
    public async Task<IReadOnlyList<(long DecisionId, DecisionKind Kind, int AccountId)>> ClosuresOpenedAsync()
    {
        await using var db = Db();
        var opened = await db.ClosureRequests
            .Where(r => r.ReviewDecisionId != null && r.Unit!.Path.StartsWith(County.Path))
            .OrderBy(r => r.Id)
            .Select(r => new { DecisionId = r.ReviewDecisionId!.Value, r.Kind, AccountId = r.AccountId!.Value })
            .ToListAsync(TestContext.Current.CancellationToken);
        return opened.Select(r => (r.DecisionId, r.Kind == ClosureKind.Merge ? DecisionKind.Merge : DecisionKind.Close, r.AccountId)).ToList();
    }

    private async Task BuildAsync()
    {
        var build = new CountyBuilder(Fixture, Prefix);
        County = await build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        MediaCenter = await build.UnitAsync("岳麓区融媒体中心", UnitLevel.Department, County);
        Department = await build.UnitAsync("岳麓区统计局", UnitLevel.Department, County);
        Street = await build.UnitAsync("望岳街道办事处", UnitLevel.Street, County);
        Community = await build.UnitAsync("望岳社区居民委员会", UnitLevel.Community, Street);
        Township = await build.UnitAsync("莲花镇人民政府", UnitLevel.Township, County);
        OtherCounty = await build.UnitAsync("望城区人民政府", UnitLevel.County);

        HubWechat = await build.AccountAsync(MediaCenter, "指尖岳麓", isHub: true);
        HubWeibo = await build.AccountAsync(MediaCenter, "岳麓发布", Platform.Weibo, isHub: true);
        OtherHub = await build.AccountAsync(OtherCounty, "望城发布", isHub: true);
        StreetWechat = await build.AccountAsync(Street, "望岳优生活");
        StreetWeibo = await build.AccountAsync(Street, "望岳发布", Platform.Weibo);
        CommunityWechat = await build.AccountAsync(Community, "望岳社区之家");
        TownshipDouyin = await build.AccountAsync(Township, "莲花抖音", Platform.Douyin);
        DepartmentWechat = await build.AccountAsync(Department, "岳麓统计", operatorName: null);
        Healthy = await build.AccountAsync(Department, "岳麓统计发布", Platform.Weibo);
        OtherCountyWechat = await build.AccountAsync(OtherCounty, "望城旧号");

        await build.PostAsync(StreetWechat, Now.AddDays(-200), "旧闻", "去年的一条消息", true, (Now.AddDays(-199), 40));
        await build.PostAsync(DepartmentWechat, Now.AddDays(-10), "统计公报", "数据发布", true, (Now.AddDays(-9), 30), (Now.AddDays(-3), 50));
        await build.PostAsync(DepartmentWechat, Now.AddDays(-5), "统计快讯", "数据发布", true, (Now.AddDays(-4), 20));

        var flags = new FlagBuilder(Fixture);
        Evaluation = await flags.EvaluationAsync(new DateOnly(2026, 11, 23), Now.AddHours(-8));
        await flags.FlagAsync(Evaluation, StreetWechat, Recommendation.Close, null, Now.AddDays(-40),
            (RuleCode.Stale, "最后发文 2026-05-07，已 200 天未更新"), (RuleCode.BelowCountyLevel, "主办单位为街道"));
        await flags.FlagAsync(Evaluation, StreetWeibo, Recommendation.Merge, HubWeibo, null, (RuleCode.BelowCountyLevel, "主办单位为街道"));
        await flags.FlagAsync(Evaluation, CommunityWechat, Recommendation.Merge, HubWechat, null,
            (RuleCode.DuplicateContent, "6 篇中有 4 篇与 望岳优生活 更早发布的文章雷同"), (RuleCode.BelowCountyLevel, "主办单位为社区"));
        await flags.FlagAsync(Evaluation, TownshipDouyin, Recommendation.Close, null, null,
            (RuleCode.NeverPosted, "开通于 2020-01-01，2,518 天来从未发文"), (RuleCode.BelowCountyLevel, "主办单位为乡镇"));
        await flags.FlagAsync(Evaluation, DepartmentWechat, Recommendation.Close, null, null,
            (RuleCode.LowReads, "近期 2 篇有阅读数的文章平均阅读 35"), (RuleCode.Unattended, "未登记运营负责人"));
        await flags.FlagAsync(Evaluation, OtherCountyWechat, Recommendation.Close, null, null, (RuleCode.Stale, "最后发文 2025-01-01，已 691 天未更新"));
    }
}
