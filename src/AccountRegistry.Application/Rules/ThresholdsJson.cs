using System.Buffers;
using System.Text.Json;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Application.Rules;

/// <summary>The JSON output's "thresholds" object: snake_case names in a fixed order, numbers without trailing zeros (0.5, not 0.5000).</summary>
public static class ThresholdsJson
{
    public static void WriteObject(Utf8JsonWriter writer, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(thresholds);
        writer.WriteStartObject();
        foreach (var (name, value) in thresholds.ToNamedValues())
        {
            writer.WriteNumber(name, Normalize(value));
        }

        writer.WriteEndObject();
    }

    public static string Write(Thresholds thresholds)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, thresholds);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a stored object; missing names keep the spec's defaults (older runs, hand-edited rows).</summary>
    public static Thresholds Read(JsonElement element)
    {
        var defaults = Thresholds.Defaults;
        return new Thresholds
        {
            StaleDays = Int(element, Thresholds.Names.StaleDays, defaults.StaleDays),
            LowReadsMean = Int(element, Thresholds.Names.LowReadsMean, defaults.LowReadsMean),
            WindowDays = Int(element, Thresholds.Names.WindowDays, defaults.WindowDays),
            NeverPostedDays = Int(element, Thresholds.Names.NeverPostedDays, defaults.NeverPostedDays),
            DuplicateContentMinPosts = Int(element, Thresholds.Names.DuplicateContentMinPosts, defaults.DuplicateContentMinPosts),
            DuplicateContentShare = Dec(element, Thresholds.Names.DuplicateContentShare, defaults.DuplicateContentShare),
            RepostHeavyMinPosts = Int(element, Thresholds.Names.RepostHeavyMinPosts, defaults.RepostHeavyMinPosts),
            RepostHeavyOriginalShare = Dec(element, Thresholds.Names.RepostHeavyOriginalShare, defaults.RepostHeavyOriginalShare),
        };
    }

    public static Thresholds Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    /// <summary>Drops trailing zeros a numeric(5,4) column adds (0.5000 → 0.5).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static int Int(JsonElement element, string name, int fallback) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : fallback;

    private static decimal Dec(JsonElement element, string name, decimal fallback) =>
        element.TryGetProperty(name, out var value) ? value.GetDecimal() : fallback;
}
