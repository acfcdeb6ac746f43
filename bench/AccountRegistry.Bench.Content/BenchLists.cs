using AccountRegistry.Domain.Content;

namespace AccountRegistry.Bench.Content;

/// <summary>
/// Lists of the size a county keeps (300 official names with up to three wrong forms each, 500 banned phrases, 30
/// allowed domains) and the planting of findings into generated posts, so the checks meet matches at a plausible
/// rate (4.5 % of posts) rather than scanning clean text only.
/// </summary>
internal static class BenchLists
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenParts = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平"];
    private static readonly string[] Places = ["岳", "麓", "湘", "江", "望", "城", "青", "山", "桃", "源", "金", "石", "龙", "泉", "西", "东", "南", "北", "新", "安"];

    public static ContentLists Create(int seed = 7)
    {
        var random = new Random(seed);
        var names = new List<OfficialName>();
        var used = new HashSet<string>();
        while (names.Count < 300)
        {
            var name = names.Count % 2 == 0
                ? Pick(random, Surnames) + Pick(random, GivenParts) + Pick(random, GivenParts)
                : Pick(random, Places) + Pick(random, Places) + Pick(random, ["街道", "镇", "社区", "村"]);
            if (!used.Add(name))
            {
                continue;
            }

            var wrong = Enumerable.Range(0, 3).Select(_ => Misspell(name, random)).Where(w => w != name).Distinct().ToList();
            if (wrong.Count > 0)
            {
                names.Add(new OfficialName(name, wrong));
            }
        }

        var banned = Enumerable.Range(0, 500)
            .Select(i => Pick(random, Places) + Pick(random, ["博彩", "代开", "刷单", "裸聊", "网贷", "返利"]) + Pick(random, ["平台", "发票", "网站", "群", "中介"]) + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        var domains = Enumerable.Range(0, 28).Select(i => $"unit{i}.gov.cn").Append("gov.cn").Append("weixin.qq.com").ToList();
        return new ContentLists(names, banned, domains);
    }

    /// <summary>Adds a finding to some posts, deterministically by position in the file.</summary>
    public static string? Plant(long index, string? content, ContentLists lists) => (index % 1000) switch
    {
        < 10 => content + $"联系电话13{index % 10}{index % 100_000_000:00000000}。",
        < 15 => content + "身份证号" + IdNumber(index) + "。",
        < 18 => content + "收款卡号6222021234567890128。",
        < 28 => content + lists.Names[(int)(index % lists.Names.Count)].WrongForms[0] + "出席。",
        < 33 => content + "谨防" + string.Join(' ', lists.BannedPhrases[(int)(index % lists.BannedPhrases.Count)].ToCharArray()) + "。",
        < 45 => content + $"详见 https://shop{index % 97}.example.com/item/{index}",
        _ => content,
    };

    private static string IdNumber(long index)
    {
        var first17 = $"430104{1950 + (index % 60)}0{1 + (index % 9)}1{index % 10}{index % 1000:000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    private static string Misspell(string name, Random random)
    {
        var chars = name.ToCharArray();
        chars[random.Next(chars.Length)] = Pick(random, GivenParts)[0];
        return new string(chars);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
