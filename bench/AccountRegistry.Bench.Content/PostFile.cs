using System.Text;

namespace AccountRegistry.Bench.Content;

/// <summary>
/// Streams (title, content) of a generated posts.csv: a minimal RFC 4180 reader (quoted fields with commas, quotes
/// and newlines), enough for the files SyntheticDataSet writes. The import's own reader is internal to Application.
/// </summary>
internal static class PostFile
{
    public sealed record Row(string AccountId, string? Title, string? Content);

    public static IEnumerable<Row> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var header = ReadRecord(reader) ?? throw new InvalidDataException($"{path} is empty");
        var account = header.IndexOf("account_id");
        var title = header.IndexOf("title");
        var content = header.IndexOf("content");
        while (ReadRecord(reader) is { } fields)
        {
            yield return new Row(fields[account], Empty(fields[title]), Empty(fields[content]));
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static List<string>? ReadRecord(StreamReader reader)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                return fields;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                return fields;
            }
            else if (c != '\r')
            {
                field.Append((char)c);
            }
        }
    }
}
