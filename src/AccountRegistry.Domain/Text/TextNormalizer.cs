// Over 300 lines: the spec's normalisation steps and their allocation-free fast paths are kept together so that the
// fast path can be checked against the step-by-step one it must equal.
using System.Buffers;
using System.Globalization;
using System.Text;

namespace AccountRegistry.Domain.Text;

/// <summary>
/// The normalisation of spec/rules.md ("Near-duplicate"), in the spec's order:
/// <list type="number">
/// <item>Unicode NFKC (full-width letters, digits and parentheses become ASCII; ① becomes 1);</item>
/// <item>traditional → simplified with the OpenCC TSCharacters table, first choice (<see cref="TraditionalToSimplified"/>);</item>
/// <item>a Latin-letter pinyin annotation in parentheses directly after a Han character is removed (<c>務(wù)</c> → <c>务</c>);</item>
/// <item>every character that is not a letter or a digit is dropped;</item>
/// <item>lower-case.</item>
/// </list>
/// The result is a sequence of Unicode code points: characters outside the BMP (CJK extension B and later, common in
/// place and personal names) count as one character and are never split into surrogates.
/// </summary>
/// <remarks>
/// Decisions where the spec leaves room, so that other implementations can match them:
/// <list type="bullet">
/// <item>"Letter or digit" is Unicode general category L* (letters, including Han) or N* (numbers). N* rather than
/// only Nd keeps 〇 (U+3007, category Nl), the zero of Chinese dates such as 二〇二四年. After NFKC almost every other
/// Nl/No character has already become ASCII digits or letters.</item>
/// <item>A pinyin annotation is "(", then Latin letters (Basic Latin, Latin-1, Latin Extended-A/B, IPA extensions,
/// Latin Extended Additional — so tone marks as in ǎ ü ǘ are covered — plus combining diacritics U+0300–U+036F), in
/// one or more syllables separated by single spaces or apostrophes, then ")". The "(" must follow the Han character
/// immediately. Full-width parentheses are covered because NFKC has already made them ASCII. Digit tones ("wu4")
/// are not Latin letters and are left alone, as the spec says.</item>
/// <item>Han characters are the CJK unified ideographs (all extensions), the compatibility ideographs and the
/// ideographic marks 々 〆 〇 〡–〩 〸–〻 (Unicode script Han).</item>
/// <item>Lower-casing is the invariant simple case mapping, one code point to one code point.</item>
/// </list>
/// </remarks>
public static class TextNormalizer
{
    /// <summary>Normalises a text to code points (the form shingles are taken from).</summary>
    public static int[] Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var buffer = ArrayPool<int>.Shared.Rent(text.Length);
        try
        {
            // Steps 1 and 2 as the code points are read; steps 3–5 in one pass after. Each step alone is below.
            var count = DecodeNfkcFastPath(text, buffer);
            if (count < 0)
            {
                // NFKC may lengthen a text (㍿ becomes 株式会社).
                var nfkc = text.Normalize(NormalizationForm.FormKC);
                if (nfkc.Length > buffer.Length)
                {
                    ArrayPool<int>.Shared.Return(buffer);
                    buffer = ArrayPool<int>.Shared.Rent(nfkc.Length);
                }

                count = 0;
                foreach (var rune in nfkc.EnumerateRunes())
                {
                    buffer[count++] = TraditionalToSimplified.Map(rune.Value);
                }
            }

            return buffer.AsSpan(0, KeepWords(buffer, count, [], [])).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// NFKC without ICU for the text our posts are made of, with the traditional → simplified map applied as each
    /// code point is read. Every character it accepts is a starter that NFKC leaves alone (ASCII, CJK unified
    /// ideographs and extension A, 、。〈〉《》「」『』【】 ‘’ “” — ·) or one whose NFKC form is a single ASCII
    /// character (full-width forms U+FF01–FF5E, the ideographic space U+3000); such a text needs no reordering or
    /// composition, so mapping character by character is exactly NFKC. Any other character (kana, combining marks,
    /// compatibility ideographs, symbols, surrogates) returns -1 and the caller normalises with ICU.
    /// </summary>
    public static int DecodeNfkcFastPath(string text, Span<int> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (!TryMapFast(text[i], out output[i]))
            {
                return -1;
            }
        }

        return text.Length;
    }

