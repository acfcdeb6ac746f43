namespace AccountRegistry.Application.Common;

/// <summary>
/// A search box's text as an ILIKE pattern (escape character backslash). Every search goes through here, so that a
/// NUL character (PostgreSQL text cannot hold one: error 22021) is dropped rather than failing the query, whether it
/// came in a URL or was typed into a page.
/// </summary>
public static class SearchPattern
{
    /// <summary>The typed text, trimmed, without NUL characters.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\0", string.Empty, StringComparison.Ordinal).Trim();
    }

    /// <summary>Matches values containing the text.</summary>
    public static string Contains(string text) => "%" + Escape(Clean(text)) + "%";

    /// <summary>Matches values starting with the text.</summary>
    public static string StartsWith(string text) => Escape(Clean(text)) + "%";

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
