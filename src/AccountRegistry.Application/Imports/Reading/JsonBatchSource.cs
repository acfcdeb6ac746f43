using System.Text.Json;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// A batch of the collector API: a JSON array of objects whose property names are the CSV columns. Values may be
/// strings, numbers, booleans or null; missing optional properties are empty fields. Line = zero-based array index.
/// </summary>
internal sealed class JsonBatchSource(IReadOnlyList<JsonElement> items, ImportKind kind) : IRecordSource
{
    public long? TotalBytes => null;

    public long BytesRead => 0;

    public bool Open(ImportErrorList errors) => true;

    public IEnumerable<SourceRecord> Records(ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var columns = kind.Columns();
        var values = new string?[columns.Count];
        for (var row = 0; row < items.Count; row++)
        {
            var item = items[row];
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(row, ImportError.WholeRecord, item.ValueKind.ToString(), ImportErrorCode.FieldCount, "each item of the batch must be a JSON object.");
                continue;
            }

            Array.Clear(values);
            var ok = true;
            foreach (var property in item.EnumerateObject())
            {
                var index = IndexOf(columns, property.Name);
                if (index < 0)
                {
                    errors.Add(row, property.Name, null, ImportErrorCode.UnexpectedColumn,
                        $"unexpected field '{property.Name}': the fields are {string.Join(", ", columns)}.");
                    ok = false;
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        var text = property.Value.GetString();
                        values[index] = string.IsNullOrEmpty(text) ? null : text;
                        break;
                    case JsonValueKind.Number:
                        values[index] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.True:
                        values[index] = "true";
                        break;
                    case JsonValueKind.False:
                        values[index] = "false";
                        break;
                    case JsonValueKind.Null:
                        values[index] = null;
                        break;
                    default:
                        errors.Add(row, property.Name, property.Value.GetRawText(), ImportErrorCode.InvalidText, "must be a string, number, boolean or null.");
                        ok = false;
                        break;
                }
            }

            if (ok)
            {
                yield return new SourceRecord(row, values);
            }
        }
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

    public void Dispose()
    {
    }
}
