using AccountRegistry.Application.Common;
using AccountRegistry.Application.Notifications;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Notifications;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// The warnings of spec/inspection.md as of today, between inspections: NEAR_STALE (临界超期提醒: the latest post is
/// warn_days to stale_days old, so the owner can still post before the veto) and REVIVED (a closed or merged account
/// that still publishes). Inspections run quarterly, so these are read from the posts every day with the indicators'
/// own day arithmetic (rules_shanghai_day, the county's stale_days and warn_days), never from a stored inspection.
/// They raise notifications (NEAR_STALE to the clerks over the account's unit, REVIVED to the reviewers over it; once
/// per account per entry into the window, by dedup key) and feed the clerk's home page and the review queue's warning.
/// </summary>
public static class InspectionWarnings
{
    public const string NearStaleKind = "inspection.near_stale";

    public const string RevivedKind = "inspection.revived";

    /// <summary>
    /// Live accounts of the scope whose latest post's Shanghai day lies warn_days to stale_days before @today, by the
    /// settings of the account's county. One index step per account on posts (account_id, published_at DESC).
    /// </summary>
    private const string NearStaleCte = $"""
        {RuleFacts.UnitCountyCte},
        near_stale AS (
            SELECT a.id AS account_id, a.name, a.platform, a.platform_account_id, u.path AS unit_path, lp.last_day,
                   lp.last_day + COALESCE(rs.stale_days, @default_stale) + 1 AS veto_on
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            LEFT JOIN unit_county uc ON uc.unit_id = a.unit_id
            LEFT JOIN rule_settings rs ON rs.unit_id = uc.county_id
            LEFT JOIN inspection_settings ins ON ins.unit_id = uc.county_id
            CROSS JOIN LATERAL (
                SELECT rules_shanghai_day(p.published_at) AS last_day
                FROM posts p WHERE p.account_id = a.id ORDER BY p.published_at DESC LIMIT 1
            ) lp
            WHERE a.status NOT IN ('closed', 'merged') AND a.opened_on <= @today
              AND u.path LIKE @scope_prefix
              AND lp.last_day >= @today - COALESCE(rs.stale_days, @default_stale)
              AND lp.last_day <= @today - COALESCE(ins.warn_days, @default_warn)
        )
        """;

    /// <summary>Closed or merged accounts with posts published after the Shanghai day their status changed.</summary>
    private const string RevivedCte = $"""
        revived AS (
            SELECT a.id AS account_id, a.name, u.path AS unit_path, a.status_changed_on, count(*)::int AS posts,
                   (array_agg(p.platform_post_id ORDER BY p.published_at, p.id))[1:{EvidencePostsText}] AS post_ids
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            JOIN posts p ON p.account_id = a.id
            WHERE a.status IN ('closed', 'merged') AND a.status_changed_on IS NOT NULL
              AND p.published_at >= rules_shanghai_start(a.status_changed_on + 1) AND p.published_at < @t_end
            GROUP BY a.id, a.name, u.path, a.status_changed_on
        )
        """;

    /// <summary>Post ids a REVIVED notification carries as evidence (after the count); the account page lists them all.</summary>
    private const string EvidencePostsText = "5";

    /// <summary>
    /// The users of <c>role</c> bound to the warning's unit or one above it (their scope covers it), as
    /// OverdueReminders finds them.
    /// </summary>
    private static string Recipients(string alias, string role) => $"""
        JOIN units uu ON starts_with({alias}.unit_path, uu.path)
        JOIN asp_net_users us ON us.unit_id = uu.id AND us.user_name IS NOT NULL
        JOIN asp_net_user_roles ur ON ur.user_id = us.id
        JOIN asp_net_roles ro ON ro.id = ur.role_id AND ro.name = '{role}'
        """;

    private static readonly string RaiseSql = $"""
        WITH {NearStaleCte},
        {RevivedCte}
        INSERT INTO notifications (recipient, kind, subject, actor, note, link, created_at, dedup_key)
        SELECT DISTINCT us.user_name, '{NearStaleKind}', left(n.name, 200), NULL, to_char(n.veto_on, 'YYYY-MM-DD'),
               'accounts/' || n.account_id, @now, 'near-stale:' || n.account_id || ':' || to_char(n.last_day, 'YYYY-MM-DD')
        FROM near_stale n
        {Recipients("n", Infrastructure.Identity.Roles.Clerk)}
        UNION ALL
        SELECT DISTINCT us.user_name, '{RevivedKind}', left(r.name, 200), NULL,
               left(r.posts || ': ' || array_to_string(r.post_ids, ', '), 1000),
               'accounts/' || r.account_id, @now, 'revived:' || r.account_id || ':' || to_char(r.status_changed_on, 'YYYY-MM-DD')
        FROM revived r
        {Recipients("r", Infrastructure.Identity.Roles.Reviewer)}
        ON CONFLICT (recipient, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
        RETURNING id, recipient, kind, subject, note, link, created_at, dedup_key
        """;

    public sealed record NearStaleAccount(int AccountId, string Name, Platform Platform, string PlatformAccountId, DateOnly LastPostDay, DateOnly VetoOn);

    /// <summary>The first accounts by veto day (the most urgent first) and how many there are in all.</summary>
    public sealed record NearStaleList(int Total, IReadOnlyList<NearStaleAccount> Accounts);

    public sealed class Handler(RegistryConnection connection, TimeProvider clock)
    {
        /// <summary>Raises the warnings' notifications still missing; returns how many were added.</summary>
        public async Task<int> RaiseAsync(CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            var today = ShanghaiCalendar.DayOf(now);
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(RaiseSql, db);
            AddParameters(command, today, UserScope.System);
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter("t_end", NpgsqlDbType.TimestampTz) { Value = ShanghaiCalendar.EndOf(today).UtcDateTime });
            // The bell is the only channel: the inserted rows are the notifications; only their number is wanted here.
            var raised = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    raised++;
                }
            }

            return raised;
        }

        /// <summary>The scope's NEAR_STALE accounts as of today: the clerk's home page and the reviewer's queue.</summary>
        public async Task<NearStaleList> NearStaleAsync(UserScope scope, int limit = 10, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            var today = ShanghaiCalendar.Today(clock);
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"""
                WITH {NearStaleCte}
                SELECT account_id, name, platform, platform_account_id, last_day, veto_on, count(*) OVER ()::int
                FROM near_stale
                ORDER BY veto_on, platform, platform_account_id
                LIMIT @limit
                """,
                db);
            AddParameters(command, today, scope);
            command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = Math.Clamp(limit, 1, 200) });
            var accounts = new List<NearStaleAccount>();
            var total = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accounts.Add(new NearStaleAccount(
                    reader.GetInt32(0),
                    reader.GetString(1),
                    Platforms.Parse(reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetFieldValue<DateOnly>(4),
                    reader.GetFieldValue<DateOnly>(5)));
                total = reader.GetInt32(6);
            }

            return new NearStaleList(total, accounts);
        }

        private static void AddParameters(NpgsqlCommand command, DateOnly today, UserScope scope)
        {
            command.Parameters.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today });
            command.Parameters.Add(new NpgsqlParameter("scope_prefix", NpgsqlDbType.Text) { Value = scope.VisiblePathPrefix + "%" });
            command.Parameters.Add(new NpgsqlParameter("default_stale", NpgsqlDbType.Integer) { Value = Thresholds.Defaults.StaleDays });
            command.Parameters.Add(new NpgsqlParameter("default_warn", NpgsqlDbType.Integer) { Value = InspectionSettings.Defaults.WarnDays });
        }
    }
}
