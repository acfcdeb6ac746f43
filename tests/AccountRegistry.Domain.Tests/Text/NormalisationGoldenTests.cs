using System.Security.Cryptography;
using System.Text;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Tests.Text;

/// <summary>
/// The near-duplicate fingerprints and the content checks depend on the normalisation giving the same code points
/// (and, for <see cref="NormalizedText"/>, the same source spans) release after release: a change re-fingerprints
/// every stored post differently. These hashes were taken from both normalisers as they were before
/// <see cref="NormalizedText"/> was built on <see cref="TextNormalizer"/>'s steps; any change in their output on
/// 20,000 generated texts (Han, traditional, full-width, pinyin annotations in every accepted and refused shape,
/// combining marks, astral ideographs, kana, symbols) changes a hash.
/// </summary>
public sealed class NormalisationGoldenTests
{
    private const string TextNormalizerHash = "12F7A15722E298DBC14BAE88C1B01D0913878752E5773A6D25F364D009547409";

    private const string NormalizedTextHash = "8FF8996BFF1146A61AF0329D1E4D80C6471035273A1F9F5855C84A8F2B2A2E68";

    private const int Texts = 20_000;

    // Pieces chosen to reach every branch: the fast path, ICU's NFKC, T→S, every annotation shape, case, drops.
    private static readonly string[] Pieces =
    [
        "政", "務", "务", "公", "開", "嶽", "麓", "區", "為", "進", "〇", "々", "𠀋", "𪚥", "丽", "豈",
        "(wù)", "(wu)", "（wù）", "(wu4)", "(ni hao)", "(xi'an)", "(xi’an)", "(Wù)", "( wu)", "(wu )", "(wu", "()", "(é)", "(ǘ)", "(u\u0301)", "(ɑ)",
        "ＡＢＣ", "１２３", "abc", "ABC", "Äß", "İ", "Σ", "ǅ", "①", "㍿", "ｶﾞ", "が", "か\u3099", "e\u0301", "\u0301",
        "，", "。", "、", "《", "》", "“", "”", "—", "·", "　", " ", "\t", "\n", "!", "@", "#", "-", "_", "'", "’",
        "😀", "\u200B", "\uFEFF", "Ⅻ", "½", "²", "٣", "ａ", "Ｚ",
    ];

    [Fact]
    public void TextNormalizer_GivesTheSameCodePointsAsBefore() =>
        AssertHash(TextNormalizerHash, Hash(text => string.Join(',', TextNormalizer.Normalize(text))));

    [Fact]
    public void NormalizedText_GivesTheSameCodePointsAndSourceSpansAsBefore() =>
        AssertHash(NormalizedTextHash, Hash(text =>
        {
            var normalized = NormalizedText.Of(text);
            var builder = new StringBuilder();
            for (var i = 0; i < normalized.Length; i++)
            {
                builder.Append(normalized.CodePoints[i]).Append(':').Append(normalized.Starts[i]).Append('-').Append(normalized.Ends[i]).Append(',');
            }

            return builder.ToString();
        }));

    private static void AssertHash(string expected, string actual) =>
        Assert.True(expected == actual, $"The normalisation changed: hash {actual}, expected {expected}");

    private static string Hash(Func<string, string> normalise)
    {
        var random = new Random(20261206);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var n = 0; n < Texts; n++)
        {
            var text = Generate(random);
            sha.AppendData(Encoding.UTF8.GetBytes(normalise(text) + "\n"));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static string Generate(Random random)
    {
        var builder = new StringBuilder();
        var pieces = random.Next(1, 24);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(random.Next(3) == 0 ? SyntheticText.Story(random, random.Next(1, 6)) : Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
