using System.Buffers;
using System.Text;

namespace AccountRegistry.Domain.Text;

/// <summary>
/// Text from outside shown to people: control characters and bidirectional formatting characters are invisible and
/// reorder what is around them (U+202E shows "探针\u202Eexe.fdp" as "探针pdf.exe"). Names and ids refuse them at import;
/// free text (titles, content) keeps them as stored and has them neutralised where it is shown.
/// </summary>
public static class DisplayText
{
    /// <summary>
    /// C0 and C1 controls except NUL (refused on its own), the bidi marks (U+061C, U+200E, U+200F), embeddings and
    /// overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    /// </summary>
    public static readonly SearchValues<char> Hidden = SearchValues.Create(
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private static readonly SearchValues<char> Bidi = SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>
    /// Whether a name or id holds a character it may not (<see cref="Hidden"/>): what the import refuses in names and
    /// ids, forms refuse too, so a name typed in the app cannot pass for another either.
    /// </summary>
    public static bool HasHidden(string? text) => text is not null && text.AsSpan().IndexOfAny(Hidden) >= 0;

    /// <summary>Whether the text holds a bidirectional formatting character.</summary>
    public static bool HasBidiControls(string? text) => text is not null && text.AsSpan().IndexOfAny(Bidi) >= 0;

    /// <summary>The text with its bidirectional formatting characters removed (line breaks and tabs stay).</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Bidi) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!Bidi.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>For lists: neutralised and cut to <paramref name="length"/> characters with an ellipsis.</summary>
    public static string Short(string? text, int length)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = Neutralise(text);
        if (plain.Length <= length)
        {
            return plain;
        }

        // Do not split a surrogate pair.
        var cut = char.IsHighSurrogate(plain[length - 1]) ? length - 1 : length;
        return string.Concat(plain.AsSpan(0, cut), "…");
    }
}
