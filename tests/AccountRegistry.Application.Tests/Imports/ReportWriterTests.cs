using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Imports.Generation;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>
/// The generated texts must look like a county's posts to the near-duplicate detector: unrelated reports share a
/// formula or a stock sentence but stay far below the threshold, and only the planted copies are near-duplicates.
/// </summary>
public sealed class ReportWriterTests
{
    private static readonly string[] Places = ["望岳", "莲花", "西湖", "梅溪湖", "雨敞坪", "含浦"];

    [Fact]
    public void GeneratedPosts_OfUnrelatedStories_StayFarBelowTheThreshold()
    {
        var random = DeterministicRandom.For(7, 9, 0);
        var posts = Enumerable.Range(0, 400)
            .Select(i =>
            {
                var topic = random.Pick(ChineseText.Topics);
                var place = Places[i % Places.Length];
                return NearDuplicateRule.PostText(ChineseText.Title(random, place, topic), ChineseText.Content(random, place, topic, new DateOnly(2026, 5, 1 + (i % 28))));
            })
            .ToList();

        var similarities = PairwiseJaccard(posts);

        Assert.True(similarities.Max() < 0.5, $"maximum Jaccard of unrelated generated posts {similarities.Max():F3}");
        Assert.True(Median(similarities) < 0.1, $"median {Median(similarities):F3}");
    }

    [Fact]
    public void DemoStories_StayFarBelowTheThreshold_AndRewritesForAnotherUnitAreNearDuplicates()
    {
        var texts = new DemoTexts(new Random(5));
        var stories = Enumerable.Range(0, 400).Select(i => texts.Story(Places[i % Places.Length] + "街道", new DateOnly(2026, 6, 1 + (i % 28)))).ToList();

        var similarities = PairwiseJaccard(stories.Select(s => NearDuplicateRule.PostText(s.Title, s.Content)).ToList());
        Assert.True(similarities.Max() < 0.5, $"maximum Jaccard of unrelated demo stories {similarities.Max():F3}");

        var rewrites = stories.Take(200).Select((s, i) => (s, texts.Rewrite(s, Places[i % Places.Length] + "街道", "枫林社区"))).ToList();
        var copies = rewrites.Count(r => NearDuplicateRule.Confirm(NearDuplicateRule.PostText(r.s.Title, r.s.Content), NearDuplicateRule.PostText(r.Item2.Title, r.Item2.Content)) is not null);
        Assert.True(copies >= 190, $"{copies} of 200 rewrites are near-duplicates of their story");
    }

    [Fact]
    public void DemoReleases_OfADay_AreAFewTexts_RepostedAgainAndAgain()
    {
        var texts = new DemoTexts(new Random(3));
        var day = new DateOnly(2026, 7, 1);

        var reposts = Enumerable.Range(0, 30).Select(_ => texts.Release("岳麓区", day).Content).ToList();
        var nextDay = texts.Release("岳麓区", day.AddDays(1)).Content;

        // Each repost is a near-duplicate of some other repost of the day (three releases, thirty reposts).
        for (var i = 0; i < reposts.Count; i++)
        {
            Assert.Contains(Enumerable.Range(0, reposts.Count), j => j != i && NearDuplicateRule.Confirm(reposts[i], reposts[j]) is not null);
        }

        Assert.All(reposts, r => Assert.Null(NearDuplicateRule.Confirm(r, nextDay)));
    }

    [Fact]
    public void DemoReposts_NameTheReleaseTheyRepost()
    {
        var texts = new DemoTexts(new Random(5));
        var day = new DateOnly(2026, 7, 1);

        var reposts = Enumerable.Range(0, 40).Select(_ => texts.Repost("指尖岳麓", "岳麓区", day)).ToList();

        var titles = texts.Releases.Where(r => r.Key.Day == day).ToDictionary(r => r.Value.Content, r => r.Value.Title);
        var quoting = reposts.Where(r => r.Title.StartsWith("【转载】指尖岳麓：", StringComparison.Ordinal)).ToList();
        Assert.InRange(quoting.Count, 10, 30);
        Assert.All(reposts.Except(quoting), r => Assert.Equal("转发：指尖岳麓最新发布", r.Title));

        // A quoting title carries the title of the release whose text it reposts (pinyin-annotated copies aside).
        var plain = quoting.Where(r => titles.ContainsKey(r.Content)).ToList();
        Assert.NotEmpty(plain);
        Assert.All(plain, r => Assert.Equal("【转载】指尖岳麓：" + titles[r.Content], r.Title));
    }

    private static List<double> PairwiseJaccard(List<string> texts)
    {
        var sets = texts.Select(ShingleSet.FromText).ToList();
        var similarities = new List<double>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                similarities.Add(sets[i].Jaccard(sets[j]));
            }
        }

        return similarities;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
