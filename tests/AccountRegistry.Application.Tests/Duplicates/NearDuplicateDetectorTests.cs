using AccountRegistry.Application.Common;
using AccountRegistry.Application.Duplicates;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>
/// The detector as the import runs it, against a real PostgreSQL (a fresh database per test). Over 300 lines: the
/// per-post path's cases in one place, each on its own DuplicateWorld store.
/// </summary>
public sealed class NearDuplicateDetectorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListenerRun_WritesLaterCopiesAgainstEarlierPostsOfOtherAccounts()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var hub = await world.AccountAsync(world.County, "指尖岳麓");
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var town = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var original = await world.PostAsync(street, DuplicateWorld.Day(11, 2), Stories.GarbageSorting, "垃圾分类宣传");
        var traditional = await world.PostAsync(hub, DuplicateWorld.Day(11, 3), Stories.GarbageSortingTraditional, "垃圾分類宣傳");
        var rewritten = await world.PostAsync(town, DuplicateWorld.Day(11, 4), Stories.GarbageSortingRewritten, "垃圾分类宣传");
        var unrelated = await world.PostAsync(town, DuplicateWorld.Day(11, 5), Stories.FireSafety);

        await world.ImportedAsync();

        Assert.Equal(
            [(traditional.Id, original.Id), (rewritten.Id, original.Id), (rewritten.Id, traditional.Id)],
            (await world.PairsAsync()).Order());
        Assert.Equal(4, await world.ScalarAsync("SELECT count(*) FROM post_fingerprints"));
        Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM near_duplicates WHERE {unrelated.Id} IN (post_id, source_post_id)"));
        Assert.Equal(1.0, await SimilarityAsync(world, traditional.Id, original.Id));
    }

    [Fact]
    public async Task PostsOfTheSameAccount_AreNeverPaired()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(street, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        await world.PostAsync(street, DuplicateWorld.Day(11, 3), Stories.GarbageSortingTraditional);

        await world.ImportedAsync();

        Assert.Empty(await world.PairsAsync());
    }

    [Fact]
    public async Task EarliestPost_IsTheSource_EvenWhenImportedLater()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var first = await world.AccountAsync(world.County, "指尖岳麓");
        var second = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var third = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var middle = await world.PostAsync(second, DuplicateWorld.Day(11, 10), Stories.GarbageSortingTraditional);
        var latest = await world.PostAsync(third, DuplicateWorld.Day(11, 11), Stories.GarbageSortingRewritten);
        await world.ImportedAsync();
        Assert.Equal([(latest.Id, middle.Id)], await world.PairsAsync());

        // A later import brings the post that was published first.
        var earliest = await world.PostAsync(first, DuplicateWorld.Day(11, 9), Stories.GarbageSorting);
        await world.ImportedAsync();

        Assert.Equal(
            [(middle.Id, earliest.Id), (latest.Id, middle.Id), (latest.Id, earliest.Id)],
            (await world.PairsAsync()).Order());
        var also = await world.Get<AlsoPublishedAs.Handler>().HandleAsync(latest.Id, UserScope.System, Cancel);
        Assert.Equal([earliest.Id, middle.Id], also.Items.Select(i => i.PostId));
        Assert.Equal([true, false], also.Items.Select(i => i.IsSource));
        Assert.False(also.ThisPostIsSource);
        var groups = await world.Get<DuplicateGroups.Handler>().HandleAsync(new DuplicateGroups.Query(), UserScope.System, Cancel);
        var group = Assert.Single(groups.Items);
        Assert.Equal(earliest.Id, group.SourcePostId);
        Assert.Equal([middle.Id, latest.Id], group.Copies.Select(c => c.PostId));
    }

    [Fact]
    public async Task PostsPublishedAtTheSameInstant_EachCopyTheOther()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var at = DuplicateWorld.Day(11, 12, 8, 30);
        var first = await world.PostAsync(a, at, Stories.GarbageSorting);
        var second = await world.PostAsync(b, at, Stories.GarbageSortingTraditional);

        await world.ImportedAsync();

        // The spec counts a copy of a post "published at or before" it: at the same instant both qualify.
        Assert.Equal([(first.Id, second.Id), (second.Id, first.Id)], (await world.PairsAsync()).Order());
        var groups = await world.Get<DuplicateGroups.Handler>().HandleAsync(new DuplicateGroups.Query(), UserScope.System, Cancel);
        var group = Assert.Single(groups.Items);
        Assert.Equal(first.Id, group.SourcePostId);
        Assert.Equal([second.Id], group.Copies.Select(c => c.PostId));
    }

    [Fact]
    public async Task ChangedText_DropsThePairAndARevertBringsItBack()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var original = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        var copy = await world.PostAsync(b, DuplicateWorld.Day(11, 3), Stories.GarbageSortingRewritten);
        await world.ImportedAsync();
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());

        await world.UpdatePostAsync(copy.Id, p => p.Content = Stories.HealthClinic);

        // The trigger drops the stale pair and fingerprint at once; the next run finds nothing.
        Assert.Empty(await world.PairsAsync());
        Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM post_fingerprints WHERE post_id = {copy.Id}"));
        await world.ImportedAsync();
        Assert.Empty(await world.PairsAsync());
        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM post_fingerprints WHERE post_id = {copy.Id}"));

        await world.UpdatePostAsync(copy.Id, p => p.Content = Stories.GarbageSortingRewritten);
        await world.ImportedAsync();
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());
    }

    [Fact]
    public async Task ChangedPublicationTime_TurnsThePairAround()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var first = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        var second = await world.PostAsync(b, DuplicateWorld.Day(11, 3), Stories.GarbageSortingRewritten);
        await world.ImportedAsync();

        await world.UpdatePostAsync(second.Id, p => p.PublishedAt = DuplicateWorld.Day(11, 1));
        await world.ImportedAsync();

        Assert.Equal([(first.Id, second.Id)], await world.PairsAsync());
    }

    [Fact]
    public async Task UnchangedUpsert_KeepsTheFingerprint()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var post = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        await world.ImportedAsync();

        await world.ScalarAsync($"UPDATE posts SET content = content, title = title, is_original = false WHERE id = {post.Id}");

        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM post_fingerprints WHERE post_id = {post.Id}"));
    }

    [Fact]
    public async Task SmallBatches_FindPairsWithinAndAcrossBatches_AndRerunsChangeNothing()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var accounts = new[]
        {
            await world.AccountAsync(world.County, "指尖岳麓"),
            await world.AccountAsync(world.Wangyue, "望岳优生活"),
            await world.AccountAsync(world.Lianhua, "莲花优生活"),
        };
        var texts = new[] { Stories.GarbageSorting, Stories.FireSafety, Stories.GarbageSortingTraditional, Stories.AntiFraud, Stories.GarbageSortingRewritten };
        var posts = new List<Domain.Posts.Post>();
        for (var i = 0; i < texts.Length; i++)
        {
            posts.Add(await world.PostAsync(accounts[i % 3], DuplicateWorld.Day(11, 1 + i), texts[i]));
        }

        await world.ImportedAsync(batchSize: 2);
        var pairs = await world.PairsAsync();
        await world.ImportedAsync(batchSize: 2);

        // Garbage-sorting posts: 0 (account 0), 2 (account 2), 4 (account 1).
        Assert.Equal([(posts[2].Id, posts[0].Id), (posts[4].Id, posts[0].Id), (posts[4].Id, posts[2].Id)], pairs.Order());
        Assert.Equal(pairs, await world.PairsAsync());
        Assert.Equal(5, await world.ScalarAsync("SELECT count(*) FROM post_fingerprints"));
    }

    [Fact]
    public async Task ShortPosts_GetAFingerprintWithoutSignature_AndNeverMatch()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        await world.PostAsync(a, DuplicateWorld.Day(11, 2), "今日天气晴朗，适宜出行。", "天气");
        await world.PostAsync(b, DuplicateWorld.Day(11, 3), "今日天气晴朗，适宜出行。", "天气");

        await world.ImportedAsync();

        Assert.Empty(await world.PairsAsync());
        Assert.Equal(2, await world.ScalarAsync("SELECT count(*) FROM post_fingerprints WHERE signature IS NULL AND normalized_length = 12"));
    }

    [Fact]
    public async Task NonBmpCharacters_SurviveIntoTheFingerprint()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        const string Names = "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓𠀔𠀕𠀖𠀗𠀘";
        var first = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Names);
        var second = await world.PostAsync(b, DuplicateWorld.Day(11, 3), "「" + Names + "」");

        await world.ImportedAsync();

        Assert.Equal(25, await world.ScalarAsync($"SELECT normalized_length FROM post_fingerprints WHERE post_id = {first.Id}"));
        Assert.Equal([(second.Id, first.Id)], await world.PairsAsync());
    }

    [Fact]
    public async Task Backfill_RedoesPostsWhoseTextNoLongerMatchesTheirHash_AndRebuildRecomputesAll()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var original = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        var copy = await world.PostAsync(b, DuplicateWorld.Day(11, 3), Stories.AntiFraud);
        await world.ImportedAsync();
        Assert.Empty(await world.PairsAsync());

        // An edit that bypassed the trigger (e.g. a restore): only the content hash can tell.
        await world.ScalarAsync("ALTER TABLE posts DISABLE TRIGGER posts_fingerprint_invalidate");
        await world.ScalarAsync($"UPDATE posts SET content = '{Stories.GarbageSortingRewritten}' WHERE id = {copy.Id}");
        await world.ScalarAsync("ALTER TABLE posts ENABLE TRIGGER posts_fingerprint_invalidate");
        await world.ImportedAsync();
        Assert.Empty(await world.PairsAsync());

        var backfill = world.Get<FingerprintBackfill.Handler>();
        var result = await backfill.HandleAsync(new FingerprintBackfill.Command(Rebuild: false), null, Cancel);
        Assert.Equal(1, result.PendingAtStart);
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());

        var rebuilt = await backfill.HandleAsync(new FingerprintBackfill.Command(Rebuild: true), null, Cancel);
        Assert.Equal(2, rebuilt.PendingAtStart);
        Assert.Equal(2, rebuilt.Run.Posts);
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());
        Assert.Equal(0, await world.ScalarAsync($"SELECT count(*) FROM post_fingerprints WHERE algorithm <> {MinHashLsh.AlgorithmVersion}"));
    }

    [Fact]
    public async Task FingerprintsOfTheOlderAlgorithm_StillMatch_AndTheBackfillUpgradesThem()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var original = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        await world.ImportedAsync();

        // As algorithm 1 left it before an upgrade: no sketch, no shingle count. The candidate filters let it pass.
        await world.ScalarAsync($"UPDATE post_fingerprints SET algorithm = 1, sketch = NULL, shingle_count = NULL WHERE post_id = {original.Id}");
        var copy = await world.PostAsync(b, DuplicateWorld.Day(11, 3), Stories.GarbageSortingRewritten);
        await world.ImportedAsync();
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());

        var result = await world.Get<FingerprintBackfill.Handler>().HandleAsync(new FingerprintBackfill.Command(Rebuild: false), null, Cancel);

        Assert.Equal(1, result.PendingAtStart);
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM post_fingerprints WHERE sketch IS NULL OR shingle_count IS NULL OR algorithm <> 2"));
        Assert.Equal([(copy.Id, original.Id)], await world.PairsAsync());
    }

    [Fact]
    public async Task InsertedPosts_AreQueued_AndARunEmptiesTheQueue_EvenOfPostsDeletedMeanwhile()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var kept = await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        var deleted = await world.PostAsync(a, DuplicateWorld.Day(11, 3), Stories.FireSafety);
        Assert.Equal(2, await world.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
        await world.ScalarAsync($"DELETE FROM posts WHERE id = {deleted.Id}");

        await world.ImportedAsync();

        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Equal(kept.Id, await world.ScalarAsync("SELECT post_id FROM post_fingerprints"));
        Assert.Equal(a.Id, await world.ScalarAsync($"SELECT account_id FROM post_fingerprints WHERE post_id = {kept.Id}"));
    }

    [Fact]
    public async Task ListenerRun_TouchesOnlyQueuedPosts()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        await world.PostAsync(a, DuplicateWorld.Day(11, 2), Stories.GarbageSorting);
        await world.PostAsync(b, DuplicateWorld.Day(11, 3), Stories.GarbageSortingTraditional);
        await world.ScalarAsync("DELETE FROM post_fingerprint_queue");

        await world.ImportedAsync();
        var afterListener = await world.ScalarAsync("SELECT count(*) FROM post_fingerprints");
        var backfill = await world.Get<FingerprintBackfill.Handler>().HandleAsync(new FingerprintBackfill.Command(Rebuild: false), null, Cancel);

        // Posts that bypassed the queue are the backfill's: it checks every stored post.
        Assert.Equal(0, afterListener);
        Assert.Equal(2, backfill.Run.Posts);
        Assert.Single(await world.PairsAsync());
    }

    [Fact]
    public async Task Detector_IsRegisteredAsAPostImportListener()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        await using var scope = world.Services.CreateAsyncScope();

        Assert.Contains(scope.ServiceProvider.GetServices<IPostImportListener>(), l => l is NearDuplicateDetector);
    }

    private static async Task<double> SimilarityAsync(DuplicateWorld world, long post, long source)
    {
        await using var db = world.Contexts.CreateDbContext();
        return db.NearDuplicates.Single(d => d.PostId == post && d.SourcePostId == source).Similarity;
    }
}
