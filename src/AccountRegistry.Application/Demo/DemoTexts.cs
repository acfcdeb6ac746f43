using AccountRegistry.Application.Imports.Generation;

namespace AccountRegistry.Application.Demo;

/// <summary>
/// Generated government-notice prose for the demo county (<see cref="ReportWriter"/>: reports that differ the way real
/// ones do, so that unrelated posts stay far below the near-duplicate threshold), and the copies the demo plants: a
/// township's story written up again by its communities (一稿多投) and the district's daily release reposted by many
/// accounts. Nothing is copied from real articles.
/// </summary>
public sealed class DemoTexts(Random random)
{
    private static readonly string[] Topics =
    [
        "垃圾分类宣传", "防范电信网络诈骗宣讲", "老年人健康义诊", "消防安全应急演练", "文明城市创建志愿服务", "医保政策进社区宣讲", "安全生产大检查",
        "防汛备汛工作部署", "重阳节敬老爱老", "少儿暑期托管", "春风行动专场招聘会", "全民健身趣味运动会", "禁毒知识宣传", "民法典普法讲座",
        "全民国家安全教育日宣传", "食品安全进校园", "背街小巷环境卫生整治", "便民服务进小区", "退役军人关爱走访", "义务植树", "廉洁文化进家庭",
        "心理健康讲座", "电动自行车安全充电宣传", "邻里节",
    ];

    private readonly ReportWriter writer = new(random.Next);

    private const int ReleasesPerDay = 3;

    private readonly Dictionary<(DateOnly Day, int Number), (string Title, string Content)> releases = [];

    /// <summary>The district's releases that some account reposted, by day and number: what the media center published.</summary>
    public IReadOnlyDictionary<(DateOnly Day, int Number), (string Title, string Content)> Releases => releases;

    public (string Title, string Content) Story(string unitShortName, DateOnly day)
    {
        var topic = Topics[random.Next(Topics.Length)];
        return (writer.Title(unitShortName, topic), writer.Body(unitShortName, topic, day, 3 + random.Next(6)));
    }

    /// <summary>The same story written up again for another account: the unit name changed and a phrase or two swapped.</summary>
    public (string Title, string Content) Rewrite((string Title, string Content) original, string fromUnit, string toUnit) =>
        writer.Rewrite(original, fromUnit, toUnit);

    /// <summary>
    /// An account's repost of one of the day's releases by <paramref name="hubName"/>: titled "转发：…最新发布" or
    /// "【转载】…：" and the release's own title, so that a reader of 重复稿件 sees which release it is.
    /// </summary>
    public (string Title, string Content) Repost(string hubName, string county, DateOnly day)
    {
        var quotesTitle = random.Next(2) == 1;
        if (quotesTitle)
        {
            // Reposts once named a random topic here. The draw stays, so that every later post of the demo county
            // (and the README's figures of it) is what it was.
            _ = random.Next(Topics.Length);
        }

        var (title, content) = Release(county, day);
        return (quotesTitle ? $"【转载】{hubName}：{title}" : $"转发：{hubName}最新发布", content);
    }

    /// <summary>
    /// One of the district media center's three releases of the day, as an account reposts it: the release's title,
    /// and the same text for every account reposting that release (so the reposts are near-duplicates of each other),
    /// sometimes with pinyin added, as reposts in the wild are.
    /// </summary>
    public (string Title, string Content) Release(string county, DateOnly day)
    {
        var key = (day, random.Next(ReleasesPerDay));
        if (!releases.TryGetValue(key, out var release))
        {
            releases[key] = release = Story(county, day);
        }

        return (release.Title, random.Next(10) == 0 ? writer.AnnotatePinyin(release.Content) : release.Content);
    }
}
