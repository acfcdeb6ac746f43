using System.Runtime.CompilerServices;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// The facts of the indicators that the rules do not already gather: interactions, confirmed content findings,
/// interactive and filing_no, and the REVIVED warning's posts. Set-based, one row per account where something fires
/// (most accounts have none); each account's messages are read by one index range on (account_id, received_at).
/// Reply deadlines come from the app's working calendar: C# computes the deadline of every Shanghai day of P once,
/// and the statement joins messages to that small table by the day they were received.
/// </summary>
internal static class InspectionFactsSql
{
    /// <summary>Message and post ids kept as evidence per code; the counts are always complete.</summary>
    public const int EvidenceLimit = 20;

    private const string Limit = "20";

    private const string ExtrasSql = $"""
        WITH {RuleFacts.UnitCountyCte},
        inspected AS (
            SELECT a.id, a.interactive, (a.filing_no IS NOT NULL AND btrim(a.filing_no) <> '') AS filed
            FROM accounts a
            LEFT JOIN unit_county uc ON uc.unit_id = a.unit_id
            WHERE a.status NOT IN ('closed', 'merged')
              AND a.opened_on <= @as_of
              AND (@all_counties OR uc.county_id = ANY(@county_ids) OR (@include_no_county AND uc.county_id IS NULL))
        ),
        deadlines AS (
            SELECT d.day, d.deadline FROM unnest(@days, @deadlines) AS d(day, deadline)
        )
        SELECT i.id, i.interactive, i.filed, sec.n, sec.posts, un.n, un.ids, slow.n, slow.ids
        FROM inspected i
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS n, (array_agg(DISTINCT p.platform_post_id))[1:{Limit}] AS posts
            FROM content_findings f
            JOIN posts p ON p.id = f.post_id
            WHERE f.account_id = i.id AND f.status = 'confirmed'
              AND p.published_at >= @period_start AND p.published_at < @t_end
        ) sec
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS n, (array_agg(m.message_id ORDER BY m.received_at, m.id))[1:{Limit}] AS ids
            FROM interactions m
            WHERE m.account_id = i.id AND m.needs_reply AND m.received_at < @unanswered_before
              AND (m.replied_at IS NULL OR m.replied_at >= @t_end)
        ) un
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS n, (array_agg(m.message_id ORDER BY m.received_at, m.id))[1:{Limit}] AS ids
            FROM interactions m
            JOIN deadlines d ON d.day = rules_shanghai_day(m.received_at)
            WHERE m.account_id = i.id AND m.needs_reply AND m.received_at >= @period_start AND m.received_at < @t_end
              AND CASE WHEN m.replied_at IS NOT NULL AND m.replied_at < @t_end
                       THEN d.deadline < rules_shanghai_day(m.replied_at)
                       ELSE d.deadline < @as_of END
        ) slow
        WHERE NOT i.interactive OR NOT i.filed OR sec.n > 0 OR un.n > 0 OR slow.n > 0
        """;

    private const string RevivedSql = $"""
        SELECT a.id, a.status_changed_on, count(*)::int,
               (array_agg(p.platform_post_id ORDER BY p.published_at, p.id))[1:{Limit}]
        FROM accounts a
        JOIN posts p ON p.account_id = a.id
        WHERE a.status IN ('closed', 'merged') AND a.status_changed_on IS NOT NULL
          AND p.published_at >= rules_shanghai_start(a.status_changed_on + 1) AND p.published_at < @t_end
        GROUP BY a.id, a.status_changed_on
        """;

    internal sealed record Extra(
        int AccountId,
        bool Interactive,
        bool Filed,
        int SecurityFindings,
        string[] SecurityPosts,
        int Unanswered,
        string[] UnansweredMessages,
        int SlowReplies,
        string[] SlowMessages);

    internal sealed record Revived(int AccountId, DateOnly StatusChangedOn, int Posts, string[] PostIds);

