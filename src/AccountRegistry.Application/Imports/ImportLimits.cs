using AccountRegistry.Domain.Common;

namespace AccountRegistry.Application.Imports;

/// <summary>
/// What the import engine accepts beyond the types of spec/interchange.md: lengths per field and plausible times.
/// The spec gives no bounds; these keep one bad row from corrupting the rules (a post dated 9999 makes its account's
/// latest post stay in the future, so STALE never fires) or the pages (a megabyte title). They apply alike to the file
/// import, the upload page and the collector API, and are listed in docs/operations.md and the OpenAPI document; one
/// exception: a file's time past the server's clock is a warning, not an error (see FieldReader), because the
/// rules ignore rows dated after T and the interchange spec bounds no date.
/// </summary>
public static class ImportLimits
{
    /// <summary>Codes, ids and names are short; the columns of the database hold these lengths.</summary>
    public const int CodeLength = 64, IdLength = 128, NameLength = 200, OperatorLength = 100;

    /// <summary>A headline: WeChat allows 64 characters, websites a little more; 1,000 is generous.</summary>
    public const int TitleLength = 1_000;

    /// <summary>A post's full text: a long government report reposted as one article is about 50,000 characters.</summary>
    public const int ContentLength = 200_000;

    public const int UrlLength = 2_048;

    /// <summary>
    /// The largest cell of a spreadsheet (and field of a CSV record) read at all: a post's content plus room for its
    /// own error message. Longer cells are refused while reading, before their text is held in memory.
    /// </summary>
    public const int CellLength = ContentLength + 1;

    /// <summary>
    /// No post of a county government account is older than the government's web presence (the 政府上网工程 began in
    /// January 1999): earlier dates are typing errors or a zero date (1900, 1970).
    /// </summary>
    public static readonly DateTimeOffset EarliestTime = new(1999, 1, 1, 0, 0, 0, ShanghaiCalendar.Offset);

    /// <summary>
    /// How far past the server's clock a time may lie (the collector's clock may run a little ahead), and how far a
    /// read snapshot may seem to precede its post (the platform's clock against the collector's).
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(10);

    /// <summary>The bounds as a sentence, for the OpenAPI document.</summary>
    public static string Description => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"Limits: title ≤ {TitleLength:N0} characters, content ≤ {ContentLength:N0}, url ≤ {UrlLength:N0}, ids ≤ {IdLength}; " +
        $"published_at and captured_at from {EarliestTime:yyyy-MM-dd} to {ClockTolerance.TotalMinutes:0} minutes past the server's clock; " +
        $"a snapshot is not captured more than {ClockTolerance.TotalMinutes:0} minutes before its post's published_at; ids and names hold no " +
        $"control or bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, …). Cumulative figures that go down are stored " +
        $"and returned as warnings.");
}
