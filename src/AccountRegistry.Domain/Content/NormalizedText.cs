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
            int c = text[i];
            if (c < 0x80 || c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF)
            {
                Add(ref mapped, ref starts, ref ends, ref count, c < 0x80 ? c : TraditionalToSimplified.Map(c), i, i + 1);
                i++;
            }
            else if (c is >= 0xFF01 and <= 0xFF5E)
            {
                Add(ref mapped, ref starts, ref ends, ref count, c - 0xFEE0, i, i + 1);
                i++;
            }
            else if (c == 0x3000)
            {
                Add(ref mapped, ref starts, ref ends, ref count, ' ', i, i + 1);
                i++;
            }
            else
            {
                var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
                var width = rune.Utf16SequenceLength;
                var nfkc = rune.ToString().Normalize(NormalizationForm.FormKC);
                foreach (var part in nfkc.EnumerateRunes())
                {
                    Add(ref mapped, ref starts, ref ends, ref count, TraditionalToSimplified.Map(part.Value), i, i + width);
                }

                i += Math.Max(1, width);
            }
        }

        // Steps 3–5 in place: drop annotations and non letters/digits, lower-case.
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var codePoint = mapped[i];
            if (codePoint == '(' && i > 0 && TextNormalizer.IsHan(mapped[i - 1]) && AnnotationEnd(mapped, i, count) is var end && end > 0)
            {
                i = end;
                continue;
            }

            if (TextNormalizer.IsLetterOrDigit(codePoint))
            {
                mapped[written] = ToLower(codePoint);
                starts[written] = starts[i];
                ends[written] = ends[i];
                written++;
            }
        }

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

    private static int ToLower(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return (uint)(codePoint - 'A') <= 'Z' - 'A' ? codePoint + 32 : codePoint;
        }

        if (codePoint is >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7AF or >= 0x20000)
        {
            return codePoint;
        }

        return Rune.ToLowerInvariant(new Rune(codePoint)).Value;
    }

    /// <summary>As <see cref="TextNormalizer"/>: the index of the ")" closing a pinyin annotation at <paramref name="open"/>, else -1.</summary>
    private static int AnnotationEnd(int[] codePoints, int open, int count)
    {
        var i = open + 1;
        if (i >= count || !IsLatinLetter(codePoints[i]))
        {
            return -1;
        }

        while (i < count)
        {
            var c = codePoints[i];
            if (c == ')')
            {
                return i;
            }

            if (IsLatinLetter(c) || c is >= 0x0300 and <= 0x036F)
            {
                i++;
            }
            else if ((c == ' ' || c == '\'' || c == '\u2019') && i + 1 < count && IsLatinLetter(codePoints[i + 1]))
            {
                i++;
            }
            else
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool IsLatinLetter(int c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => true,
        >= 0x00C0 and <= 0x024F => c is not (0x00D7 or 0x00F7),
        >= 0x0250 and <= 0x02AF => true,
        >= 0x1E00 and <= 0x1EFF => true,
        _ => false,
    };
}
