using System.Runtime.CompilerServices;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// The facts of the rules, gathered set-based in PostgreSQL: one row per evaluated account, never the posts or
/// snapshots themselves. W's rollup rows are read once, as one range of the covering (day) index, and summed per
/// account; an account with nothing in W takes its latest day from account_last_days, and only for a past T that it
/// posted after does it take one backward step on the key. The work does not grow with the accounts' history:
/// <list type="bullet">
/// <item>the rollup and each account's latest day are recomputed first for the days that changed since the last run
/// (<see cref="RefreshAsync"/>);</item>
/// <item>a past T whose window has snapshots captured after T falls back, for that account alone, to posts
/// (account_id, published_at DESC) and one backward step on the read_snapshots key (post_id, captured_at) per post;</item>
/// <item>the copied account's name (evidence) is looked up only for accounts with copies in W.</item>
/// </list>
/// Day boundaries are instants computed in C# from the Shanghai calendar (<see cref="EvaluationDay"/>), so the
/// server's time zone setting cannot move a post to another day.
/// Over 300 lines: the facts statement and the rollup refresh it depends on are one contract about account_days and
/// are changed together.
/// </summary>
internal static class RuleFacts
{
    /// <summary>
    /// Each unit's nearest county ancestor (itself when it is a county), walking parent_id rather than trusting
    /// units.path to be current.
    /// </summary>
    internal const string UnitCountyCte = """
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
        window_days AS (
            -- W from the daily rollup, every account at once: an index-only range of ix_account_days_window summed
            -- by a hash (per-account index ranges cost three times as much on 20,000 accounts).
            SELECT d.account_id,
                   max(d.day) AS last_day,
                   sum(d.posts)::int AS posts,
                   sum(d.originals)::int AS originals,
                   sum(d.copies)::int AS copies,
                   sum(d.posts_with_reads)::int AS with_reads,
                   sum(d.reads)::bigint AS reads,
                   bool_and(d.reads_captured_until IS NULL OR d.reads_captured_until < @t_end) AS valid
            FROM account_days d
            WHERE d.day >= @first_day AND d.day <= @as_of
            GROUP BY d.account_id
        ),
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
               COALESCE(w.last_day, CASE WHEN ld.day <= @as_of THEN ld.day END, latest.day) AS last_day,
               COALESCE(w.posts, 0), COALESCE(w.originals, 0),
               CASE WHEN w.valid IS NOT FALSE THEN COALESCE(w.with_reads, 0) ELSE raw.with_reads END,
               CASE WHEN w.valid IS NOT FALSE THEN COALESCE(w.reads, 0) ELSE raw.reads END,
               COALESCE(w.copies, 0),
               copied.name AS copied_account
        FROM evaluated e
        -- No row: nothing in W, and so nothing whose reads could be later than T (valid).
        LEFT JOIN window_days w ON w.account_id = e.id
        -- The latest post before W, for accounts with none in W: the account's latest day, kept by the refresh; when
        -- that is after T (a past T), one backward step through the rollup's key.
        LEFT JOIN account_last_days ld ON w.account_id IS NULL AND ld.account_id = e.id
        LEFT JOIN LATERAL (
            SELECT d.day
            FROM account_days d
            WHERE w.account_id IS NULL AND ld.day > @as_of AND d.account_id = e.id AND d.day <= @as_of
            ORDER BY d.day DESC
            LIMIT 1
        ) latest ON TRUE
        LEFT JOIN LATERAL (
            -- A past T with snapshots captured after it: the rollup holds later reads, so take each post's latest
            -- snapshot by the end of T from the raw rows (posts index range, snapshot key step per post).
            SELECT count(r.reads)::int AS with_reads, COALESCE(sum(r.reads), 0)::bigint AS reads
            FROM posts p
            LEFT JOIN LATERAL (
                SELECT s.reads
                FROM read_snapshots s
                WHERE s.post_id = p.id AND s.captured_at < @t_end
                ORDER BY s.captured_at DESC
                LIMIT 1
            ) r ON TRUE
            WHERE w.valid IS FALSE AND p.account_id = e.id AND p.published_at >= @window_start AND p.published_at < @t_end
        ) raw ON TRUE
        LEFT JOIN LATERAL (
            -- Evidence only: the account most of the copies copy. Only for accounts with copies in W.
            SELECT sa.name
            FROM posts p
            JOIN near_duplicates nd ON nd.post_id = p.id
            JOIN posts src ON src.id = nd.source_post_id
            JOIN accounts sa ON sa.id = src.account_id
            WHERE w.copies > 0
              AND p.account_id = e.id AND p.published_at >= @window_start AND p.published_at < @t_end
              AND src.account_id <> p.account_id AND src.published_at <= p.published_at
            GROUP BY sa.id, sa.name
            ORDER BY count(DISTINCT p.id) DESC, sa.id
            LIMIT 1
        ) copied ON TRUE
        ORDER BY e.unit_id, e.platform, e.id
        """;