    /// <summary>
    /// The deadline of a message received on each Shanghai day of P: the <paramref name="workingDays"/>-th working
    /// day after it, that day not counted.
    /// </summary>
    public static (DateOnly[] Days, DateOnly[] Deadlines) DeadlineTable(DateOnly asOf, int periodDays, int workingDays, WorkingCalendar calendar)
    {
        var days = new DateOnly[periodDays];
        var deadlines = new DateOnly[periodDays];
        for (var i = 0; i < periodDays; i++)
        {
            days[i] = asOf.AddDays(-(periodDays - 1) + i);
            deadlines[i] = calendar.AddWorkingDays(days[i], workingDays);
        }

        return (days, deadlines);
    }

    public static async Task<Dictionary<int, Extra>> ReadExtrasAsync(
        NpgsqlConnection connection, DateOnly asOf, InspectionSettings settings, WorkingCalendar calendar, RuleFacts.Scope scope, CancellationToken cancellationToken)
    {
        var (days, deadlines) = DeadlineTable(asOf, settings.PeriodDays, settings.ReplyWorkingDays, calendar);
        var end = ShanghaiCalendar.EndOf(asOf);
        await using var command = new NpgsqlCommand(ExtrasSql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
        command.Parameters.Add(new NpgsqlParameter("t_end", NpgsqlDbType.TimestampTz) { Value = end.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("period_start", NpgsqlDbType.TimestampTz) { Value = ShanghaiCalendar.StartOf(days[0]).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("unanswered_before", NpgsqlDbType.TimestampTz) { Value = end.AddDays(-settings.UnansweredDays).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = days });
        command.Parameters.Add(new NpgsqlParameter("deadlines", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = deadlines });
        command.Parameters.Add(new NpgsqlParameter("all_counties", NpgsqlDbType.Boolean) { Value = scope.AllCounties });
        command.Parameters.Add(new NpgsqlParameter("county_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = scope.CountyIds });
        command.Parameters.Add(new NpgsqlParameter("include_no_county", NpgsqlDbType.Boolean) { Value = scope.IncludeNoCounty });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var extras = new Dictionary<int, Extra>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var extra = new Extra(
                reader.GetInt32(0),
                reader.GetBoolean(1),
                reader.GetBoolean(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? [] : reader.GetFieldValue<string[]>(6),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? [] : reader.GetFieldValue<string[]>(8));
            extras[extra.AccountId] = extra;
        }

        return extras;
    }

    public static async IAsyncEnumerable<Revived> ReadRevivedAsync(
        NpgsqlConnection connection, DateOnly asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RevivedSql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("t_end", NpgsqlDbType.TimestampTz) { Value = ShanghaiCalendar.EndOf(asOf).UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Revived(reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetFieldValue<string[]>(3));
        }
    }

    /// <summary>Each county's inspection settings (its row, else the defaults), by county unit id.</summary>
    public static async Task<Dictionary<int, InspectionSettings>> LoadCountySettingsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT unit_id, period_days, warn_days, unanswered_days, reply_working_days, slow_reply_points, slow_reply_cap,
                   repost_heavy_points, duplicate_content_points, unattended_points, not_filed_points, pass_score, excellent_score
            FROM inspection_settings
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var settings = new Dictionary<int, InspectionSettings>();
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetInt32(0)] = new InspectionSettings
            {
                PeriodDays = reader.GetInt32(1),
                WarnDays = reader.GetInt32(2),
                UnansweredDays = reader.GetInt32(3),
                ReplyWorkingDays = reader.GetInt32(4),
                SlowReplyPoints = reader.GetInt32(5),
                SlowReplyCap = reader.GetInt32(6),
                RepostHeavyPoints = reader.GetInt32(7),
                DuplicateContentPoints = reader.GetInt32(8),
                UnattendedPoints = reader.GetInt32(9),
                NotFiledPoints = reader.GetInt32(10),
                PassScore = reader.GetInt32(11),
                ExcellentScore = reader.GetInt32(12),
            };
        }

        return settings;
    }
}
