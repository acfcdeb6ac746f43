using System.Buffers;
using System.Text;
using System.Text.Json;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure;
using Npgsql;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// The JSON of spec/inspection.md for a stored inspection:
/// <c>{"as_of", "settings", "accounts": [{"platform", "account_id", "result", "score", "vetoes", "deductions"}], "warnings": [...]}</c>.
/// Accounts and warnings sorted by platform then account_id (then code), ordinal (SQL <c>COLLATE "C"</c>), as
/// the evaluation's output is; written as read, so output of any size takes flat memory.
/// </summary>
public static class InspectionOutput
{
    private const int FlushEvery = 256;

    public sealed class Handler(RegistryConnection database)
    {
        public async Task WriteJsonAsync(long inspectionId, TextWriter output, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(output);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            DateOnly asOf;
            string settings;
            string? countySettings;
            await using (var head = new NpgsqlCommand("SELECT as_of, settings::text, county_settings::text FROM inspections WHERE id = @id", connection))
            {
                head.Parameters.AddWithValue("id", inspectionId);
                await using var reader = await head.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Inspection {inspectionId} does not exist.");
                }

                asOf = reader.GetFieldValue<DateOnly>(0);
                settings = reader.GetString(1);
                countySettings = reader.IsDBNull(2) ? null : reader.GetString(2);
            }

            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = EvidenceJson.WriterOptions.Encoder });
            json.WriteStartObject();
            json.WriteString("as_of", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WritePropertyName("settings");
            using (var document = JsonDocument.Parse(settings))
            {
                WriteSettings(json, document.RootElement);
            }

            if (countySettings is not null)
            {
                // Only when counties use different settings: per county code, all of its settings.
                using var document = JsonDocument.Parse(countySettings);
                json.WriteStartObject("county_settings");
                foreach (var county in document.RootElement.EnumerateObject().OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    json.WritePropertyName(county.Name);
                    WriteSettings(json, county.Value);
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("accounts");
            await using (var rows = new NpgsqlCommand(
                """
                SELECT a.platform, a.platform_account_id, r.result, r.score, r.vetoes, r.deductions::text
                FROM inspection_results r
                JOIN accounts a ON a.id = r.account_id
                WHERE r.inspection_id = @id
                ORDER BY a.platform COLLATE "C", a.platform_account_id COLLATE "C"
                """,
                connection) { CommandTimeout = 0 })
            {
                rows.Parameters.AddWithValue("id", inspectionId);
                await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
                var written = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    json.WriteStartObject();
                    json.WriteString("platform", reader.GetString(0));
                    json.WriteString("account_id", reader.GetString(1));
                    json.WriteString("result", reader.GetString(2));
                    json.WriteNumber("score", reader.GetInt32(3));
                    json.WriteStartArray("vetoes");
                    foreach (var veto in reader.GetFieldValue<string[]>(4).Order(StringComparer.Ordinal))
                    {
                        json.WriteStringValue(veto);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("deductions");
                    using (var deductions = JsonDocument.Parse(reader.GetString(5)))
                    {
                        // jsonb keeps its keys in its own order; the spec's is code, points, count.
                        foreach (var deduction in deductions.RootElement.EnumerateArray())
                        {
                            json.WriteStartObject();
                            json.WriteString("code", deduction.GetProperty("code").GetString());
                            json.WriteNumber("points", deduction.GetProperty("points").GetInt32());
                            json.WriteNumber("count", deduction.GetProperty("count").GetInt32());
                            json.WriteEndObject();
                        }
                    }

                    json.WriteEndArray();

                    json.WriteEndObject();
                    if (++written % FlushEvery == 0)
                    {
                        await FlushAsync(json, buffer, output, cancellationToken);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            await using (var rows = new NpgsqlCommand(
                """
                SELECT a.platform, a.platform_account_id, w.code
                FROM inspection_warnings w
                JOIN accounts a ON a.id = w.account_id
                WHERE w.inspection_id = @id
                ORDER BY a.platform COLLATE "C", a.platform_account_id COLLATE "C", w.code COLLATE "C"
                """,
                connection) { CommandTimeout = 0 })
            {
                rows.Parameters.AddWithValue("id", inspectionId);
                await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    json.WriteStartObject();
                    json.WriteString("platform", reader.GetString(0));
                    json.WriteString("account_id", reader.GetString(1));
                    json.WriteString("code", reader.GetString(2));
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await FlushAsync(json, buffer, output, cancellationToken);
            await output.WriteLineAsync();
            await output.FlushAsync(cancellationToken);
        }

        /// <summary>The stored settings in the output's order (jsonb sorts keys its own way): the spec's names first.</summary>
        private static void WriteSettings(Utf8JsonWriter json, JsonElement stored)
        {
            var order = InspectionSettings.Defaults.ToNamedValues().Select(v => v.Key).ToList();
            json.WriteStartObject();
            foreach (var property in stored.EnumerateObject().OrderBy(p => order.IndexOf(p.Name) is var i and >= 0 ? i : order.Count).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                property.WriteTo(json);
            }

            json.WriteEndObject();
        }

        private static async Task FlushAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter output, CancellationToken cancellationToken)
        {
            await json.FlushAsync(cancellationToken);
            await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken);
            buffer.Clear();
        }
    }
}
