using AccountRegistry.Application.Duplicates;
using AccountRegistry.Application.Imports.Generation;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>
/// The detector's bulk path (a run with at least as many pending posts as stored ones) against the per-post path on
/// the same posts: the same pairs, the band indexes back afterwards, and an interrupted bulk run finished by the next.
/// </summary>
public sealed class BulkFingerprintingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Never bulk: the per-post path whatever the counts.</summary>
    private const int PerPostOnly = int.MaxValue;

    [Fact]
    public async Task BulkRun_OnAnEmptyStore_FindsThePairsThePerPostPathFinds()
    {
        await using var perPost = await DuplicateWorld.CreateAsync();
        await using var bulk = await DuplicateWorld.CreateAsync();
        await County.PostAsync(perPost, stored: false);
        await County.PostAsync(bulk, stored: false);

        var perPostRun = await perPost.Detector(batchSize: 7, bulkMinimum: PerPostOnly).RunAsync(verifyContent: false, null, Cancel);
        var bulkRun = await bulk.Detector(batchSize: 7, bulkMinimum: 1).RunAsync(verifyContent: false, null, Cancel);

        Assert.False(perPostRun.Bulk);
        Assert.True(bulkRun.Bulk);
        var expected = await perPost.PairsAsync();
        Assert.True(expected.Count >= County.PlantedCopies, $"only {expected.Count} pairs");
        Assert.Equal(expected.Order(), (await bulk.PairsAsync()).Order());
        Assert.Equal(await Similarities(perPost), await Similarities(bulk));
        Assert.Equal(bulkRun.Posts, perPostRun.Posts);
        Assert.Equal(0, await bulk.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Equal(MinHashLshBands, await bulk.BandIndexCountAsync());
    }

    [Fact]
    public async Task BulkRun_AgainstAStore_PairsNewPostsWithStoredOnesAndWithEachOther()
    {
        await using var perPost = await DuplicateWorld.CreateAsync();
        await using var bulk = await DuplicateWorld.CreateAsync();
        foreach (var world in new[] { perPost, bulk })
        {
            await County.PostAsync(world, stored: true);
            await world.Detector(bulkMinimum: PerPostOnly).RunAsync(verifyContent: false, null, Cancel);
            await County.PostAsync(world, stored: false);
        }

        await perPost.Detector(batchSize: 5, bulkMinimum: PerPostOnly).RunAsync(verifyContent: false, null, Cancel);
        var bulkRun = await bulk.Detector(batchSize: 5, bulkMinimum: 1).RunAsync(verifyContent: false, null, Cancel);

        Assert.True(bulkRun.Bulk);
        var expected = await perPost.PairsAsync();
        Assert.Equal(expected.Order(), (await bulk.PairsAsync()).Order());

        // Copies of stored posts were found as well as copies among the new ones.
        var storedIds = await bulk.ScalarAsync("SELECT max(id) FROM posts WHERE title LIKE '[stored]%'");
        Assert.Contains(expected, p => p.Source <= storedIds && p.Post > storedIds);
        Assert.Contains(expected, p => p.Source > storedIds);
    }

    [Fact]
    public async Task FewerPendingThanStored_TakesThePerPostPath()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        await County.PostAsync(world, stored: true);
        Assert.True((await world.Detector(bulkMinimum: 1).RunAsync(verifyContent: false, null, Cancel)).Bulk);
        var account = await world.AccountAsync(world.Lianhua, "莲花优生活");
        await world.PostAsync(account, DuplicateWorld.Day(11, 30), Stories.GarbageSortingRewritten);

        var run = await world.Detector(bulkMinimum: 1).RunAsync(verifyContent: false, null, Cancel);

        Assert.False(run.Bulk);
        Assert.Equal(1, run.Posts);
    }

    [Fact]
    public async Task InterruptedBulkRun_LeavesItsPostsQueued_AndTheNextRunFinishesIt()
    {
        await using var expectedWorld = await DuplicateWorld.CreateAsync();
        await using var world = await DuplicateWorld.CreateAsync();
        await County.PostAsync(expectedWorld, stored: false);
        await County.PostAsync(world, stored: false);
        await expectedWorld.Detector(bulkMinimum: PerPostOnly).RunAsync(verifyContent: false, null, Cancel);

        // Stopped after its first batch of fingerprints, with the band indexes dropped.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new StopOn("posts fingerprinted", stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => world.Detector(batchSize: 5, bulkMinimum: 1).RunAsync(verifyContent: false, progress, stop.Token));
        Assert.Equal(0, await world.BandIndexCountAsync());
        Assert.True(await world.ScalarAsync("SELECT count(*) FROM post_fingerprints") >= 5);
        Assert.Equal(await world.ScalarAsync("SELECT count(*) FROM posts"), await world.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Empty(await world.PairsAsync());

        // The app's detector (per-post path: a handful of posts) builds the indexes and pairs what was left.
        var run = await world.Detector().RunAsync(verifyContent: false, null, Cancel);

        Assert.False(run.Bulk);
        Assert.Equal(MinHashLshBands, await world.BandIndexCountAsync());
        Assert.Equal((await expectedWorld.PairsAsync()).Order(), (await world.PairsAsync()).Order());
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
    }

    [Fact]
    public async Task RebuildInBulk_RecomputesEveryPair()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        await County.PostAsync(world, stored: false);
        await world.Detector(bulkMinimum: PerPostOnly).RunAsync(verifyContent: false, null, Cancel);
        var expected = await world.PairsAsync();

        var detector = world.Detector(batchSize: 6, bulkMinimum: 1);
        await detector.ClearAsync(Cancel);
        var rebuilt = await new FingerprintBackfill.Handler(detector).HandleAsync(new FingerprintBackfill.Command(Rebuild: false), null, Cancel);

        Assert.True(rebuilt.Run.Bulk);
        Assert.Equal(expected.Order(), (await world.PairsAsync()).Order());
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Equal(MinHashLshBands, await world.BandIndexCountAsync());
    }

    private const long MinHashLshBands = Domain.Text.MinHashLsh.Bands;

    private static async Task<List<(long, long, double)>> Similarities(DuplicateWorld world)
    {
        var rows = new List<(long, long, double)>();
        foreach (var (post, source) in (await world.PairsAsync()).Order())
        {
            var permille = await world.ScalarAsync($"SELECT round(similarity * 1000)::bigint FROM near_duplicates WHERE post_id = {post} AND source_post_id = {source}");
            rows.Add((post, source, permille));
        }

        return rows;
    }

    private sealed class StopOn(string text, CancellationTokenSource stop) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.Contains(text, StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }
    }

    /// <summary>
    /// Posts as the generator writes them (stories of their own, stock sentences), with planted copies: another
    /// unit's rewrite, a verbatim repost, one in traditional script, one with pinyin, one short post twice, one story
    /// posted twice by the same account (never a pair) and two posted at the same instant (a pair both ways).
    /// </summary>
    private static class County
    {
        public const int PlantedCopies = 6;

        public static async Task PostAsync(DuplicateWorld world, bool stored)
        {
            var writer = new ReportWriter(new Random(stored ? 1 : 2).Next);
            var label = stored ? "[stored]" : "[new]";
            var accounts = new[]
            {
                await world.AccountAsync(world.County, label + "指尖岳麓"),
                await world.AccountAsync(world.Wangyue, label + "望岳优生活"),
                await world.AccountAsync(world.Lianhua, label + "莲花优生活", Platform.Weibo),
            };
            var day = new DateOnly(2026, stored ? 10 : 11, 2);
            var stories = new List<(string Title, string Content)>();
            for (var i = 0; i < 14; i++)
            {
                var unit = i % 2 == 0 ? "望岳街道" : "莲花镇";
                var topic = i % 3 == 0 ? "垃圾分类" : i % 3 == 1 ? "消防安全" : "反诈宣传";
                stories.Add((label + writer.Title(unit, topic), writer.Body(unit, topic, day.AddDays(i), 4)));
            }

            var at = DuplicateWorld.Day(day.Month, day.Day);
            for (var i = 0; i < stories.Count; i++)
            {
                await world.PostAsync(accounts[i % 3], at.AddHours(i), stories[i].Content, stories[i].Title);
            }

            var (title, content) = writer.Rewrite(stories[0], "望岳街道", "莲花镇");
            await world.PostAsync(accounts[2], at.AddDays(1), content, label + title);
            await world.PostAsync(accounts[0], at.AddDays(1).AddHours(1), stories[1].Content, stories[1].Title);
            await world.PostAsync(accounts[1], at.AddDays(1).AddHours(2), Stories.GarbageSortingTraditional, label);
            await world.PostAsync(accounts[2], at.AddDays(1).AddHours(3), Stories.GarbageSorting, label);
            await world.PostAsync(accounts[0], at.AddDays(1).AddHours(4), writer.AnnotatePinyin(stories[4].Content), stories[4].Title);
            await world.PostAsync(accounts[0], at.AddDays(1).AddHours(5), stories[3].Content, stories[3].Title);
            await world.PostAsync(accounts[1], at.AddDays(2), Stories.AntiFraud, label);
            await world.PostAsync(accounts[2], at.AddDays(2), Stories.AntiFraud, label);
            await world.PostAsync(accounts[1], at.AddDays(3), "今日天气晴朗，适宜出行。", label);
            await world.PostAsync(accounts[2], at.AddDays(3), "今日天气晴朗，适宜出行。", label);
        }
    }
}
