using System.Buffers;
using System.Text;
using System.Text.Json;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure;
using Npgsql;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// The JSON of spec/rules.md for a stored evaluation:
/// <c>{"as_of", "thresholds", "accounts": [{"platform", "account_id", "recommendation", "rules", "merge_target"}]}</c>.
/// Accounts are sorted by platform code, then account_id, both ordinal (SQL <c>COLLATE "C"</c>: byte order of UTF-8,
/// which is code-point order and equals .NET ordinal order for the ASCII ids platforms use); rules by code, ordinal.
/// merge_target appears only for merge: {"platform", "account_id"} of the hub, or null when the county has no hub.
/// Written as it is read, a few hundred accounts at a time, so output of any size takes flat memory.
/// </summary>
public static class EvaluationOutput
{
    private const int FlushEvery = 256;

    public sealed class Handler(RegistryConnection database)
    {
        public async Task WriteJsonAsync(long evaluationId, TextWriter output, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(output);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            DateOnly asOf;
            string thresholds;
            string? countyThresholds;
            await using (var head = new NpgsqlCommand("SELECT as_of, thresholds::text, county_thresholds::text FROM evaluations WHERE id = @id", connection))
            {
                head.Parameters.AddWithValue("id", evaluationId);
                await using var reader = await head.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Evaluation {evaluationId} does not exist.");
                }

                asOf = reader.GetFieldValue<DateOnly>(0);
                thresholds = reader.GetString(1);
                countyThresholds = reader.IsDBNull(2) ? null : reader.GetString(2);
            }

            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EvidenceJson.WriterOptions.Encoder });
            json.WriteStartObject();
            json.WriteString("as_of", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WritePropertyName("thresholds");
            ThresholdsJson.WriteObject(json, ThresholdsJson.Read(thresholds));
            if (countyThresholds is not null)
            {
                // Only when counties use different thresholds: per county code, the ones that differ from "thresholds".
                json.WritePropertyName("county_thresholds");
                using var document = JsonDocument.Parse(countyThresholds);
                json.WriteStartObject();
                foreach (var county in document.RootElement.EnumerateObject().OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    json.WritePropertyName(county.Name);
                    ThresholdsJson.WriteObject(json, ThresholdsJson.Read(county.Value));
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("accounts");
            await using (var rows = new NpgsqlCommand(
                """
                SELECT a.platform, a.platform_account_id, r.recommendation, r.rules, t.platform, t.platform_account_id
                FROM evaluation_results r
                JOIN accounts a ON a.id = r.account_id
                LEFT JOIN accounts t ON t.id = r.merge_target_account_id
                WHERE r.evaluation_id = @id
                ORDER BY a.platform COLLATE "C", a.platform_account_id COLLATE "C"
                """,
                connection) { CommandTimeout = 0 })
            {
                rows.Parameters.AddWithValue("id", evaluationId);
                await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
                var written = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var recommendation = reader.GetString(2);
                    json.WriteStartObject();
                    json.WriteString("platform", reader.GetString(0));
                    json.WriteString("account_id", reader.GetString(1));
                    json.WriteString("recommendation", recommendation);
                    json.WriteStartArray("rules");
                    foreach (var rule in reader.GetFieldValue<string[]>(3).Order(StringComparer.Ordinal))
                    {
                        json.WriteStringValue(rule);
                    }

                    json.WriteEndArray();
                    if (recommendation == Recommendation.Merge.ToCode())
                    {
                        if (reader.IsDBNull(4))
                        {
                            json.WriteNull("merge_target");
                        }
                        else
                        {
                            json.WriteStartObject("merge_target");
                            json.WriteString("platform", reader.GetString(4));
                            json.WriteString("account_id", reader.GetString(5));
                            json.WriteEndObject();
                        }
                    }

                    json.WriteEndObject();
                    if (++written % FlushEvery == 0)
                    {
                        await FlushAsync(json, buffer, output);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await FlushAsync(json, buffer, output);
            await output.WriteLineAsync();
            await output.FlushAsync(cancellationToken);
        }

        private static async Task FlushAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter output)
        {
            // After Flush the writer holds nothing, and the buffer ends on a token boundary, so whole UTF-8 characters.
            await json.FlushAsync();
            await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
    }
}
