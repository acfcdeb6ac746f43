using System.Globalization;
using System.Text.Json;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// Moves one account's flags by one verdict, using the <see cref="Flag"/> entity's own transitions: each finding
/// fires its rule's flag (opening one if there is none), each existing flag whose rule did not fire stops firing.
/// Works on detached flags read with the facts, so that the evaluation writes all flags in one set-based statement
/// instead of tracking tens of thousands of entities.
/// </summary>
internal static class FlagLedger
{
    public static List<Flag> Apply(
        AccountVerdict verdict, string? existingFlagsJson, long evaluationId, DateOnly asOf, int dismissalDays, DateTimeOffset now)
    {
        var existing = existingFlagsJson is null ? [] : Parse(existingFlagsJson);
        var changed = new List<Flag>();
        foreach (var finding in verdict.Findings)
        {
            var evidence = EvidenceJson.Write(finding);
            var flag = existing.FirstOrDefault(f => f.Rule == finding.Rule);
            if (flag is null)
            {
                changed.Add(Flag.Open(verdict.Account.AccountId, finding.Rule, evaluationId, asOf, evidence, finding.Measure, now));
            }
            else
            {
                flag.Fire(evaluationId, asOf, evidence, finding.Measure, dismissalDays, now);
                changed.Add(flag);
            }
        }

        foreach (var flag in existing)
        {
            if (verdict.Findings.All(f => f.Rule != flag.Rule) && flag.StopFiring(now) != FlagTransition.Unchanged)
            {
                changed.Add(flag);
            }
        }

        return changed;
    }

    /// <summary>The changed flags as the JSON array the apply statement reads (id null: a new flag).</summary>
    public static string? Write(IReadOnlyList<Flag> flags, long evaluationId)
    {
        if (flags.Count == 0)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, EvidenceJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var flag in flags)
            {
                writer.WriteStartObject();
                if (flag.Id == 0)
                {
                    writer.WriteNull("id");
                }
                else
                {
                    writer.WriteNumber("id", flag.Id);
                }

                writer.WriteString("rule", flag.Rule.ToCode());
                writer.WriteString("status", flag.Status.ToCode());
                writer.WriteString("opened_at", flag.OpenedAt);
                WriteInstant(writer, "resolved_at", flag.ResolvedAt);
                writer.WriteNumber("last_seen_evaluation_id", flag.LastSeenEvaluationId);
                writer.WriteString("last_seen_on", flag.LastSeenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                // A flag that stopped firing keeps the evidence of its last firing (not read here, so not written).
                writer.WritePropertyName("evidence");
                if (flag.LastSeenEvaluationId == evaluationId)
                {
                    writer.WriteRawValue(flag.Evidence);
                }
                else
                {
                    writer.WriteNullValue();
                }
                if (flag.Measure is { } measure)
                {
                    writer.WriteNumber("measure", measure);
                }
                else
                {
                    writer.WriteNull("measure");
                }

                writer.WriteNumber("version", flag.Version);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<Flag> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var flags = new List<Flag>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            flags.Add(new Flag
            {
                Id = element.GetProperty("id").GetInt64(),
                AccountId = 0,
                Rule = RuleCodes.Parse(element.GetProperty("rule").GetString()!),
                Status = FlagStatuses.Parse(element.GetProperty("status").GetString()!),
                OpenedAt = element.GetProperty("opened_at").GetDateTimeOffset(),
                LastSeenEvaluationId = element.GetProperty("last_seen_evaluation_id").GetInt64(),
                LastSeenOn = DateOnly.ParseExact(element.GetProperty("last_seen_on").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                ResolvedAt = InstantOrNull(element, "resolved_at"),
                DismissedAt = InstantOrNull(element, "dismissed_at"),
                DismissedMeasure = DecimalOrNull(element, "dismissed_measure"),
                Measure = DecimalOrNull(element, "measure"),
                Version = (uint)element.GetProperty("version").GetInt64(),
            });
        }

        return flags;
    }

    private static void WriteInstant(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, instant);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static DateTimeOffset? InstantOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetDateTimeOffset() : null;

    private static decimal? DecimalOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetDecimal() : null;
}
