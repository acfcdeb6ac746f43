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
        var seen = new HashSet<int>();
        for (var row = 0; row < items.Count; row++)
        {
            var item = items[row];
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(row, ImportError.WholeRecord, item.ValueKind.ToString(), ImportErrorCode.FieldCount, "each item of the batch must be a JSON object.");
                continue;
            }

            Array.Clear(values);
            ulong reported = 0;
            foreach (var property in item.EnumerateObject())
            {
                var index = IndexOf(columns, property);
                if (index < 0)
                {
                    var name = Printable(property);
                    errors.Add(row, name, null, ImportErrorCode.UnexpectedColumn,
                        $"unexpected field '{name}': the fields are {string.Join(", ", columns)}.", string.Join(", ", columns));
                    reported |= SourceRecord.WholeRecord;
                    continue;
                }

                // JSON allows a name twice and readers disagree on which value wins: refuse rather than pick one.
                if (!seen.Add(index))
                {
                    if ((reported & SourceRecord.Bit(index)) == 0)
                    {
                        errors.Add(row, property.Name, Raw(property.Value), ImportErrorCode.DuplicateField, $"the field '{property.Name}' appears more than once in the item.");
                        reported |= SourceRecord.Bit(index);
                    }

                    values[index] = null;
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        if (!TryGetString(property.Value, out var text))
                        {
                            // A lone surrogate escape ("\ud800") is valid JSON but no text.
                            errors.Add(row, property.Name, null, ImportErrorCode.InvalidText, "holds an unpaired surrogate escape (\\uD800–\\uDFFF): not valid text.");
                            reported |= SourceRecord.Bit(index);
                            break;
                        }

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
                        errors.Add(row, property.Name, Raw(property.Value), ImportErrorCode.InvalidText, "must be a string, number, boolean or null.");
                        reported |= SourceRecord.Bit(index);
                        break;
                }
            }

            seen.Clear();
            yield return new SourceRecord(row, values, reported);
        }
    }

    private static bool TryGetString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The raw JSON of a bad value, cut short before it is copied (an array may be megabytes).</summary>
    private static string Raw(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= ImportErrorList.MaxValueLength ? raw : raw[..ImportErrorList.MaxValueLength];
    }

    /// <summary>A field name for the report: cut short, without control characters (its escapes may not even be text).</summary>
    private static string Printable(JsonProperty property)
    {
        string name;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            return "\uFFFD";
        }

        var cut = name.Length <= 64 ? name : name[..64];
        return new string([.. cut.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c)]);
    }

    private static int IndexOf(IReadOnlyList<string> columns, JsonProperty property)
    {
        // NameEquals compares the UTF-8 bytes: no string is made of a name that may be huge or not valid text.
        for (var i = 0; i < columns.Count; i++)
        {
            if (property.NameEquals(columns[i]))
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