    /// <summary>
    /// Steps 1 and 2 for one UTF-16 unit of the fast path (see <see cref="DecodeNfkcFastPath"/>): its NFKC and
    /// simplified form, or false when the character needs ICU.
    /// </summary>
    internal static bool TryMapFast(int c, out int mapped)
    {
        if (c < 0x80 || c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF)
        {
            mapped = c < 0x80 ? c : TraditionalToSimplified.Map(c);
        }
        else if (c is >= 0xFF01 and <= 0xFF5E)
        {
            mapped = c - 0xFEE0;
        }
        else if (c == 0x3000)
        {
            mapped = ' ';
        }
        else if (c is 0x3001 or 0x3002 or >= 0x3008 and <= 0x3011 or 0x2018 or 0x2019 or 0x201C or 0x201D or 0x2014 or 0x00B7)
        {
            mapped = c;
        }
        else
        {
            mapped = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Steps 3 to 5 in place over the first <paramref name="count"/> code points (already NFKC and simplified): drops
    /// pinyin annotations and every character but letters and digits, lower-cases the rest; returns how many remain.
    /// When <paramref name="starts"/> and <paramref name="ends"/> are given (one per code point), they move along with
    /// their code points (<see cref="Content.NormalizedText"/> keeps where each came from).
    /// </summary>
    internal static int KeepWords(Span<int> codePoints, int count, Span<int> starts, Span<int> ends)
    {
        var sources = !starts.IsEmpty;
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var codePoint = codePoints[i];

            // codePoints[i - 1] is still the character before (kept characters are only ever written at or before
            // their own index, lower-cased, which changes no Han character).
            if (codePoint == '(' && i > 0 && IsHan(codePoints[i - 1]) && AnnotationEnd(codePoints, i, count) is var end && end > 0)
            {
                i = end;
                continue;
            }

            if (TryKeep(codePoint, out var kept))
            {
                codePoints[written] = kept;
                if (sources)
                {
                    starts[written] = starts[i];
                    ends[written] = ends[i];
                }

                written++;
            }
        }

        return written;
    }

    /// <summary>The normalised text as a string (for display, tests and diagnostics).</summary>
    public static string NormalizeToString(string? text) => FromCodePoints(Normalize(text));

    /// <summary>Step 1 alone: Unicode NFKC.</summary>
    public static string ApplyNfkc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Step 2 alone: traditional → simplified, first choice of the OpenCC table.</summary>
    public static string ApplyTraditionalToSimplified(string text) => TraditionalToSimplified.Convert(text);

    /// <summary>Step 3 alone: removes Latin-letter pinyin annotations in parentheses directly after a Han character.</summary>
    public static string RemovePinyinAnnotations(string text)
    {
        var codePoints = ToCodePoints(text);
        var output = new List<int>(codePoints.Length);
        for (var i = 0; i < codePoints.Length; i++)
        {
            if (codePoints[i] == '(' && i > 0 && IsHan(codePoints[i - 1]) && AnnotationEnd(codePoints, i, codePoints.Length) is var end && end > 0)
            {
                i = end;
                continue;
            }

            output.Add(codePoints[i]);
        }

        return FromCodePoints(output);
    }

    /// <summary>Step 4 alone: keeps only letters (L*) and digits (N*).</summary>
    public static string KeepLettersAndDigits(string text) =>
        FromCodePoints(ToCodePoints(text).Where(c => IsLetterOrDigit(c)));

    /// <summary>Step 5 alone: lower-case, one code point to one.</summary>
    public static string LowerCase(string text) =>
        FromCodePoints(ToCodePoints(text).Select(ToLower));

    /// <summary>Unicode script Han: the ideographs of every CJK block and the ideographic marks.</summary>
    public static bool IsHan(int codePoint) => codePoint switch
    {
        >= 0x4E00 and <= 0x9FFF => true,
        >= 0x3400 and <= 0x4DBF => true,
        >= 0x20000 and <= 0x2FA1F => true,
        >= 0x30000 and <= 0x323AF => true,
        >= 0xF900 and <= 0xFAFF => true,
        0x3005 or 0x3006 or 0x3007 => true,
        >= 0x3021 and <= 0x3029 => true,
        >= 0x3038 and <= 0x303B => true,
        _ => false,
    };

    public static bool IsLetterOrDigit(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return (uint)((codePoint | 0x20) - 'a') <= 'z' - 'a' || (uint)(codePoint - '0') <= 9;
        }

        if (codePoint is >= 0x4E00 and <= 0x9FFF)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(new Rune(codePoint)) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    private static bool TryKeep(int codePoint, out int kept)
    {
        if (!IsLetterOrDigit(codePoint))
        {
            kept = 0;
            return false;
        }

        kept = ToLower(codePoint);
        return true;
    }

    private static int ToLower(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return (uint)(codePoint - 'A') <= 'Z' - 'A' ? codePoint + 32 : codePoint;
        }

        // Han and the other caseless scripts dominate our texts: skip the case table for them.
        if (codePoint is >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7AF or >= 0x20000)
        {
            return codePoint;
        }

        return Rune.ToLowerInvariant(new Rune(codePoint)).Value;
    }

    /// <summary>
    /// When <paramref name="codePoints"/>[<paramref name="open"/>] starts a pinyin annotation, the index of its ")";
    /// otherwise -1.
    /// </summary>
    private static int AnnotationEnd(ReadOnlySpan<int> codePoints, int open, int count)
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

            if (IsLatinLetter(c) || IsCombiningDiacritic(c))
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

    private static bool IsCombiningDiacritic(int c) => c is >= 0x0300 and <= 0x036F;

    private static int[] ToCodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.Value);
        }

        return [.. result];
    }

    private static string FromCodePoints(IEnumerable<int> codePoints)
    {
        var builder = new StringBuilder();
        foreach (var codePoint in codePoints)
        {
            builder.Append(new Rune(codePoint).ToString());
        }

        return builder.ToString();
    }
}