    /// <summary>
    /// Recomputes the pending account days from the raw rows (see the account-day triggers in the Initial migration):
    /// claims the pending keys, replaces their rollup rows, commits. Safe to run concurrently: a key marked while this runs stays pending.
    /// </summary>
    private static readonly string[] RefreshSql =
    [
        "CREATE TEMP TABLE rules_refresh_keys (account_id int NOT NULL, day date NOT NULL) ON COMMIT DROP",
        """
        WITH taken AS (DELETE FROM account_days_pending RETURNING account_id, day)
        INSERT INTO rules_refresh_keys SELECT account_id, day FROM taken
        """,
        "ANALYZE rules_refresh_keys",
        "DELETE FROM account_days d USING rules_refresh_keys k WHERE d.account_id = k.account_id AND d.day = k.day",
        """
        INSERT INTO account_days (account_id, day, posts, originals, copies, posts_with_reads, reads, reads_captured_until)
        SELECT k.account_id, k.day,
               count(*)::int,
               count(*) FILTER (WHERE p.is_original)::int,
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1
                   FROM near_duplicates nd
                   JOIN posts src ON src.id = nd.source_post_id
                   WHERE nd.post_id = p.id
                     AND src.account_id <> p.account_id
                     AND src.published_at <= p.published_at))::int,
               count(r.reads)::int,
               COALESCE(sum(r.reads), 0)::bigint,
               max(r.captured_at)
        FROM rules_refresh_keys k
        JOIN posts p ON p.account_id = k.account_id
                    AND p.published_at >= rules_shanghai_start(k.day)
                    AND p.published_at < rules_shanghai_start(k.day + 1)
        LEFT JOIN LATERAL (
            SELECT s.reads, s.captured_at
            FROM read_snapshots s
            WHERE s.post_id = p.id
            ORDER BY s.captured_at DESC
            LIMIT 1
        ) r ON TRUE
        GROUP BY k.account_id, k.day
        """,
    ];

    /// <summary>After the refreshed days: the latest day of each account they belong to (account_last_days).</summary>
    private static readonly string[] LastDaySql =
    [
        """
        DELETE FROM account_last_days l
        USING (SELECT DISTINCT account_id FROM rules_refresh_keys) k
        WHERE l.account_id = k.account_id AND NOT EXISTS (SELECT 1 FROM account_days d WHERE d.account_id = k.account_id)
        """,
        """
        INSERT INTO account_last_days (account_id, day)
        SELECT k.account_id, m.day
        FROM (SELECT DISTINCT account_id FROM rules_refresh_keys) k
        CROSS JOIN LATERAL (SELECT max(d.day) AS day FROM account_days d WHERE d.account_id = k.account_id) m
        WHERE m.day IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET day = excluded.day WHERE account_last_days.day <> excluded.day
        """,
    ];

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

    internal sealed record Row(AccountFacts Facts);

