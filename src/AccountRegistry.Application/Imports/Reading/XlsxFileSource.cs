using System.Globalization;
using MiniExcelLibs;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// The first sheet of an .xlsx workbook, streamed row by row by MiniExcel. Line numbers are the sheet's row numbers
/// (header = row 1), which is what a person sees in Excel.
/// </summary>
internal sealed class XlsxFileSource(Stream stream, ImportKind kind) : IRecordSource
{
    /// <summary>Integers beyond this lose digits in a double: such ids must be typed as text in the sheet.</summary>
    private const double ExactIntegerLimit = 9007199254740992d;

    private IEnumerator<IDictionary<string, object?>>? rows;
    private HeaderMap? header;
    private string[] keys = [];
    private int rowNumber;

    public long? TotalBytes => stream.CanSeek ? stream.Length : null;

    public IReadOnlyList<string> AbsentColumns => header?.Absent ?? [];

    public long BytesRead => stream.CanSeek ? stream.Position : 0;

    public bool Open(ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!XlsxPreflight.Check(stream, errors))
        {
            return false;
        }

        try
        {
            rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
            while (rows.MoveNext())
            {
                rowNumber++;
                if (rows.Current.Values.Any(v => Text(v) is not null))
                {
                    keys = [.. rows.Current.Keys];
                    var names = keys.Select(k => Text(rows.Current[k])).ToList();
                    header = HeaderMap.Create(names, kind.Columns(), rowNumber, ignoreUnnamed: true, errors, kind.OptionalColumns());
                    return header is not null;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            errors.Add(0, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile, $"cannot read {errors.File} as an .xlsx workbook: {ex.Message}", ex.Message);
            return false;
        }

        errors.Add(1, ImportError.WholeRecord, null, ImportErrorCode.EmptyFile,
            $"the first sheet is empty: its first row must be the header ({string.Join(",", kind.Columns())}).", string.Join(",", kind.Columns()));
        return false;
    }

    public IEnumerable<SourceRecord> Records(ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (rows is null || header is null)
        {
            throw new InvalidOperationException("Open the source first.");
        }

        var values = new string?[header.ColumnCount];
        var map = header.CanonicalIndexOfField;
        while (true)
        {
            bool more;
            try
            {
                more = rows.MoveNext();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException)
            {
                errors.Add(rowNumber + 1, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile, $"the sheet cannot be read past this row: {ex.Message}", ex.Message);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            rowNumber++;
            var row = rows.Current;
            Array.Clear(values);
            var any = false;
            var shapeOk = true;
            var index = 0;
            foreach (var (key, cell) in row)
            {
                var text = Text(cell);
                var field = index < keys.Length && string.Equals(keys[index], key, StringComparison.Ordinal) ? index : Array.IndexOf(keys, key);
                index++;
                if (text is null)
                {
                    continue;
                }

                any = true;
                var canonical = field >= 0 && field < map.Length ? map[field] : -1;
                if (canonical < 0)
                {
                    errors.Add(rowNumber, key, text, ImportErrorCode.UnexpectedColumn, $"cell {key}{rowNumber} lies outside the header's columns.");
                    shapeOk = false;
                    continue;
                }

                values[canonical] = text;
            }

            if (any && shapeOk)
            {
                yield return new SourceRecord(rowNumber, values);
            }
        }
    }

    /// <summary>A cell as the text a CSV would hold; a date cell becomes ISO text (without offset, which timestamps then lack).</summary>
    internal static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        double d when Math.Abs(d) < ExactIntegerLimit && d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null,
        _ => cell.ToString() is { Length: > 0 } s ? s : null,
    };

    public void Dispose() => rows?.Dispose();
}
