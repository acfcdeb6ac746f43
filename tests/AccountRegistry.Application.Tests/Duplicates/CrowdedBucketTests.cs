using AccountRegistry.Application.Duplicates;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>
/// The per-post path's crowded buckets (band keys that many stored posts share through one stock sentence), paired
/// in process from members read once a run, against the same run probing every key in PostgreSQL.
/// </summary>
public sealed class CrowdedBucketTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string StockSentence = "活动现场，工作人员通过发放宣传资料、设置咨询台、现场讲解等方式，向居民群众普及相关知识，引导大家增强防范意识。";

    /// <summary>Never crowded: every key probed in PostgreSQL.</summary>
    private const int NoneCrowded = int.MaxValue;

    /// <param name="budget">Members a run may hold: plenty, or so few that buckets go back to the probe mid-run.</param>
    [Theory]
    [InlineData(NearDuplicateDetector.DefaultCrowdedMemberBudget)]
    [InlineData(30)]
    public async Task CrowdedBuckets_PairedInProcess_GiveThePairsTheProbeGives_AcrossBatchesAndWithTheStore(int budget)
    {
        await using var probed = await DuplicateWorld.CreateAsync();
        await using var crowded = await DuplicateWorld.CreateAsync();
        foreach (var world in new[] { probed, crowded })
        {
            await PostStockReportsAsync(world, stored: true);
            await world.Detector(crowdedMinimum: NoneCrowded).RunAsync(verifyContent: false, null, Cancel);
            await world.AnalyzeAsync();
            await PostStockReportsAsync(world, stored: false);
        }

        var probedRun = await probed.Detector(batchSize: 7, crowdedMinimum: NoneCrowded).RunAsync(verifyContent: false, null, Cancel);
        var crowdedRun = await crowded.Detector(batchSize: 7, crowdedMinimum: 2, crowdedBudget: budget).RunAsync(verifyContent: false, null, Cancel);

        Assert.Equal(0, probedRun.CrowdedBuckets);
        Assert.True(crowdedRun.CrowdedBuckets > 0, "no bucket was crowded");
        var expected = await probed.PairsAsync();
        Assert.Equal(expected.Order(), (await crowded.PairsAsync()).Order());

        // New × stored and new × new pairs from different batches of seven exist, and the long reports that only
        // share the stock sentence (Jaccard under 0.6) are not among them.
        var lastStored = await crowded.ScalarAsync("SELECT max(id) FROM posts WHERE published_at < '2026-11-01'");
        var firstNew = lastStored + 1;
        Assert.Contains(expected, p => p.Source <= lastStored && p.Post > lastStored);
        Assert.Contains(expected, p => p.Source >= firstNew && p.Post - p.Source >= 7);
        var longReports = await crowded.ScalarAsync(
            "SELECT count(*) FROM near_duplicates d JOIN posts a ON a.id = d.post_id JOIN posts b ON b.id = d.source_post_id WHERE a.title LIKE '%长稿%' AND b.title LIKE '%长稿%'");
        Assert.Equal(0, longReports);
    }

    /// <summary>A report's own text: characters drawn from a pool, so that two of them share next to no 4-grams.</summary>
    private static string Prose(Random random, int length)
    {
        const string pool = "社区居民志愿服务开展活动组织宣传安全消防反诈垃圾分类环境整治老人儿童学校医院道路交通农业种植养殖合作产业项目建设资金群众满意";
        return new string([.. Enumerable.Range(0, length).Select(_ => pool[random.Next(pool.Length)])]);
    }

    /// <summary>
    /// Thirty reports on three accounts made of the stock sentence and a line of their own: the short ones are
    /// near-duplicates of each other (the stock sentence is most of them), the long ones ("长稿") are not. Titles and
    /// lines share no 4-gram beyond the stock sentence, so that the short ones meet only in its crowded buckets.
    /// </summary>
    private static async Task PostStockReportsAsync(DuplicateWorld world, bool stored)
    {
        var label = stored ? "[stored]" : "[new]";
        var accounts = new[]
        {
            await world.AccountAsync(world.County, label + "指尖岳麓"),
            await world.AccountAsync(world.Wangyue, label + "望岳优生活"),
            await world.AccountAsync(world.Lianhua, label + "莲花优生活", Platform.Weibo),
        };
        var at = DuplicateWorld.Day(stored ? 10 : 11, 3);
        var random = new Random(stored ? 1 : 2);
        string[] villages = ["桃花村", "梅溪湖社区", "白鹤村", "枫林社区", "洋湖村", "含浦村", "坪塘村", "莲花村", "雷锋社区", "天顶村"];
        for (var i = 0; i < 30; i++)
        {
            var village = villages[i % villages.Length];
            var (title, own) = i % 3 == 2
                ? ($"长稿{i}", village + Prose(random, 90))
                : ($"简讯{i}", $"{village}第{i + 3}场。");
            await world.PostAsync(accounts[i % 3], at.AddHours(i), StockSentence + own, title);
        }
    }
}
