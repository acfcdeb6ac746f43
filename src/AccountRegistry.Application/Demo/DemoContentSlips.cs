using System.Globalization;
using AccountRegistry.Domain.Content;

namespace AccountRegistry.Application.Demo;

/// <summary>
/// The slips a county's own reports really contain, planted in about one original story in 150 of the departments'
/// and communities' accounts, so that 内容巡查 has findings to decide: a resident's unmasked mobile or ID number in a
/// notice (公示), a wrong form of an official name, and links outside the government's domains, half of them to the
/// provincial job platform (a false alarm the reviewer clears) and half behind a short-link service. Township stories
/// are left alone: their communities copy them, and a changed source would move the demo's near-duplicate pairs.
/// Its own random stream, drawn only here, so the rest of the demo county is the same with or without the slips.
/// </summary>
public sealed class DemoContentSlips(Random random)
{
    /// <summary>The name and its wrong forms the demo's 内容词表 holds.</summary>
    public static readonly (string Name, string[] WrongForms)[] OfficialNames =
    [
        ("岳麓区人民政府", ["岳麓区人名政府"]),
        ("社会主义核心价值观", ["社会主义核心价值关"]),
    ];

    /// <summary>The provincial job platform: a legitimate link the lists do not allow yet.</summary>
    public const string JobPlatformHost = "www.hnjy.com.cn";

    private const int OneIn = 150;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "周", "吴"];

    private static readonly string[] GivenNames = ["秀兰", "建国", "桂英", "志强", "玉梅", "德华", "淑珍", "国平"];

    /// <summary>The story, with a slip added at its end once in <see cref="OneIn"/>.</summary>
    public (string Title, string Content) MaybeSlip((string Title, string Content) story)
    {
        if (random.Next(OneIn) != 0)
        {
            return story;
        }

        var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var slip = random.Next(8) switch
        {
            0 or 1 or 2 => $"如需咨询，可联系网格员{name}，手机{Mobile()}。",
            3 or 4 => $"经公示无异议，{name}（身份证号{IdNumber()}）等同志的高龄津贴已发放到位。",
            5 => $"此项工作在{Wrong(random.Next(OfficialNames.Length))}的统一部署下推进。",
            6 => $"报名请登录湖南公共招聘网 https://{JobPlatformHost}/ 查询岗位。",
            _ => $"活动报名链接：http://t.cn/A6{ShortCode()}",
        };
        return (story.Title, story.Content + slip);
    }

    private string Wrong(int index) => OfficialNames[index].WrongForms[0];

    private static readonly int[] MobilePrefixes = [135, 138, 139, 150, 151, 158, 186, 187];

    private string Mobile() =>
        string.Create(CultureInfo.InvariantCulture, $"{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(10_000_000, 100_000_000)}");

    /// <summary>A number of the demo district (430104), born 1938–1957, with its GB 11643 check character.</summary>
    private string IdNumber()
    {
        var birth = new DateOnly(1938, 1, 1).AddDays(random.Next(20 * 365));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"430104{birth:yyyyMMdd}{random.Next(1000):000}");
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    private string ShortCode()
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 5).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
    }
}
