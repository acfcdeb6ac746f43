using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace AccountRegistry.Domain.Text;

/// <summary>
/// Traditional → simplified Chinese, one code point at a time, with the OpenCC TSCharacters table embedded in this
/// assembly (Data/README.md has the source and licence). The spec takes the table's first choice for each character.
/// Every key and every first choice of the table is a single code point (checked when the table loads), so the
/// conversion never changes the length of a text. 356 keys and 517 targets lie outside the BMP, which is why this
/// works on code points, never on UTF-16 units.
/// </summary>
public static class TraditionalToSimplified
{
    public const string ResourceName = "AccountRegistry.Domain.Text.TSCharacters.txt";

    // Loaded with the type (the runtime guarantees it happens once); a Lazy<T> would cost a check on every character.
    private static readonly Table Loaded = Load();
    private static readonly int[] Bmp = Loaded.Bmp;

    /// <summary>How many traditional characters the table maps.</summary>
    public static int Count => Loaded.Count;

    /// <summary>The simplified form of a code point, or the code point itself when the table has no entry.</summary>
    public static int Map(int codePoint)
    {
        var bmp = Bmp;
        if ((uint)codePoint < (uint)bmp.Length)
        {
            var mapped = bmp[codePoint];
            return mapped == 0 ? codePoint : mapped;
        }

        return Loaded.Supplementary.TryGetValue(codePoint, out var target) ? target : codePoint;
    }

    /// <summary>Converts a whole string (for tests and diagnostics; the normaliser maps code points as it goes).</summary>
    public static string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(char.ConvertFromUtf32(Map(rune.Value)));
        }

        return builder.ToString();
    }

    private static Table Load()
    {
        using var stream = typeof(TraditionalToSimplified).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing: the normaliser cannot run without it.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var bmp = new int[0x10000];
        var supplementary = new Dictionary<int, int>();
        var count = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new InvalidDataException($"{ResourceName} line {lineNumber}: expected 'traditional<TAB>simplified'.");
            }

            var key = SingleCodePoint(line[..tab], lineNumber, "traditional");
            var choices = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (choices.Length == 0)
            {
                throw new InvalidDataException($"{ResourceName} line {lineNumber}: no simplified form.");
            }

            var value = SingleCodePoint(choices[0], lineNumber, "simplified");
            if (key < bmp.Length)
            {
                bmp[key] = value;
            }
            else
            {
                supplementary[key] = value;
            }

            count++;
        }

        return new Table(bmp, supplementary.ToFrozenDictionary(), count);
    }

    private static int SingleCodePoint(string text, int lineNumber, string field)
    {
        var status = Rune.DecodeFromUtf16(text, out var rune, out var consumed);
        if (status != System.Buffers.OperationStatus.Done || consumed != text.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{ResourceName} line {lineNumber}: the {field} form '{text}' is not exactly one code point."));
        }

        return rune.Value;
    }

    private sealed record Table(int[] Bmp, FrozenDictionary<int, int> Supplementary, int Count);
}
