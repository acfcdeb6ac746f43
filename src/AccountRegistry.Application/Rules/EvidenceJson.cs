using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// The stored form of evidence: per finding a JSON object with the rule's code, the readable sentence (zh-CN) and the
/// facts as numbers, dates and names, so a page can show the sentence in the reader's language and a later run can
/// compare the measure.
/// </summary>
public static class EvidenceJson
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IReadOnlyList<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var finding in findings)
            {
                WriteFinding(writer, finding);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Write(RuleFinding finding)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteFinding(writer, finding);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<RuleFinding> ReadAll(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(Read).ToList()
            : [Read(document.RootElement)];
    }

    public static RuleFinding ReadOne(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    private static void WriteFinding(Utf8JsonWriter writer, RuleFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteStartObject();
        writer.WriteString("rule", finding.Rule.ToCode());
        writer.WriteString("text", RuleTexts.Describe(finding, RuleTexts.StoredCulture));
        if (finding.OpenedOn is { } opened)
        {
            writer.WriteString("opened_on", opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (finding.LastPostDay is { } last)
        {
            writer.WriteString("last_post", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        WriteIfSet(writer, "days", finding.Days);
        if (finding.MeanReads is { } mean)
        {
            writer.WriteNumber("mean_reads", mean);
        }

        WriteIfSet(writer, "posts", finding.Posts);
        WriteIfSet(writer, "duplicates", finding.Duplicates);
        if (finding.CopiedAccount is not null)
        {
            writer.WriteString("copied_account", finding.CopiedAccount);
        }

        WriteIfSet(writer, "originals", finding.Originals);
        if (finding.Siblings is not null)
        {
            writer.WriteStartArray("siblings");
            foreach (var sibling in finding.Siblings)
            {
                writer.WriteStringValue(sibling);
            }

            writer.WriteEndArray();
        }

        if (finding.Keeper is not null)
        {
            writer.WriteString("keeper", finding.Keeper);
        }

        if (finding.UnitLevel is { } level)
        {
            writer.WriteString("unit_level", level.ToCode());
        }

        if (finding.Measure is { } measure)
        {
            writer.WriteNumber("measure", measure);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static RuleFinding Read(JsonElement element) => new()
    {
        Rule = RuleCodes.Parse(element.GetProperty("rule").GetString()!),
        OpenedOn = DayOrNull(element, "opened_on"),
        LastPostDay = DayOrNull(element, "last_post"),
        Days = IntOrNull(element, "days"),
        MeanReads = element.TryGetProperty("mean_reads", out var mean) ? mean.GetDecimal() : null,
        Posts = IntOrNull(element, "posts"),
        Duplicates = IntOrNull(element, "duplicates"),
        CopiedAccount = element.TryGetProperty("copied_account", out var copied) ? copied.GetString() : null,
        Originals = IntOrNull(element, "originals"),
        Siblings = element.TryGetProperty("siblings", out var siblings) ? siblings.EnumerateArray().Select(s => s.GetString()!).ToList() : null,
        Keeper = element.TryGetProperty("keeper", out var keeper) ? keeper.GetString() : null,
        UnitLevel = element.TryGetProperty("unit_level", out var level) ? UnitLevels.Parse(level.GetString()!) : null,
    };

    private static int? IntOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static DateOnly? DayOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
