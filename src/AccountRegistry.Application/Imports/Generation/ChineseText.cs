using System.Text;

namespace AccountRegistry.Application.Imports.Generation;

/// <summary>
/// Word lists for synthetic government posts (the prose itself comes from <see cref="ReportWriter"/>), plus the
/// ways copies are made: light edits, conversion to traditional script, pinyin annotations. The simplified→traditional pairs are built in (taken from the OpenCC
/// TSCharacters table, first choices only, for the characters these word lists use), so that normalising a
/// traditional copy with TSCharacters gives back the original.
/// </summary>
internal static class ChineseText
{
    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];

    public static readonly string[] GivenNameParts = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "红", "文", "斌", "鹏", "辉", "玲"];

    public static readonly string[] PlaceSyllables = ["岳", "麓", "湘", "江", "望", "城", "青", "山", "桃", "源", "金", "石", "龙", "泉", "西", "东", "南", "北", "新", "安", "平", "阳", "河", "溪", "云", "坪", "塘", "桥", "湖", "林", "丰", "和", "兴", "华", "长", "宁"];

    public static readonly string[] Departments =
    [
        "教育局", "卫生健康局", "公安分局", "民政局", "人力资源和社会保障局", "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水利局",
        "农业农村局", "商务局", "文化旅游广电体育局", "应急管理局", "市场监督管理局", "医疗保障局", "统计局", "林业局", "城市管理局", "司法局",
        "财政局", "审计局", "税务局", "消防救援大队", "团委", "妇联", "总工会", "科协", "残联", "档案馆", "图书馆", "人民医院", "第一中学", "气象局",
    ];

    public const string MediaCenter = "融媒体中心";

    public static readonly string[] AccountSuffixes = ["发布", "微讯", "在线", "之窗", "优生活", "资讯", "动态", "政务", "服务", "e家"];

    public static readonly string[] Topics =
    [
        "垃圾分类", "疫苗接种", "防汛抗旱", "森林防火", "安全生产", "文明城市创建", "乡村振兴", "人居环境整治", "医保缴费", "养老服务", "就业招聘",
        "义务教育招生", "消防安全", "交通安全", "禁毒宣传", "反诈宣传", "政策解读", "民生实事", "老旧小区改造", "河长制", "耕地保护",
        "志愿服务", "全民健身", "非遗传承", "农产品销售", "营商环境", "社保认证", "防溺水", "食品安全", "扫黑除恶",
    ];

    /// <summary>Pairs "简繁简繁…": the first character of each pair is simplified, the second its traditional form.</summary>
    private const string SimplifiedTraditionalPairs = "与與专專业業东東丰豐为為丽麗举舉义義乡鄉书書于於云雲产產们們众眾优優会會伟偉传傳体體党黨关關兴興养養军軍农農冯馮决決刘劉刚剛创創制製办辦务務动動区區医醫华華协協卫衛参參发發启啓吴吳员員周週咨諮团團园園困睏围圍图圖场場坚堅头頭妇婦孙孫学學宁寧实實审審家傢对對导導将將局侷岳嶽布佈帮幫干乾幸倖广廣应應开開张張强強志誌态態总總恶噁愿願户戶执執扫掃护護拨撥携攜教敎旧舊晓曉朱硃杨楊杰傑极極查査档檔桥橋梁樑检檢欢歡残殘气氣涛濤温溫游遊溪谿点點热熱环環现現电電疗療监監盖蓋真眞础礎种種积積税稅简簡类類红紅线綫组組细細织織统統续續缴繳网網罗羅群羣联聯胡衚致緻艳艷获獲营營见見观觀计計认認让讓训訓议議讯訊讲講许許设設访訪证証评評识識诈詐询詢详詳请請读讀谢謝财財费費资資赵趙转轉辉輝输輸辖轄运運进進遗遺邓鄧郑鄭销銷长長问問间間队隊阳陽陈陳隐隱难難静靜面麪韩韓项項题題馆舘马馬鹏鵬黄黃龙龍";

    private static readonly Dictionary<char, char> ToTraditionalMap = BuildMap();

    public static string PersonName(DeterministicRandom random) =>
        random.Pick(Surnames) + random.Pick(GivenNameParts) + (random.Chance(0.6) ? random.Pick(GivenNameParts) : string.Empty);

    public static string PlaceName(DeterministicRandom random) => random.Pick(PlaceSyllables) + random.Pick(PlaceSyllables);

    public static string Title(DeterministicRandom random, string place, string topic) =>
        new ReportWriter(random.Next).Title(place, topic);

    /// <summary>
    /// A post body (<see cref="ReportWriter"/>): short for a Weibo-like post, longer for an article; some contain ASCII
    /// commas, quotes or line breaks (CSV quoting cases).
    /// </summary>
    public static string Content(DeterministicRandom random, string place, string topic, DateOnly day)
    {
        var text = new StringBuilder(new ReportWriter(random.Next).Body(place, topic, day, random.Chance(0.3) ? random.Between(1, 3) : random.Between(4, 12)));
        if (random.Chance(0.04))
        {
            text.Append("\n\"").Append(topic).Append("\"相关问题, 请留言。");
        }

        return text.ToString();
    }

    /// <summary>A copy annotated with pinyin after some characters (removed again by normalisation).</summary>
    public static string AnnotatePinyin(DeterministicRandom random, string source) => new ReportWriter(random.Next).AnnotatePinyin(source);

    /// <summary>A copy with a few characters changed, dropped or inserted (about 1–4 % of the text).</summary>
    public static string LightEdit(DeterministicRandom random, string source)
    {
        var text = new StringBuilder(source);
        var edits = Math.Max(1, (int)(source.Length * (0.01 + (random.NextDouble() * 0.03))));
        for (var i = 0; i < edits && text.Length > 2; i++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text[at] = random.Pick(GivenNameParts)[0];
                    break;
                case 1:
                    text.Remove(at, 1);
                    break;
                default:
                    text.Insert(at, random.Pick(PlaceSyllables));
                    break;
            }
        }

        return random.Chance(0.5) ? "转发：" + text : text.ToString();
    }

    public static string ToTraditional(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(ToTraditionalMap.TryGetValue(c, out var traditional) ? traditional : c);
        }

        return result.ToString();
    }

    private static Dictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < SimplifiedTraditionalPairs.Length; i += 2)
        {
            map[SimplifiedTraditionalPairs[i]] = SimplifiedTraditionalPairs[i + 1];
        }

        return map;
    }
}
