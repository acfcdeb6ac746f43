using System.Text;
using AccountRegistry.Application.Imports.Generation;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>A corpus the benchmark can run on: unrelated posts, and copies of a post of each planted kind.</summary>
internal interface IBenchCorpus
{
    string Name { get; }

    IReadOnlyList<CopyKind> Kinds { get; }

    (string Title, string Content) Post(Random random);

    (string Title, string Content) Copy(Random random, (string Title, string Content) original, CopyKind kind);
}

internal enum CopyKind
{
    Exact,
    Edit1,
    Edit1To4,
    Edit5,
    Edit10,
    Edit20,
    Forward,
    Traditional,
    Pinyin,
}

internal static class BenchCorpora
{
    public static IBenchCorpus Named(string? name) => name switch
    {
        null or "synthetic" => new SyntheticCorpus(),
        "template" => new TemplateCorpus(),
        "realistic" => new RealisticCorpus(),
        _ => throw new ArgumentException($"Unknown corpus {name}: synthetic, template or realistic."),
    };

    public static string Describe(CopyKind kind) => kind switch
    {
        CopyKind.Exact => "exact copy",
        CopyKind.Edit1 => "1 % of characters edited",
        CopyKind.Edit1To4 => "1–4 % edited",
        CopyKind.Edit5 => "5 % edited",
        CopyKind.Edit10 => "10 % edited",
        CopyKind.Edit20 => "20 % edited",
        CopyKind.Forward => "转发 prefix and 1–4 % edited",
        CopyKind.Traditional => "traditional script (and ASCII punctuation)",
        CopyKind.Pinyin => "pinyin-annotated",
        _ => kind.ToString(),
    };

    /// <summary>Copies as the generator and the demo plant them: exact, light edits, 转发, traditional, pinyin.</summary>
    public static (string Title, string Content) PlantedCopy(SyntheticCorpus helper, Random random, (string Title, string Content) original, CopyKind kind) => kind switch
    {
        CopyKind.Exact => original,
        CopyKind.Edit1To4 => (original.Title, helper.Edit(random, original.Content, 0.01 + (random.NextDouble() * 0.03))),
        CopyKind.Forward => ("转发：" + original.Title, helper.Edit(random, original.Content, 0.01 + (random.NextDouble() * 0.03))),
        _ => helper.Copy(random, original, kind),
    };
}

/// <summary>
/// The adversarial case: the text `registry generate` wrote before issue 14 (a few template sentences recombined),
/// where unrelated posts of one topic sit at Jaccard 0.1–0.6 and many pairs really are near-duplicates.
/// </summary>
internal sealed class TemplateCorpus : IBenchCorpus
{
    private static readonly string[] Places = ["岳麓", "湘江", "望城", "青山", "桃源", "金石", "龙泉", "西湖", "新安", "平阳", "云溪", "坪塘", "桥林", "丰和", "兴华", "长宁"];
    private static readonly string[] Topics = ["垃圾分类", "疫苗接种", "防汛抗旱", "森林防火", "安全生产", "文明城市创建", "乡村振兴", "人居环境整治", "医保缴费", "养老服务", "就业招聘", "义务教育招生", "消防安全", "交通安全", "禁毒宣传", "反诈宣传", "政策解读", "民生实事", "老旧小区改造", "河长制", "耕地保护", "志愿服务", "全民健身", "非遗传承", "农产品销售", "营商环境", "社保认证", "防溺水", "食品安全", "扫黑除恶"];
    private static readonly string[] Verbs = ["开展", "举办", "组织", "部署", "推进", "召开", "启动", "落实", "加强", "深化"];
    private static readonly string[] Events = ["专题会议", "宣传活动", "培训班", "现场观摩会", "集中行动", "入户走访", "志愿服务活动", "工作推进会", "知识讲座", "督导检查"];
    private static readonly string[] Subjects = ["社区工作人员", "志愿者", "党员干部", "网格员", "村干部", "医护人员", "民警", "执法人员", "居民群众", "青年团员"];
    private static readonly string[] Actions = ["深入田间地头了解群众需求", "逐户发放宣传资料", "现场解答群众咨询", "认真排查各类隐患", "详细讲解相关政策", "帮助老人办理业务", "清理卫生死角", "走访慰问困难家庭", "检查重点场所", "收集群众意见建议", "开展面对面交流", "指导企业整改问题"];
    private static readonly string[] Outcomes = ["进一步提高了群众的知晓率和参与度", "有效消除了一批安全隐患", "切实解决了群众急难愁盼问题", "营造了良好的社会氛围", "为下一步工作打下了坚实基础", "得到了辖区居民的一致好评", "推动各项工作落地见效", "增强了群众的获得感和幸福感"];
    private static readonly string[] Closings = ["下一步，我们将持续发力，久久为功。", "欢迎广大市民积极参与。", "如有疑问请拨打服务热线咨询。", "请大家相互转告。", "让我们携手共建美好家园！", "相关工作仍在持续推进中。"];

