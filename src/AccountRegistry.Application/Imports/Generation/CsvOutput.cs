using System.Buffers;
using System.Globalization;
using System.Text;

namespace AccountRegistry.Application.Imports.Generation;

/// <summary>Writes RFC 4180 CSV (CRLF, quotes only where needed) in UTF-8 without BOM, streaming.</summary>
internal sealed class CsvOutput : IDisposable
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter writer;
    private bool firstField = true;

    public CsvOutput(string path, IReadOnlyList<string> header)
    {
        writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        foreach (var column in header)
        {
            Field(column);
        }

        EndRow();
        Rows = 0;
    }

    public long Rows { get; private set; }

    public void Field(string? value)
    {
        if (!firstField)
        {
            writer.Write(',');
        }

        firstField = false;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void Field(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public void Field(long? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public void Field(bool value) => Field(value ? "true" : "false");

    public void Field(DateOnly value) => Field(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Field(DateTimeOffset value) => Field(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    public void EndRow()
    {
        writer.Write("\r\n");
        firstField = true;
        Rows++;
    }

    public void Dispose() => writer.Dispose();
}
