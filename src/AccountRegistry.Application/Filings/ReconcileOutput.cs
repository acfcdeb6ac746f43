using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Filings;

/// <summary>What `registry reconcile` prints: the three lists in words, or with --json exactly the shape of spec/inspection.md.</summary>
public static class ReconcileOutput
{
    public static async Task WriteJsonAsync(ReconcileFilings.Result result, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EvidenceJson.WriterOptions.Encoder }))
        {
            json.WriteStartObject();
            json.WriteStartArray("not_filed");
            foreach (var row in result.NotFiledHere)
            {
                WriteKey(json, row.Platform, row.AccountKey);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("unknown_here");
            foreach (var row in result.Unknown)
            {
                WriteKey(json, row.Platform, row.AccountKey);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("mismatched");
            foreach (var row in result.Mismatches)
            {
                WriteKey(json, row.Platform, row.AccountKey);
                json.WriteStartArray("fields");
                foreach (var field in row.Fields)
                {
                    json.WriteStringValue(field);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
        await output.FlushAsync(cancellationToken);
    }

    public static async Task WriteTextAsync(ReconcileFilings.Result result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(culture,
            $"{result.File}: {result.Rows:N0} rows; not filed {result.NotFiledHere.Count:N0}, unknown here {result.Unknown.Count:N0}, mismatched {result.Mismatches.Count:N0}"));
        await output.WriteLineAsync(string.Create(culture, $"not_filed ({result.NotFiledHere.Count:N0}):"));
        foreach (var row in result.NotFiledHere)
        {
            await output.WriteLineAsync($"  {row.Platform.ToCode()} {row.AccountKey}  {row.Ours.Name}");
        }

        await output.WriteLineAsync(string.Create(culture, $"unknown_here ({result.Unknown.Count:N0}):"));
        foreach (var row in result.Unknown)
        {
            await output.WriteLineAsync(string.Create(culture, $"  {row.Platform.ToCode()} {row.AccountKey}  {row.Theirs.Name} (line {row.Line})"));
        }

        await output.WriteLineAsync(string.Create(culture, $"mismatched ({result.Mismatches.Count:N0}):"));
        foreach (var row in result.Mismatches)
        {
            var differences = row.Fields.Select(f => $"{f}: here '{Value(row.Ours, f)}', file '{Value(row.Theirs, f)}'");
            await output.WriteLineAsync($"  {row.Platform.ToCode()} {row.AccountKey}  {string.Join("; ", differences)}");
        }
    }

    /// <summary>One compared field's value as the lists show it (empty for no value).</summary>
    public static string Value(ReconcileFilings.Values values, string field)
    {
        ArgumentNullException.ThrowIfNull(values);
        return field switch
        {
            "name" => values.Name ?? string.Empty,
            "unit_code" => values.UnitCode ?? string.Empty,
            "filing_no" => values.FilingNo ?? string.Empty,
            "status" => values.Status.ToCode(),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }

    private static void WriteKey(Utf8JsonWriter json, Platform platform, string accountId)
    {
        json.WriteStartObject();
        json.WriteString("platform", platform.ToCode());
        json.WriteString("account_id", accountId);
    }
}
