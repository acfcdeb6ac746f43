using System.Text;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Content;

/// <summary>
/// A text normalised as <see cref="TextNormalizer"/> does (the near-duplicate detector's normalisation: NFKC,
/// traditional → simplified, pinyin annotations removed, only letters and digits, lower-case), keeping for every
/// code point of the result the span of the original text it came from, so that a match in the normalised text can
/// be shown as the original characters and their position.
/// </summary>
/// <remarks>
/// NFKC is applied character by character (a whole-text pass could not say where each character came from). That
/// differs from <see cref="TextNormalizer"/> only for combining sequences that compose across characters (a base
/// letter followed by a combining accent); Chinese posts hardly have them, and a test holds both normalisations
/// equal on Chinese, full-width, traditional and annotated texts.
/// </remarks>
public sealed class NormalizedText
{
    private NormalizedText(int[] codePoints, int[] starts, int[] ends, int count)
    {
        CodePoints = codePoints;
        Starts = starts;
        Ends = ends;
        Length = count;
    }

    /// <summary>The normalised code points; only the first <see cref="Length"/> are used.</summary>
    public int[] CodePoints { get; }

    /// <summary>Per normalised code point: the index of the first UTF-16 unit of its source character.</summary>
    public int[] Starts { get; }

    /// <summary>Per normalised code point: the index after the last UTF-16 unit of its source character.</summary>
    public int[] Ends { get; }

    public int Length { get; }

    public static NormalizedText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var capacity = text.Length + 8;
        var mapped = new int[capacity];
        var starts = new int[capacity];
        var ends = new int[capacity];
        var count = 0;

        // Steps 1–2 (NFKC, traditional → simplified), remembering where each code point came from.
        for (var i = 0; i < text.Length;)
        {
            if (TextNormalizer.TryMapFast(text[i], out var fast))
            {
                Add(ref mapped, ref starts, ref ends, ref count, fast, i, i + 1);
                i++;
                continue;
            }

            var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
            var width = rune.Utf16SequenceLength;
            var nfkc = rune.ToString().Normalize(NormalizationForm.FormKC);
            foreach (var part in nfkc.EnumerateRunes())
            {
                Add(ref mapped, ref starts, ref ends, ref count, TraditionalToSimplified.Map(part.Value), i, i + width);
            }

            i += Math.Max(1, width);
        }

        // Steps 3–5, the sources moving with their code points.
        var written = TextNormalizer.KeepWords(mapped, count, starts, ends);
        return new NormalizedText(mapped, starts, ends, written);
    }

    /// <summary>Normalises a list entry (a name or phrase) to the code points a match must equal.</summary>
    public static int[] Pattern(string text) => TextNormalizer.Normalize(text);

    /// <summary>The normalised text as a string (tests and diagnostics).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Length; i++)
        {
            builder.Append(new Rune(CodePoints[i]).ToString());
        }

        return builder.ToString();
    }

    private static void Add(ref int[] mapped, ref int[] starts, ref int[] ends, ref int count, int codePoint, int start, int end)
    {
        if (count == mapped.Length)
        {
            Array.Resize(ref mapped, mapped.Length * 2);
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref ends, ends.Length * 2);
        }

        mapped[count] = codePoint;
        starts[count] = start;
        ends[count] = end;
        count++;
    }
}
