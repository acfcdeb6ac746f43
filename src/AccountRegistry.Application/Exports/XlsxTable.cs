using System.Globalization;
using MiniExcelLibs;

namespace AccountRegistry.Application.Exports;

/// <summary>One sheet of text cells under fixed headers, the shape of most of the registry's exports.</summary>
public static class XlsxTable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes <paramref name="rows"/> (cells in the order of <paramref name="columns"/>) as the sheet
    /// <paramref name="sheetName"/>; returns the number of rows. A table rather than a list of rows, so that an empty
    /// export still carries its header: the reader sees "nothing", not a broken file.
    /// </summary>
    public static async Task<int> WriteAsync(
        Stream output,
        string sheetName,
        IReadOnlyList<string> columns,
        IAsyncEnumerable<object?[]> rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var table = new System.Data.DataTable(sheetName) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            table.Columns.Add(column, typeof(string));
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            table.Rows.Add(row);
        }

        await output.SaveAsAsync(table, sheetName: sheetName, cancellationToken: cancellationToken);
        return table.Rows.Count;
    }

    /// <inheritdoc cref="WriteAsync(Stream, string, IReadOnlyList{string}, IAsyncEnumerable{object?[]}, CancellationToken)"/>
    public static Task<int> WriteAsync(Stream output, string sheetName, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        WriteAsync(output, sheetName, columns, rows.ToAsyncEnumerable(), cancellationToken);
}
