namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// One record in the spec's column order (<see cref="ImportKinds.Columns"/>); null is an empty field.
/// <paramref name="ReportedColumns"/> marks the fields whose error the source already reported (bit per column; the top
/// bit for the record as a whole): the record is not staged, and its other fields are still checked.
/// </summary>
internal readonly record struct SourceRecord(int Line, string?[] Values, ulong ReportedColumns = 0)
{
    public const ulong WholeRecord = 1UL << 63;

    public static ulong Bit(int column) => 1UL << column;
}

/// <summary>Where rows come from: a CSV file, the first sheet of an .xlsx file, or a JSON batch of the collector API.</summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>Bytes of the underlying file, when known (for progress).</summary>
    long? TotalBytes { get; }

    long BytesRead { get; }

    /// <summary>Reads and checks the header. False (with errors added) when the rows cannot be read at all.</summary>
    bool Open(ImportErrorList errors);

    /// <summary>
    /// The records, streamed. Records whose shape is wrong (field count, unknown field) are reported and skipped.
    /// The values array may be reused between records: consume each before asking for the next.
    /// </summary>
    IEnumerable<SourceRecord> Records(ImportErrorList errors);

    /// <summary>Optional columns the header left out (after <see cref="Open"/>): their stored values are kept.</summary>
    IReadOnlyList<string> AbsentColumns => [];
}

/// <summary>Maps a file's header (any order) onto the spec's columns, reporting missing, unknown and repeated names.</summary>
internal sealed class HeaderMap
{
    private HeaderMap(int[] canonicalIndexOfField, int columnCount, IReadOnlyList<string> absent)
    {
        CanonicalIndexOfField = canonicalIndexOfField;
        ColumnCount = columnCount;
        Absent = absent;
    }

    /// <summary>The optional columns the header does not have.</summary>
    public IReadOnlyList<string> Absent { get; }

    /// <summary>For each field of the file, its index in the spec's column order, or -1 for an ignored unnamed column.</summary>
    public int[] CanonicalIndexOfField { get; }

    public int ColumnCount { get; }

    /// <summary>
    /// Null (with errors added) when the header is unusable. <paramref name="ignoreUnnamed"/> lets spreadsheets keep
    /// empty trailing columns: an unnamed column is then ignored as long as its cells are empty.
    /// </summary>
    public static HeaderMap? Create(
        IReadOnlyList<string?> header, IReadOnlyList<string> columns, int headerLine, bool ignoreUnnamed, ImportErrorList errors, IReadOnlyList<string>? optional = null)
    {
        var absent = new List<string>();
        var map = new int[header.Count];
        var seen = new bool[columns.Count];
        var ok = true;
        for (var i = 0; i < header.Count; i++)
        {
            var name = (header[i] ?? string.Empty).Trim();
            if (i == 0)
            {
                name = name.TrimStart('\uFEFF');
            }

            if (name.Length == 0)
            {
                map[i] = -1;
                if (!ignoreUnnamed)
                {
                    errors.Add(headerLine, $"#{i + 1}", null, ImportErrorCode.UnexpectedColumn, $"column {i + 1} of the header has no name.", string.Join(", ", columns));
                    ok = false;
                }

                continue;
            }

            var index = IndexOf(columns, name);
            if (index < 0)
            {
                errors.Add(headerLine, name, name, ImportErrorCode.UnexpectedColumn,
                    $"unexpected column '{name}': the columns are {string.Join(", ", columns)}.", string.Join(", ", columns));
                ok = false;
                map[i] = -1;
            }
            else if (seen[index])
            {
                errors.Add(headerLine, name, name, ImportErrorCode.DuplicateColumn, $"column '{name}' appears twice in the header.");
                ok = false;
                map[i] = -1;
            }
            else
            {
                seen[index] = true;
                map[i] = index;
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (!seen[c] && optional?.Contains(columns[c]) == true)
            {
                absent.Add(columns[c]);
            }
            else if (!seen[c])
            {
                errors.Add(headerLine, columns[c], null, ImportErrorCode.MissingColumn, $"the header lacks column '{columns[c]}'.");
                ok = false;
            }
        }

        return ok ? new HeaderMap(map, columns.Count, absent) : null;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
