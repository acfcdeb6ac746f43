namespace AccountRegistry.Application.Imports;

/// <summary>
/// What is wrong with a row or a file, as a stable code (the UI translates it) plus an English reason; the
/// error's <see cref="ImportError.Detail"/> carries the one fact the reason adds (a limit, a line, the allowed values)
/// without words, so that the Chinese screens can say it in Chinese.
/// </summary>
public enum ImportErrorCode
{
    /// <summary>The bytes are neither UTF-8 nor GB18030, or the spreadsheet cannot be opened.</summary>
    UnreadableFile,
    EmptyFile,
    MissingColumn,
    UnexpectedColumn,
    DuplicateColumn,
    FieldCount,
    UnterminatedQuote,
    Required,
    TooLong,
    InvalidText,
    BadDate,
    BadTimestamp,
    MissingOffset,
    BadBoolean,
    BadInteger,
    Negative,
    UnknownPlatform,
    UnknownLevel,
    UnknownStatus,
    UnknownUnit,
    UnknownParent,
    UnitCycle,
    UnknownAccount,
    UnknownPost,
    DuplicateKey,
    BatchTooLarge,

    /// <summary>A time outside the plausible range: before <see cref="ImportLimits.EarliestTime"/> or in the future.</summary>
    ImplausibleTime,

    /// <summary>A read snapshot captured before its post was published.</summary>
    BeforePost,

    /// <summary>A JSON item names a field twice.</summary>
    DuplicateField,

    /// <summary>A warning, not an error: a cumulative figure (reads, likes, shares) lower than at an earlier capture.</summary>
    FigureDecreased,

    UnknownKind,

    /// <summary>interactions.csv: replied_at earlier than received_at.</summary>
    RepliedBeforeReceived,
}

/// <summary>
/// One invalid row (or file). <see cref="Line"/> is the physical line where the record starts (header = 1) for a
/// file, the zero-based index in the batch for the collector API, and 0 for problems of the whole file.
/// </summary>
public sealed record ImportError(string File, int Line, string Column, string? Value, ImportErrorCode Code, string Reason, string? Detail = null)
{
    /// <summary>Column of errors about a whole record (wrong number of fields, unterminated quote).</summary>
    public const string WholeRecord = "*";

    /// <summary>Line of errors about a whole collector batch (too many items): no item is at fault, so not index 0.</summary>
    public const int WholeBatch = -1;

    public override string ToString() =>
        $"{File}:{Line}: {Column}{(Value is null ? string.Empty : $" = \"{Value}\"")}: {Reason}";
}

/// <summary>The errors of one file, in the order found; <see cref="Sorted"/> gives them by line then column.</summary>
public sealed class ImportErrorList(string file, IReadOnlyList<string> columns, int maxListed = ImportErrorList.DefaultMaxListed)
{
    /// <summary>Long values (a post's content) are cut in the report; the line number finds the rest.</summary>
    public const int MaxValueLength = 200;

    /// <summary>
    /// Errors kept in full per file. A file with more is the wrong file or a broken export; the rest are counted,
    /// not listed, so that a 2-million-row mistake cannot exhaust the server's memory.
    /// </summary>
    public const int DefaultMaxListed = 100_000;

    private readonly List<ImportError> errors = [];

    public string File { get; } = file;

    /// <summary>Every error found, listed or not.</summary>
    public long Count { get; private set; }

    public long Omitted => Count - errors.Count;

    public void Add(int line, string column, string? value, ImportErrorCode code, string reason, string? detail = null)
    {
        Count++;
        if (errors.Count < maxListed)
        {
            // The report goes to the audit trail as jsonb, which cannot hold NUL (a value is echoed in its reason).
            errors.Add(new ImportError(File, line, Printable(column)!, Printable(Cut(value)), code, Printable(reason)!, Printable(Cut(detail))));
        }
    }

    public IReadOnlyList<ImportError> Sorted()
    {
        int ColumnOrder(string column)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], column, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        return [.. errors.OrderBy(e => e.Line).ThenBy(e => ColumnOrder(e.Column)).ThenBy(e => e.Code)];
    }

    private static string? Printable(string? text) =>
        text is not null && text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;

    private static string? Cut(string? value) =>
        value is null || value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "…");
}