    private readonly SyntheticCorpus helper = new();

    public string Name => "template (the generator's text before issue 14)";

    public IReadOnlyList<CopyKind> Kinds { get; } = [CopyKind.Exact, CopyKind.Edit1To4, CopyKind.Forward, CopyKind.Traditional, CopyKind.Pinyin];

    public (string Title, string Content) Post(Random random)
    {
        var place = Pick(random, Places);
        var topic = Pick(random, Topics);
        var title = random.Next(4) switch
        {
            0 => $"{place}{Pick(random, Verbs)}{topic}{Pick(random, Events)}",
            1 => $"【{topic}】{place}在行动",
            2 => $"关于{topic}的温馨提示",
            _ => $"{place}：{topic}工作取得新进展",
        };
        var text = new StringBuilder(256);
        text.Append(1 + random.Next(12)).Append('月').Append(1 + random.Next(28)).Append("日，").Append(place).Append(Pick(random, Verbs)).Append(topic).Append(Pick(random, Events)).Append('。');
        var sentences = 1 + random.Next(4);
        for (var i = 0; i < sentences; i++)
        {
            text.Append(Pick(random, Subjects)).Append(Pick(random, Actions)).Append('，').Append(Pick(random, Outcomes)).Append('。');
            if (random.Next(10) < 3)
            {
                text.Append("本次活动共覆盖").Append(2 + random.Next(979)).Append("户、").Append(10 + random.Next(4991)).Append("人次。");
            }
        }

        text.Append(Pick(random, Closings));
        return (title, text.ToString());
    }

    public (string Title, string Content) Copy(Random random, (string Title, string Content) original, CopyKind kind) =>
        BenchCorpora.PlantedCopy(helper, random, original, kind);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}

/// <summary>
/// The realistic case: the reports `registry generate` and the demo now write (<see cref="ReportWriter"/>), titles and
/// openings from templates, bodies with their own villages, people, figures and quotes.
/// </summary>
internal sealed class RealisticCorpus : IBenchCorpus
{
    private static readonly string[] Units = ["望岳街道", "岳麓街道", "桔子洲街道", "银盆岭街道", "观沙岭街道", "西湖街道", "咸嘉湖街道", "望城坡街道", "梅溪湖街道", "莲花镇", "雨敞坪镇", "含浦街道", "区教育局", "区卫生健康局", "区民政局", "区应急管理局", "区农业农村局", "区市场监督管理局", "区融媒体中心"];
    private static readonly string[] Topics = ["垃圾分类", "疫苗接种", "防汛抗旱", "森林防火", "安全生产", "文明城市创建", "乡村振兴", "人居环境整治", "医保缴费", "养老服务", "就业招聘", "消防安全", "交通安全", "禁毒宣传", "反诈宣传", "老旧小区改造", "河长制", "志愿服务", "全民健身", "食品安全"];

    private readonly SyntheticCorpus helper = new();

    public string Name => "realistic (the generator's and the demo's text since issue 14)";

    public IReadOnlyList<CopyKind> Kinds { get; } = [CopyKind.Exact, CopyKind.Edit1To4, CopyKind.Forward, CopyKind.Traditional, CopyKind.Pinyin];

    public (string Title, string Content) Post(Random random)
    {
        var writer = new ReportWriter(random.Next);
        var unit = Units[random.Next(Units.Length)];
        var topic = Topics[random.Next(Topics.Length)];
        var day = new DateOnly(2026, 1, 1).AddDays(random.Next(330));
        return (writer.Title(unit, topic), writer.Body(unit, topic, day, random.Next(10) < 3 ? 1 + random.Next(3) : 4 + random.Next(9)));
    }

    public (string Title, string Content) Copy(Random random, (string Title, string Content) original, CopyKind kind) =>
        BenchCorpora.PlantedCopy(helper, random, original, kind);
}
