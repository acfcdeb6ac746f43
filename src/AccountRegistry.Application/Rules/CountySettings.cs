using AccountRegistry.Domain.Rules;
using Npgsql;

namespace AccountRegistry.Application.Rules;

/// <summary>A county's thresholds as an evaluation uses them: its rule_settings row, else the spec's defaults.</summary>
internal sealed record CountySetting(int UnitId, string Code, Thresholds Thresholds, int DismissalDays);

internal static class CountySettings
{
    public static async Task<List<CountySetting>> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT u.id, u.code, s.never_posted_days, s.stale_days, s.low_reads_mean, s.window_days,
                   s.duplicate_content_min_posts, s.duplicate_content_share, s.repost_heavy_min_posts,
                   s.repost_heavy_original_share, s.dismissal_days
            FROM units u
            LEFT JOIN rule_settings s ON s.unit_id = u.id
            WHERE u.level = 'county'
            ORDER BY u.code COLLATE "C"
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var settings = new List<CountySetting>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            var code = reader.GetString(1);
            if (reader.IsDBNull(2))
            {
                settings.Add(new CountySetting(id, code, Thresholds.Defaults, RuleSettings.DefaultDismissalDays));
                continue;
            }

            var thresholds = new Thresholds
            {
                NeverPostedDays = reader.GetInt32(2),
                StaleDays = reader.GetInt32(3),
                LowReadsMean = reader.GetInt32(4),
                WindowDays = reader.GetInt32(5),
                DuplicateContentMinPosts = reader.GetInt32(6),
                DuplicateContentShare = ThresholdsJson.Normalize(reader.GetDecimal(7)),
                RepostHeavyMinPosts = reader.GetInt32(8),
                RepostHeavyOriginalShare = ThresholdsJson.Normalize(reader.GetDecimal(9)),
            };
            settings.Add(new CountySetting(id, code, thresholds, reader.GetInt32(10)));
        }

        return settings;
    }
}
