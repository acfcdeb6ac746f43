using System.Runtime.CompilerServices;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// The facts of the rules, gathered set-based in PostgreSQL: one row per evaluated account, never the posts or
/// snapshots themselves. The work per account is bounded by its posts in W, not by its history:
/// <list type="bullet">
/// <item>latest post: one backward step on posts (account_id, published_at DESC) (NOT EXISTS/LIMIT 1, not GROUP BY);</item>
/// <item>posts in W: a range scan of the same index;</item>
/// <item>each such post's reads: one backward step on the read_snapshots key (post_id, captured_at);</item>
/// <item>copies: a probe of the near_duplicates key (post_id, source_post_id) per post in W.</item>
/// </list>
/// Day boundaries are instants computed in C# from the Shanghai calendar (<see cref="EvaluationDay"/>), so the
/// server's time zone setting cannot move a post to another day.
/// </summary>
internal static class RuleFacts
{
    /// <summary>
    /// Each unit's nearest county ancestor (itself when it is a county), walking parent_id rather than trusting
    /// units.path to be current.
    /// </summary>
    private const string UnitCountyCte = """
        RECURSIVE ancestry AS (
            SELECT u.id AS unit_id, u.id AS ancestor_id, u.level AS ancestor_level, u.parent_id, 0 AS depth
            FROM units u
            UNION ALL
            SELECT a.unit_id, p.id, p.level, p.parent_id, a.depth + 1
            FROM ancestry a
            JOIN units p ON p.id = a.parent_id
            WHERE a.ancestor_level <> 'county' AND a.depth < 64
        ),
        unit_county AS (
            SELECT DISTINCT ON (unit_id) unit_id, ancestor_id AS county_id
            FROM ancestry
            WHERE ancestor_level = 'county'
            ORDER BY unit_id, depth
        )
        """;

    private const string FactsSql = $"""
        WITH {UnitCountyCte},
        evaluated AS (
            SELECT a.id, a.platform, a.platform_account_id, a.name, a.unit_id, u.level, uc.county_id, a.opened_on,
                   (a.operator IS NOT NULL AND btrim(a.operator) <> '') AS has_operator,
                   a.provides_services, a.is_hub
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            LEFT JOIN unit_county uc ON uc.unit_id = a.unit_id
            WHERE a.status NOT IN ('closed', 'merged')
              AND a.opened_on <= @as_of
              AND (@all_counties OR uc.county_id = ANY(@county_ids) OR (@include_no_county AND uc.county_id IS NULL))
        )
        SELECT e.id, e.platform, e.platform_account_id, e.name, e.unit_id, e.level, e.county_id, e.opened_on,
               e.has_operator, e.provides_services, e.is_hub,
               latest.published_at,
               w.posts, w.originals, w.with_reads, w.reads_sum, w.duplicates,
               copied.name AS copied_account,
               fl.flags
        FROM evaluated e
        LEFT JOIN LATERAL (
            SELECT p.published_at
            FROM posts p
            WHERE p.account_id = e.id AND p.published_at < @t_end
            ORDER BY p.published_at DESC
            LIMIT 1
        ) latest ON TRUE
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS posts,
                   count(*) FILTER (WHERE p.is_original)::int AS originals,
                   count(r.reads)::int AS with_reads,
                   COALESCE(sum(r.reads), 0)::bigint AS reads_sum,
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1
                       FROM near_duplicates nd
                       JOIN posts src ON src.id = nd.source_post_id
                       WHERE nd.post_id = p.id
                         AND src.account_id <> p.account_id
                         AND src.published_at <= p.published_at))::int AS duplicates
            FROM posts p
            LEFT JOIN LATERAL (
                SELECT s.reads
                FROM read_snapshots s
                WHERE s.post_id = p.id AND s.captured_at < @t_end
                ORDER BY s.captured_at DESC
                LIMIT 1
            ) r ON TRUE
            WHERE p.account_id = e.id AND p.published_at >= @window_start AND p.published_at < @t_end
        ) w
        LEFT JOIN LATERAL (
            -- Evidence only: the account most of the copies copy. Gated so accounts without copies skip it.
            SELECT sa.name
            FROM posts p
            JOIN near_duplicates nd ON nd.post_id = p.id
            JOIN posts src ON src.id = nd.source_post_id
            JOIN accounts sa ON sa.id = src.account_id
            WHERE w.duplicates > 0
              AND p.account_id = e.id AND p.published_at >= @window_start AND p.published_at < @t_end
              AND src.account_id <> p.account_id AND src.published_at <= p.published_at
            GROUP BY sa.id, sa.name
            ORDER BY count(DISTINCT p.id) DESC, sa.id
            LIMIT 1
        ) copied ON TRUE
        LEFT JOIN LATERAL (
            SELECT json_agg(json_build_object(
                       'id', f.id, 'rule', f.rule, 'status', f.status, 'opened_at', f.opened_at,
                       'last_seen_evaluation_id', f.last_seen_evaluation_id, 'last_seen_on', f.last_seen_on,
                       'resolved_at', f.resolved_at, 'dismissed_at', f.dismissed_at,
                       'dismissed_measure', f.dismissed_measure, 'measure', f.measure,
                       'version', f.xmin::text::bigint)) AS flags
            FROM flags f
            WHERE @with_flags AND f.account_id = e.id
        ) fl ON TRUE
        ORDER BY e.unit_id, e.platform, e.id
        """;

