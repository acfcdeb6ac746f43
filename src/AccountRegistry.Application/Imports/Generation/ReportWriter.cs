using System.Globalization;
using System.Text;

namespace AccountRegistry.Application.Imports.Generation;

/// <summary>
/// Synthetic government work reports (工作动态) for `registry generate` and the demo county, written so that they
/// differ the way real reports do. Real posts of one county share a title pattern, an opening formula and a stock
/// sentence or two (活动现场，工作人员通过发放宣传资料…), but their bodies name different villages, people, figures and
/// quotes; unrelated posts therefore sit far below the near-duplicate threshold, and the copies a data set holds are
/// the ones it plants (一稿多投, reposted releases). An earlier generator recombined a few template sentences, so that
/// two unrelated posts were often above Jaccard 0.6 and the detector reported template noise as copies.
/// </summary>
/// <remarks>
/// The random source is a function "an integer in [0, max)", so the generator's reproducible SplitMix64 and the demo's
/// seeded <see cref="Random"/> both drive it. The docs (docs/benchmarks.md, "Near-duplicates") give the measured
/// Jaccard distribution of unrelated pairs.
/// </remarks>
public sealed class ReportWriter(Func<int, int> next)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "红", "文", "斌", "鹏", "辉", "玲", "志", "建", "国", "春", "海", "燕", "琴", "波", "宇", "晨"];

    private static readonly string[] PlaceSyllables = ["岳", "麓", "湘", "江", "望", "城", "青", "山", "桃", "源", "金", "石", "龙", "泉", "西", "东", "南", "北", "新", "安", "平", "阳", "河", "溪", "云", "坪", "塘", "桥", "湖", "林", "丰", "和", "兴", "华", "长", "宁", "白", "沙", "柏", "枫", "梅", "竹", "茶", "莲", "花", "田", "冲", "岭"];

    private static readonly string[] VillageKinds = ["村", "社区", "组", "居民小区", "片区"];

    private static readonly string[] Roles = ["党委书记", "镇长", "副镇长", "街道党工委书记", "村党支部书记", "村委会主任", "社区书记", "网格员", "驻村第一书记", "站长", "所长", "局长", "副局长", "科长", "志愿者", "老党员", "种植大户", "企业负责人", "退休教师", "卫生院院长"];

    private static readonly string[] Venues = ["党群服务中心", "新时代文明实践站", "村部广场", "文化活动室", "便民服务大厅", "农贸市场", "中心小学", "卫生院", "养老服务中心", "产业园", "合作社基地", "体育公园", "老年活动中心", "应急避难场所", "集镇主街"];

    private static readonly string[] Times = ["上午", "下午", "晚上", ""];

    private static readonly string[] Verbs = ["开展", "举办", "组织", "部署", "推进", "召开", "启动", "落实"];

    private static readonly string[] Events = ["专题会议", "宣传活动", "培训班", "现场观摩会", "集中行动", "入户走访", "志愿服务活动", "工作推进会", "知识讲座", "督导检查", "座谈会", "应急演练"];

    private static readonly string[] Items = ["宣传折页", "应急包", "米面油", "灭火器", "防汛沙袋", "图书", "体检卡", "春联", "药品", "棉被", "种子化肥", "反诈手册", "安全帽", "爱心餐"];

    private static readonly string[] Problems = ["路灯损坏", "排水沟堵塞", "楼道堆物", "电线私拉乱接", "围栏缺失", "占道经营", "垃圾清运不及时", "井盖松动", "山塘渗漏", "农田灌溉不畅", "停车难", "噪音扰民"];

    private static readonly string[] Crops = ["水稻", "油菜", "柑橘", "茶叶", "蔬菜", "葡萄", "黄桃", "中药材", "生猪", "小龙虾"];

    /// <summary>Sentences with slots; few enough words of their own that two posts sharing one share few shingles.</summary>
    private static readonly string[] Details =
    [
        "{village}{person}家的{problem}问题，{days}天内就得到了解决。",
        "在{village}，{role}{person}带着{n}名队员逐户上门，登记了{m}条诉求。",
        "{person}是{village}的{role}，{years}年来一直{habit}。",
        "现场共发放{item}{m}份，为{n}户家庭建立了台账。",
        "截至{month}月底，{village}已完成{crop}种植{area}亩，预计增收{money}万元。",
        "{village}投入资金{money}万元，新修道路{km}公里、排水沟{m}米。",
        "当天，{n}名{group}来到{venue}，{doing}。",
        "据统计，今年以来累计排查{problem}等隐患{m}处，已整改{n}处。",
        "{role}{person}介绍，{village}共有{m}户{n}人，其中六十岁以上老人{k}人。",
        "针对{problem}，{village}{fix}，群众拍手称好。",
        "{person}今年{age}岁，{story}。",
        "活动持续到{hour}点，{village}的{n}位居民参与其中。",
        "{venue}里，{person}正在{doing2}。",
        "目前，{village}{crop}产业带动{n}户群众就业，人均年增收{money2}元。",
        "{group}{n}人分成{k}个小组，对{village}{m}栋楼逐一排查。",
    ];

    private static readonly string[] Habits = ["义务为邻居修理家电", "坚持每天巡河", "照顾独居老人", "在村口指挥交通", "为孩子们辅导作业", "记录村里的大事小情"];

    private static readonly string[] Groups = ["党员志愿者", "青年团员", "医护人员", "网格员", "民警", "执法队员", "大学生志愿者", "乡贤代表", "巾帼志愿者"];

    private static readonly string[] Doings = ["帮助老人清理房前屋后", "为群众免费测量血压", "讲解防诈骗知识", "检查燃气管道", "清理河道垃圾", "指导农户科学施肥", "帮商户登记信息", "慰问困难党员"];

    private static readonly string[] Doings2 = ["给孩子们讲红色故事", "教老人使用智能手机", "整理新到的图书", "调解一起邻里纠纷", "核对医保缴费名单", "录入入户走访信息"];

    private static readonly string[] Fixes = ["协调施工队连夜抢修", "召开屋场会商量办法", "联系供电所上门处理", "设置临时警示标志", "建立每日巡查制度", "发动党员带头清理"];

    private static readonly string[] Stories = ["退休后主动当起了义务宣传员", "种了二十多年水稻", "去年返乡办起了合作社", "每天清早都到广场锻炼", "是远近闻名的热心人", "刚刚搬进安置小区"];

    private static readonly string[] QuoteOpenings = ["以前办事要跑好几趟，", "没想到这么快就解决了，", "政策讲得明明白白，", "家门口就能看病，", "现在路修好了，", "有了网格员，", "孩子放学有地方去了，", "听了讲座才知道，"];

    private static readonly string[] QuoteEndings = ["我们心里踏实多了。", "感谢党和政府。", "日子越过越有盼头。", "老人们都很高兴。", "以后还要多来几次。", "骗子的套路真不少。", "生意比去年好多了。", "大家都说好。"];

    /// <summary>Stock sentences of county reports: every post may carry one or two of them.</summary>
    private static readonly string[] Boilerplate =
    [
        "活动现场，工作人员通过发放宣传资料、设置咨询台、现场讲解等方式，向居民群众普及相关知识。",
        "志愿者们耐心细致地为前来咨询的群众答疑解惑，现场气氛热烈。",
        "下一步，将持续深化相关工作，推动各项措施落地见效，切实增强群众的获得感和幸福感。",
        "据悉，此类活动将常态化开展，切实把服务送到群众身边。",
        "此次活动进一步提高了群众的知晓率和参与度，营造了良好的社会氛围。",
        "如有疑问，请拨打服务热线咨询。",
        "欢迎广大市民积极参与，共建美好家园。",
        "相关负责人表示，将以此次活动为契机，不断创新工作方式。",
    ];

    private static readonly (string From, string To)[] Rewrites =
    [
        ("开展", "举办"), ("居民群众", "辖区居民"), ("活动现场", "现场"), ("进一步", "更好地"), ("耐心细致地", "认真地"),
        ("热烈", "活跃"), ("群众", "居民"), ("组织", "积极组织"), ("工作人员", "社区干部"), ("目前", "当前"),
    ];

    public string Person() => Pick(Surnames) + Pick(GivenNames) + (next(10) < 6 ? Pick(GivenNames) : string.Empty);

    public string Village() => Pick(PlaceSyllables) + Pick(PlaceSyllables) + Pick(VillageKinds);

    public string Title(string unit, string topic)
    {
        var village = Village();
        return next(6) switch
        {
            0 => $"{unit}{Pick(Verbs)}{topic}{Pick(Events)}",
            1 => $"【{topic}】{village}：{Pick(Doings)}",
            2 => $"{unit}：{topic}工作走进{village}",
            3 => $"{village}{Person()}：{Pick(Stories)}",
            4 => $"{Pick(Groups)}{next(90) + 10}人走进{village}{Pick(Venues)}",
            _ => $"{topic}｜{village}{Pick(Fixes)}",
        };
    }

    /// <summary>
    /// A report of about <paramref name="sentences"/> sentences: the opening formula, details with their own names and
    /// figures, perhaps a quote, perhaps a stock sentence or two.
    /// </summary>
    public string Body(string unit, string topic, DateOnly day, int sentences)
    {
        var text = new StringBuilder(64 * (sentences + 2));
        var village = Village();
        text.Append(CultureInfo.InvariantCulture, $"{day.Month}月{day.Day}日{Pick(Times)}，{unit}在{village}{Pick(Venues)}{Pick(Verbs)}{topic}{Pick(Events)}。");
        for (var i = 0; i < sentences; i++)
        {
            var roll = next(100);
            if (roll < 12)
            {
                text.Append(Pick(Boilerplate));
            }
            else if (roll < 24)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Pick(Roles)}{Person()}说：“{Pick(QuoteOpenings)}{Pick(QuoteEndings)}”");
            }
            else
            {
                // Half of the details stay in the opening's village, as real reports do.
                text.Append(Detail(next(2) == 0 ? village : Village()));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The same story rewritten for another account (一稿多投): its unit named instead, a phrase or two swapped and
    /// a few characters changed, so that it stays a near-duplicate (Jaccard typically 0.65–0.9).
    /// </summary>
    public (string Title, string Content) Rewrite((string Title, string Content) original, string fromUnit, string toUnit)
    {
        var title = original.Title.Replace(fromUnit, toUnit, StringComparison.Ordinal);
        var content = original.Content.Replace(fromUnit, toUnit, StringComparison.Ordinal);
        var swaps = 1 + next(2);
        for (var i = 0; i < swaps; i++)
        {
            var (from, to) = Rewrites[next(Rewrites.Length)];
            var at = content.IndexOf(from, StringComparison.Ordinal);
            if (at >= 0)
            {
                content = string.Concat(content.AsSpan(0, at), to, content.AsSpan(at + from.Length));
            }
        }

        return (title, content);
    }

    /// <summary>Adds pinyin in parentheses after some Han characters (as reposts for readers sometimes do); normalisation removes it.</summary>
    public string AnnotatePinyin(string text)
    {
        string[] syllables = ["zhèng", "wù", "fú", "mín", "shēng", "ān", "quán", "xiāng", "cūn", "shè", "qū"];
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            builder.Append(c);
            if (c is >= '\u4E00' and <= '\u9FFF' && next(100) < 8)
            {
                builder.Append('(').Append(Pick(syllables)).Append(')');
            }
        }

        return builder.ToString();
    }

    private string Detail(string village)
    {
        var template = Pick(Details);
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] != '{')
            {
                text.Append(template[i++]);
                continue;
            }

            var end = template.IndexOf('}', i);
            text.Append(Slot(template[(i + 1)..end], village));
            i = end + 1;
        }

        return text.ToString();
    }

    private string Slot(string name, string village) => name switch
    {
        "village" => village,
        "person" => Person(),
        "role" => Pick(Roles),
        "problem" => Pick(Problems),
        "item" => Pick(Items),
        "crop" => Pick(Crops),
        "venue" => Pick(Venues),
        "group" => Pick(Groups),
        "doing" => Pick(Doings),
        "doing2" => Pick(Doings2),
        "habit" => Pick(Habits),
        "fix" => Pick(Fixes),
        "story" => Pick(Stories),
        "days" => Number(2, 15),
        "n" => Number(3, 90),
        "m" => Number(20, 2_000),
        "k" => Number(2, 60),
        "years" => Number(3, 30),
        "month" => Number(1, 12),
        "area" => Number(50, 5_000),
        "money" => Number(5, 900),
        "money2" => Number(800, 9_000),
        "km" => Number(1, 25),
        "age" => Number(45, 92),
        "hour" => Number(11, 21),
        _ => throw new InvalidOperationException($"Unknown slot {name}."),
    };

    private string Number(int min, int max) => (min + next(max - min + 1)).ToString(CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[next(items.Count)];
}
