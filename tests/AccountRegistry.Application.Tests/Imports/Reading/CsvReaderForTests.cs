using AccountRegistry.Application.Imports.Reading;

namespace AccountRegistry.Application.Tests.Imports.Reading;

/// <summary>The importer's own CSV reader over a string, for building test fixtures (e.g. the same rows as .xlsx).</summary>
internal sealed class CsvReaderForTests(string csv) : IDisposable
{
    private readonly CsvRecordReader reader = new(new StringReader(csv));

    public List<string>? Next() => reader.Read() == CsvRecordReader.Result.Record ? [.. reader.Fields] : null;

    public void Dispose() => reader.Dispose();
}