    public static async IAsyncEnumerable<Row> ReadAsync(
        NpgsqlConnection connection,
        EvaluationDay day,
        Scope scope,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FactsSql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = day.AsOf });
        command.Parameters.Add(new NpgsqlParameter("t_end", NpgsqlDbType.TimestampTz) { Value = day.End.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("window_start", NpgsqlDbType.TimestampTz) { Value = day.WindowStart.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("first_day", NpgsqlDbType.Date) { Value = day.WindowFirstDay });
        command.Parameters.Add(new NpgsqlParameter("all_counties", NpgsqlDbType.Boolean) { Value = scope.AllCounties });
        command.Parameters.Add(new NpgsqlParameter("county_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = scope.CountyIds });
        command.Parameters.Add(new NpgsqlParameter("include_no_county", NpgsqlDbType.Boolean) { Value = scope.IncludeNoCounty });
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
                LastPostDay = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateOnly>(11),
                PostsInWindow = reader.GetInt32(12),
                OriginalsInWindow = reader.GetInt32(13),
                PostsWithReadsInWindow = reader.GetInt32(14),
                ReadsInWindow = reader.GetInt64(15),
                DuplicatesInWindow = reader.GetInt32(16),
                CopiedAccountName = reader.IsDBNull(17) ? null : reader.GetString(17),
            };
            yield return new Row(facts);
        }
    }

    /// <summary>
    /// For the rest of the current transaction: no JIT. These statements are many cheap index steps whose estimated
    /// cost crosses jit_above_cost, and compiling them took about a second, longer than running them.
    /// </summary>
    public static async Task DisableJitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SET LOCAL jit = off", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Above this many pending days (a bulk import, the first run after the migration) one pass of hash joins over
    /// all posts, snapshots and copies beats stepping through the indexes per day: on 2 M pending days 30 s against
    /// several minutes.
    /// </summary>
    internal const int BulkRefreshAbove = 50_000;

    /// <summary>The advisory lock that serialises <see cref="RefreshAsync"/> (an arbitrary constant, "ARdays").</summary>
    private const long RefreshLockKey = 0x4152_6461_7973;

    private const string BulkRefreshSql = """
        INSERT INTO account_days (account_id, day, posts, originals, copies, posts_with_reads, reads, reads_captured_until)
        SELECT p.account_id, rules_shanghai_day(p.published_at),
               count(*)::int,
               count(*) FILTER (WHERE p.is_original)::int,
               count(c.post_id)::int,
               count(r.reads)::int,
               COALESCE(sum(r.reads), 0)::bigint,
               max(r.captured_at)
        FROM posts p
        JOIN rules_refresh_keys k ON k.account_id = p.account_id AND k.day = rules_shanghai_day(p.published_at)
        LEFT JOIN (
            SELECT DISTINCT ON (s.post_id) s.post_id, s.reads, s.captured_at
            FROM read_snapshots s
            ORDER BY s.post_id, s.captured_at DESC
        ) r ON r.post_id = p.id
        LEFT JOIN (
            SELECT DISTINCT nd.post_id
            FROM near_duplicates nd
            JOIN posts src ON src.id = nd.source_post_id
            JOIN posts cp ON cp.id = nd.post_id
            WHERE src.account_id <> cp.account_id AND src.published_at <= cp.published_at
        ) c ON c.post_id = p.id
        GROUP BY 1, 2
        """;

    /// <summary>Brings the daily rollup up to date; returns how many account days were recomputed.</summary>
    public static async Task<int> RefreshAsync(NpgsqlConnection connection, CancellationToken cancellationToken, int bulkAbove = BulkRefreshAbove)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DisableJitAsync(connection, transaction, cancellationToken);

        // One refresh at a time: two taking days of the same account would each compute its latest day without
        // seeing the other's, and the later commit would keep a stale one.
        await using (var exclusive = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RefreshLockKey})", connection, transaction))
        {
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }

        var taken = 0;
        for (var i = 0; i < RefreshSql.Length; i++)
        {
            var bulk = i == RefreshSql.Length - 1 && taken > bulkAbove;
            var sql = bulk ? BulkRefreshSql : RefreshSql[i];
            if (bulk)
            {
                await using var memory = new NpgsqlCommand("SET LOCAL work_mem = '128MB'", connection, transaction);
                await memory.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            var affected = await command.ExecuteNonQueryAsync(cancellationToken);
            if (i == 1)
            {
                taken = affected;
                if (taken == 0)
                {
                    break;
                }
            }
        }

        if (taken > 0)
        {
            foreach (var sql in LastDaySql)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return taken;
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
