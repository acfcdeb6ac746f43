using System.Globalization;
using System.Text;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>A CSV file (RFC 4180) in UTF-8 with or without BOM, or GB18030/GBK as Excel on Chinese Windows saves it.</summary>
internal sealed class CsvFileSource(Stream stream, ImportKind kind) : IRecordSource
{
    private CsvRecordReader? reader;
    private HeaderMap? header;

    public long? TotalBytes => stream.CanSeek ? stream.Length : null;

    public IReadOnlyList<string> AbsentColumns => header?.Absent ?? [];

    public long BytesRead => stream.CanSeek ? stream.Position : 0;

    public bool Open(ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var detection = TextEncodingDetector.Detect(stream);
        if (detection.Encoding is null)
        {
            errors.Add(0, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile, $"cannot read {errors.File}: {detection.Problem}", detection.Problem);
            return false;
        }

        reader = new CsvRecordReader(new StreamReader(stream, detection.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true));
        if (reader.Read() != CsvRecordReader.Result.Record)
        {
            errors.Add(1, ImportError.WholeRecord, null, ImportErrorCode.EmptyFile,
                $"the file is empty: its first line must be the header ({string.Join(",", kind.Columns())}).", string.Join(",", kind.Columns()));
            return false;
        }

        header = HeaderMap.Create([.. reader.Fields], kind.Columns(), reader.RecordLine, ignoreUnnamed: false, errors, kind.OptionalColumns());
        return header is not null;
    }

    public IEnumerable<SourceRecord> Records(ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (reader is null || header is null)
        {
            throw new InvalidOperationException("Open the source first.");
        }

        var values = new string?[header.ColumnCount];
        var map = header.CanonicalIndexOfField;
        while (true)
        {
            CsvRecordReader.Result result;
            try
            {
                result = reader.Read();
            }
            catch (DecoderFallbackException ex)
            {
                errors.Add(reader.RecordLine, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile, $"undecodable bytes: {ex.Message}", ex.Message);
                yield break;
            }

            if (result == CsvRecordReader.Result.End)
            {
                yield break;
            }

            if (result == CsvRecordReader.Result.UnterminatedQuote)
            {
                errors.Add(reader.RecordLine, ImportError.WholeRecord, null, ImportErrorCode.UnterminatedQuote,
                    "a quoted field starting on this line is never closed (a missing \").");
                yield break;
            }

            var fields = reader.Fields;
            if (fields.TrueForAll(f => f.Length == 0))
            {
                // Excel writes ",,,," for an empty row of a sheet.
                continue;
            }

            if (fields.Count != map.Length)
            {
                errors.Add(reader.RecordLine, ImportError.WholeRecord, null, ImportErrorCode.FieldCount,
                    $"expected {map.Length} fields like the header, found {fields.Count}.", string.Create(CultureInfo.InvariantCulture, $"{map.Length}, {fields.Count}"));
                continue;
            }

            for (var i = 0; i < map.Length; i++)
            {
                var value = fields[i];
                values[map[i]] = value.Length == 0 ? null : value;
            }

            yield return new SourceRecord(reader.RecordLine, values);
        }
    }

    public void Dispose() => reader?.Dispose();
}
