using System.Globalization;
using System.Text;

namespace AccountRegistry.Application.Demo;

/// <summary>
/// Generated government-notice prose for the demo county: titles and bodies assembled from phrase pools, and light
/// rewrites of a story for the "same activity on several accounts" pattern. Nothing is copied from real articles.
/// </summary>
public sealed class DemoTexts(Random random)
{
    private static readonly (string Topic, string Short)[] Topics =
    [
        ("垃圾分类宣传", "垃圾分类"), ("防范电信网络诈骗宣讲", "反诈"), ("老年人健康义诊", "健康养生"), ("消防安全应急演练", "消防安全"),
        ("文明城市创建志愿服务", "文明创建"), ("医保政策进社区宣讲", "医保政策"), ("安全生产大检查", "安全生产"), ("防汛备汛工作部署", "防汛"),
        ("重阳节敬老爱老", "敬老"), ("少儿暑期托管班开班", "暑期托管"), ("春风行动专场招聘会", "就业"), ("全民健身趣味运动会", "全民健身"),
        ("禁毒知识宣传", "禁毒"), ("民法典普法讲座", "普法"), ("全民国家安全教育日宣传", "国家安全"), ("食品安全进校园", "食品安全"),
        ("背街小巷环境卫生整治", "环境整治"), ("便民服务进小区", "便民服务"), ("退役军人关爱走访", "拥军优属"), ("义务植树", "植树护绿"),
        ("廉洁文化进家庭", "廉洁文化"), ("心理健康讲座", "心理健康"), ("电动自行车安全充电宣传", "充电安全"), ("邻里节", "邻里和谐"),
    ];

    private static readonly string[] Places =
    [
        "社区党群服务中心", "小区广场", "新时代文明实践站", "辖区中小学", "社区居家养老服务中心", "街道便民服务大厅", "农贸市场", "村部广场",
        "社区文化活动室", "梅溪湖公园", "桃子湖广场", "辖区重点企业",
    ];

    private static readonly string[] Openers =
    [
        "{0}月{1}日上午，{2}在{3}组织开展{4}活动。",
        "为进一步提升群众获得感，{0}月{1}日，{2}在{3}开展了{4}主题活动。",
        "近日，{2}联合辖区共建单位，在{3}举办{4}活动。",
        "{0}月{1}日下午，一场以{4}为主题的活动在{3}热闹开场，活动由{2}主办。",
    ];

    private static readonly string[] Middles =
    [
        "活动现场，工作人员通过发放宣传资料、设置咨询台、现场讲解等方式，向居民群众普及{0}相关知识。",
        "志愿者们耐心细致地为前来咨询的群众答疑解惑，并结合身边真实案例进行讲解，现场气氛热烈。",
        "活动中，工作人员还开展了有奖问答互动环节，吸引了不少居民驻足参与，大家纷纷表示收获满满。",
        "针对群众关心的热点问题，相关负责人逐一进行了解答，并现场收集意见建议{1}条。",
        "本次活动共发放宣传折页{2}余份，接受群众咨询{3}人次，进一步营造了浓厚的{0}氛围。",
        "居民张阿姨高兴地说：“这样的活动办到了家门口，讲得清楚又实用，希望以后多搞一些。”",
    ];

    private static readonly string[] Closers =
    [
        "下一步，{0}将持续深化{1}工作，推动各项措施落地见效，切实增强群众的安全感和幸福感。",
        "据悉，此类活动将常态化开展，切实把服务送到群众身边。",
        "{0}相关负责人表示，将以此次活动为契机，不断创新工作方式，让{1}理念深入人心。",
    ];

    private static readonly (string From, string To)[] Rewrites =
    [
        ("开展", "举办"), ("居民群众", "辖区居民"), ("活动现场", "现场"), ("进一步", "更好地"), ("耐心细致地", "认真地"),
        ("热烈", "活跃"), ("纷纷表示", "都说"), ("组织", "积极组织"), ("相关知识", "知识要点"), ("工作人员", "社区干部"),
    ];

    public (string Title, string Content) Story(string unitShortName, DateOnly day)
    {
        var (topic, shortTopic) = Topics[random.Next(Topics.Length)];
        var place = Places[random.Next(Places.Length)];
        var title = random.Next(3) switch
        {
            0 => $"{unitShortName}开展{topic}活动",
            1 => $"{topic}｜{unitShortName}在行动",
            _ => $"{unitShortName}：{topic}走进{place}",
        };
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{Format(Openers[random.Next(Openers.Length)], day.Month, day.Day, unitShortName, place, topic)}");
        var middleCount = 2 + random.Next(3);
        var start = random.Next(Middles.Length);
        for (var i = 0; i < middleCount; i++)
        {
            builder.Append(Format(Middles[(start + i) % Middles.Length], shortTopic, 3 + random.Next(20), 100 + (random.Next(40) * 10), 20 + random.Next(200)));
        }

        builder.Append(Format(Closers[random.Next(Closers.Length)], unitShortName, shortTopic));
        return (title, builder.ToString());
    }

    /// <summary>The same story written up again for another account: the unit name changed and a few phrases swapped.</summary>
    public (string Title, string Content) Rewrite((string Title, string Content) original, string fromUnit, string toUnit)
    {
        var content = original.Content.Replace(fromUnit, toUnit, StringComparison.Ordinal);
        var title = original.Title.Replace(fromUnit, toUnit, StringComparison.Ordinal);
        var swaps = 1 + random.Next(3);
        for (var i = 0; i < swaps; i++)
        {
            var (from, to) = Rewrites[random.Next(Rewrites.Length)];
            content = content.Replace(from, to, StringComparison.Ordinal);
        }

        return (title, content);
    }

    public string RepostTitle(string hubName) => random.Next(2) == 0 ? $"转发：{hubName}最新发布" : $"【转载】{hubName}：{Topics[random.Next(Topics.Length)].Topic}";

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