    private const string HubsSql = $"""
        WITH {UnitCountyCte}
        SELECT a.id, a.platform, a.platform_account_id, a.name, uc.county_id
        FROM accounts a
        LEFT JOIN unit_county uc ON uc.unit_id = a.unit_id
        WHERE a.is_hub AND a.status NOT IN ('closed', 'merged') AND a.opened_on <= @as_of
        """;

    /// <summary>Which accounts a query covers: every county, or some counties (and/or the accounts outside any county).</summary>
    internal sealed record Scope(bool AllCounties, int[] CountyIds, bool IncludeNoCounty)
    {
        public static Scope Everything { get; } = new(true, [], true);
    }

    internal sealed record Row(AccountFacts Facts, string? FlagsJson);

    public static async IAsyncEnumerable<Row> ReadAsync(
        NpgsqlConnection connection,
        EvaluationDay day,
        Scope scope,
        bool withFlags,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FactsSql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = day.AsOf });
        command.Parameters.Add(new NpgsqlParameter("t_end", NpgsqlDbType.TimestampTz) { Value = day.End.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("window_start", NpgsqlDbType.TimestampTz) { Value = day.WindowStart.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("all_counties", NpgsqlDbType.Boolean) { Value = scope.AllCounties });
        command.Parameters.Add(new NpgsqlParameter("county_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = scope.CountyIds });
        command.Parameters.Add(new NpgsqlParameter("include_no_county", NpgsqlDbType.Boolean) { Value = scope.IncludeNoCounty });
        command.Parameters.Add(new NpgsqlParameter("with_flags", NpgsqlDbType.Boolean) { Value = withFlags });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var facts = new AccountFacts
            {
                AccountId = reader.GetInt32(0),
                Platform = Platforms.Parse(reader.GetString(1)),
                PlatformAccountId = reader.GetString(2),
                Name = reader.GetString(3),
                UnitId = reader.GetInt32(4),
                UnitLevel = UnitLevels.Parse(reader.GetString(5)),
                CountyUnitId = reader.IsDBNull(6) ? null : reader.GetInt32(6),
                OpenedOn = reader.GetFieldValue<DateOnly>(7),
                HasOperator = reader.GetBoolean(8),
                ProvidesServices = reader.GetBoolean(9),
                IsHub = reader.GetBoolean(10),
                LastPostDay = reader.IsDBNull(11) ? null : ShanghaiCalendar.DayOf(reader.GetFieldValue<DateTimeOffset>(11)),
                PostsInWindow = reader.GetInt32(12),
                OriginalsInWindow = reader.GetInt32(13),
                PostsWithReadsInWindow = reader.GetInt32(14),
                ReadsInWindow = reader.GetInt64(15),
                DuplicatesInWindow = reader.GetInt32(16),
                CopiedAccountName = reader.IsDBNull(17) ? null : reader.GetString(17),
            };
            yield return new Row(facts, reader.IsDBNull(18) ? null : reader.GetString(18));
        }
    }

    public static async Task<List<Hub>> HubsAsync(NpgsqlConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(HubsSql, connection);
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hubs = new List<Hub>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hubs.Add(new Hub(
                reader.GetInt32(0),
                Platforms.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }

        return hubs;
    }
}
