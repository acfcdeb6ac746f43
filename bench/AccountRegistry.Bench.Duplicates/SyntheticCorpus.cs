using System.Globalization;
using System.Text;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>
/// Generated government-notice-like Chinese posts with the statistics that matter to the detector: a skewed
/// vocabulary of 2–4 character words, stock phrases and sign-offs shared by unrelated posts, and a length mix of
/// short (Weibo, Douyin) and long (WeChat) posts. Copies are planted by editing characters, by writing the post in
/// traditional script, or by annotating characters with pinyin. Deterministic for a seed; not real prose.
/// </summary>
internal sealed class SyntheticCorpus : IBenchCorpus
{
    private static readonly string[] Syllables =
    [
        "zhōng", "guó", "rén", "mín", "wù", "zhèng", "fǔ", "shè", "qū", "jiē", "dào", "lǜ", "nǚ", "huó", "dòng", "ān", "quán",
        "wén", "míng", "chéng", "shì", "jiàn", "shè", "fú", "wù", "gōng", "zuò", "xiàn", "wěi", "dǎng", "jiàn",
    ];

    private readonly string[] words;
    private readonly string[] stockPhrases;
    private readonly string[] signOffs;
    private readonly Dictionary<char, char> toTraditional = [];

    public SyntheticCorpus(int seed = 1)
    {
        var random = new Random(seed);
        var characters = CharacterPool();
        foreach (var (traditional, simplified) in TraditionalPairs())
        {
            toTraditional.TryAdd(simplified, traditional);
        }

        words = Enumerable.Range(0, 30_000).Select(_ => RandomWord(random, characters, 2 + (random.Next(10) < 6 ? 0 : random.Next(3)))).ToArray();
        stockPhrases = Enumerable.Range(0, 400).Select(_ => Sentence(random, 8 + random.Next(16))).ToArray();
        signOffs = Enumerable.Range(0, 40).Select(_ => Sentence(random, 30 + random.Next(40))).ToArray();
    }

    public string Name => "synthetic (skewed vocabulary, 12 % stock phrases)";

    public IReadOnlyList<CopyKind> Kinds { get; } = [CopyKind.Edit1, CopyKind.Edit5, CopyKind.Edit10, CopyKind.Edit20, CopyKind.Traditional, CopyKind.Pinyin];

    public (string Title, string Content) Post(Random random)
    {
        var kind = random.Next(10);
        var length = kind < 3 ? 60 + random.Next(140) : kind < 8 ? 300 + random.Next(600) : 1000 + random.Next(2000);
        var title = Sentence(random, 10 + random.Next(15)).TrimEnd('，', '。');
        var content = new StringBuilder(length + 64);
        while (content.Length < length)
        {
            content.Append(random.Next(100) < 12 ? stockPhrases[Skewed(random, stockPhrases.Length)] : Sentence(random, 8 + random.Next(24)));
        }

        if (random.Next(100) < 40)
        {
            content.Append(signOffs[Skewed(random, signOffs.Length)]);
        }

        return (title, content.ToString());
    }

    public (string Title, string Content) Copy(Random random, (string Title, string Content) original, CopyKind kind) => kind switch
    {
        CopyKind.Edit1 => (original.Title, Edit(random, original.Content, 0.01)),
        CopyKind.Edit5 => (original.Title, Edit(random, original.Content, 0.05)),
        CopyKind.Edit10 => (original.Title, Edit(random, original.Content, 0.10)),
        CopyKind.Edit20 => (original.Title, Edit(random, original.Content, 0.20)),
        CopyKind.Traditional => (Traditional(original.Title), Traditional(original.Content)),
        CopyKind.Pinyin => (original.Title, Annotate(random, original.Content)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Replaces, deletes or inserts a character at the given share of positions.</summary>
    public string Edit(Random random, string text, double share)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (random.NextDouble() >= share)
            {
                builder.Append(c);
                continue;
            }

            switch (random.Next(3))
            {
                case 0:
                    builder.Append(words[random.Next(words.Length)][0]);
                    break;
                case 1:
                    break;
                default:
                    builder.Append(c).Append(words[random.Next(words.Length)][0]);
                    break;
            }
        }

        return builder.ToString();
    }

    public string Traditional(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '，' => ',',
                '。' => '.',
                _ => toTraditional.GetValueOrDefault(c, c),
            });
        }

        return builder.ToString();
    }

    public static string Annotate(Random random, string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            builder.Append(c);
            if (TextNormalizer.IsHan(c) && random.Next(100) < 15)
            {
                builder.Append(random.Next(2) == 0 ? '(' : '（').Append(Syllables[random.Next(Syllables.Length)]).Append(random.Next(2) == 0 ? ')' : '）');
            }
        }

        return builder.ToString();
    }

    private string Sentence(Random random, int length)
    {
        var builder = new StringBuilder(length + 4);
        while (builder.Length < length)
        {
            builder.Append(words[Skewed(random, words.Length)]);
        }

        builder.Append(random.Next(3) == 0 ? '。' : '，');
        return builder.ToString();
    }

    /// <summary>A Zipf-like pick: low indexes are far more frequent.</summary>
    private static int Skewed(Random random, int count) => (int)(Math.Pow(random.NextDouble(), 3) * count);

    private static string RandomWord(Random random, string characters, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = characters[Skewed(random, characters.Length)];
        }

        return new string(chars);
    }

    /// <summary>Common characters, half of them ones that have a traditional form (so traditional copies differ).</summary>
    private static string CharacterPool()
    {
        const string Common =
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
        var withTraditional = TraditionalPairs().Select(p => p.Simplified).Where(c => c < 0x10000).Select(c => (char)c).Distinct().Take(Common.Length);
        var pool = new StringBuilder(Common.Length * 2);
        using var common = Common.GetEnumerator();
        using var traditional = withTraditional.GetEnumerator();
        while (common.MoveNext() && traditional.MoveNext())
        {
            pool.Append(common.Current).Append(traditional.Current);
        }

        return pool.ToString();
    }

    private static IEnumerable<(char Traditional, char Simplified)> TraditionalPairs()
    {
        using var stream = typeof(TraditionalToSimplified).Assembly.GetManifestResourceStream(TraditionalToSimplified.ResourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var pairs = new List<(char, char)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            var first = parts[1].Split(' ')[0];
            if (parts[0].Length == 1 && first.Length == 1 && TraditionalToSimplified.Map(parts[0][0]) == first[0])
            {
                pairs.Add((parts[0][0], first[0]));
            }
        }

        return pairs;
    }

    public static string Percent(double value) => value.ToString("0.00 %", CultureInfo.InvariantCulture);
}
