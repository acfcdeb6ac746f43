using AccountRegistry.Application.Duplicates;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>
/// A fresh database per test (the detector works on every pending post of its database, so tests must not share
/// one) with a county of three units and intent methods for posting and running the detector.
/// </summary>
internal sealed class DuplicateWorld : IAsyncDisposable
{
    private readonly DatabaseFixture database = new();

    private ServiceProvider? services;

    private DuplicateWorld()
    {
    }

    public static DateTimeOffset Day(int month, int day, int hour = 9, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public CountyBuilder Build { get; private set; } = null!;

    public Unit County { get; private set; } = null!;

    public Unit Wangyue { get; private set; } = null!;

    public Unit Lianhua { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    public TestContextFactory Contexts => new(database.ConnectionString);

    /// <summary>The app's service container over this world's database, on its clock: tests take their handlers from it.</summary>
    public ServiceProvider Services => services ??= AppServices.Build(database.ConnectionString, Clock);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<DuplicateWorld> CreateAsync()
    {
        var world = new DuplicateWorld();
        await world.database.InitializeAsync();
        world.Build = new CountyBuilder(world.database, "dup");
        world.County = await world.Build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        world.Wangyue = await world.Build.UnitAsync("望岳街道办事处", UnitLevel.Street, world.County);
        world.Lianhua = await world.Build.UnitAsync("莲花镇人民政府", UnitLevel.Township, world.County);
        return world;
    }

    /// <summary>
    /// The app's detector; a smaller batch, bulk or crowded-bucket minimum (not settings: tests use them to cross batch
    /// edges, to take the bulk path and to make buckets crowded with a few posts) is built on the container's
    /// connection and clock.
    /// </summary>
    public NearDuplicateDetector Detector(
        int batchSize = NearDuplicateDetector.DefaultBatchSize,
        int bulkMinimum = NearDuplicateDetector.DefaultBulkMinimum,
        int crowdedMinimum = NearDuplicateDetector.DefaultCrowdedBucketMinimum,
        int crowdedBudget = NearDuplicateDetector.DefaultCrowdedMemberBudget) =>
        batchSize == NearDuplicateDetector.DefaultBatchSize && bulkMinimum == NearDuplicateDetector.DefaultBulkMinimum
            && crowdedMinimum == NearDuplicateDetector.DefaultCrowdedBucketMinimum && crowdedBudget == NearDuplicateDetector.DefaultCrowdedMemberBudget
            ? Get<NearDuplicateDetector>()
            : new(Get<RegistryConnection>(), Get<TimeProvider>())
            {
                BatchSize = batchSize, BulkMinimum = bulkMinimum, CrowdedBucketMinimum = crowdedMinimum, CrowdedMemberBudget = crowdedBudget,
            };

    /// <summary>How many of the band indexes exist (the bulk path drops them while it runs).</summary>
    public Task<long> BandIndexCountAsync() =>
        ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = 'post_fingerprints' AND indexname LIKE 'ix_post_fingerprints_band_%'");

    public Task<Account> AccountAsync(Unit unit, string name, Platform platform = Platform.Wechat) => Build.AccountAsync(unit, name, platform);

    public Task<Post> PostAsync(Account account, DateTimeOffset at, string content, string? title = null) =>
        Build.PostAsync(account, at, title, content);

    /// <summary>Runs the detector as the import does after committing posts.</summary>
    public Task ImportedAsync(int batchSize = NearDuplicateDetector.DefaultBatchSize) =>
        Detector(batchSize).PostsImportedAsync(null, TestContext.Current.CancellationToken);

    /// <summary>Every stored pair as (copy, source).</summary>
    public async Task<HashSet<(long Post, long Source)>> PairsAsync()
    {
        await using var db = database.CreateContext();
        var rows = await db.NearDuplicates.AsNoTracking().Select(d => new { d.PostId, d.SourcePostId }).ToListAsync(TestContext.Current.CancellationToken);
        return [.. rows.Select(r => (r.PostId, r.SourcePostId))];
    }

    public Task<long> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <summary>Statistics as autovacuum would gather them (the detector reads its crowded buckets from them).</summary>
    public async Task AnalyzeAsync()
    {
        await using var context = database.CreateContext();
        await context.Database.ExecuteSqlRawAsync("ANALYZE post_fingerprints");
    }

    public async Task UpdatePostAsync(long postId, Action<Post> change)
    {
        await using var db = database.CreateContext();
        var post = await db.Posts.SingleAsync(p => p.Id == postId, TestContext.Current.CancellationToken);
        change(post);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}

/// <summary>Hand-written stories on different topics (about 100 characters each) and copies of them.</summary>
internal static class Stories
{
    public const string GarbageSorting =
        "为进一步提升居民垃圾分类意识，近日，望岳街道联合辖区物业在小区广场开展垃圾分类宣传活动。活动现场，工作人员通过发放宣传资料、" +
        "现场讲解等方式，向居民普及垃圾分类知识，并指导居民正确投放。居民们纷纷表示，今后将从自身做起，积极参与垃圾分类。";

    public const string GarbageSortingTraditional =
        "為進一步提升居民垃圾分類意識，近日，望嶽街道聯合轄區物業在小區廣場開展垃圾分類宣傳活動。活動現場，工作人員通過發放宣傳資料、" +
        "現場講解等方式，向居民普及垃圾分類知識，並指導居民正確投放。居民們紛紛表示，今後將從自身做起，積極參與垃圾分類。";

    public const string GarbageSortingRewritten =
        "为进一步提升居民垃圾分类意识，近日，莲花镇联合辖区物业在小区广场开展垃圾分类宣传活动。活动现场，工作人员通过发放宣传资料、" +
        "现场讲解等方式，向居民普及垃圾分类知识，并指导居民正确投放。居民们都说，今后将从自身做起，积极参与垃圾分类。";

    public const string FireSafety =
        "为切实做好冬季火灾防控工作，消防救援大队深入辖区商场超市、农贸市场开展消防安全检查，重点检查了疏散通道是否畅通、" +
        "灭火器材配备是否到位、电气线路敷设是否规范等情况，对发现的隐患当场督促整改，并向经营户讲解了初起火灾扑救方法。";

    public const string HealthClinic =
        "十一月二十日上午，莲花镇卫生院组织医护人员走进村部广场，为村里的老年人开展健康义诊活动。医护人员为老人们测量血压、血糖，" +
        "耐心解答用药疑问，并结合冬季常见病讲解了预防知识。当天共服务群众一百二十余人次，发放健康手册三百余份。";

    public const string AntiFraud =
        "为提高群众识骗防骗能力，派出所民警走进社区开展防范电信网络诈骗宣传。民警结合刷单返利、冒充客服、虚假投资理财等典型案例，" +
        "揭露骗子的常用套路，提醒大家不轻信、不转账、不透露个人信息，遇到可疑情况及时拨打反诈专线咨询。";
}
