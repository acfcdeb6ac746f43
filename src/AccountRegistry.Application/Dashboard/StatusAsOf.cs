namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// The SQL that answers "which accounts existed on day D, and where did they stand then". Parameters:
/// {0} = D (date), {1} = the scope's unit path prefix, {2} = the campaign start (date), {3} = the first instant after D
/// in Shanghai (timestamptz): decisions and request steps are instants, status changes and evaluations are days.
/// </summary>
internal static class StatusAsOf
{
    /// <summary>
    /// acc: the latest status change at or before D; an account with no change yet was active; an account whose only
    /// status is the one it was imported with (no history at all) keeps that status. Accounts opened after D did not
    /// exist yet. top_id is the township or street (the unit right under the county: the path's third part).
    /// The latest change per account comes from one pass over the changes up to D (a province has a change or two per
    /// account), not an index probe per account: the probes were a quarter of the figures' time on 20,000 accounts.
    /// </summary>
    public const string AccountsCte =
        """
        last_change AS (
            SELECT DISTINCT ON (c.account_id) c.account_id, c.status
            FROM account_status_changes c
            WHERE c.effective_on <= {0}
            ORDER BY c.account_id, c.effective_on DESC, c.id DESC
        ),
        acc AS (
            SELECT a.id, a.platform::text AS platform, a.opened_on, u.level::text AS level,
                   NULLIF(split_part(u.path, '/', 3), '')::int AS top_id,
                   COALESCE(s.status, CASE WHEN a.status <> 'active' AND NOT EXISTS (
                       SELECT 1 FROM account_status_changes c2 WHERE c2.account_id = a.id) THEN a.status ELSE 'active' END) AS status
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            LEFT JOIN last_change s ON s.account_id = a.id
            WHERE a.opened_on <= {0} AND u.path LIKE {1} || '%'
        )
        """;

    /// <summary>
    /// fig: <see cref="AccountsCte"/> plus, as of D,
    /// <list type="bullet">
    /// <item>retained: live, and the latest close/merge/retain decision made by the end of D was "retain";</item>
    /// <item>open_flags: the rules that fired on the account in the latest evaluation as of D or before, less those a
    /// reviewer had dismissed by the end of D and that did not reopen after the dismissal (flags keep only their latest
    /// opening, so a flag reopened twice after a dismissal counts from its latest reopening); counted as the fired
    /// rules less the standing dismissals among them, so only the few dismissed accounts are looked at rule by rule;</item>
    /// <item>zombie: live, and that evaluation found it STALE or NEVER_POSTED.</item>
    /// </list>
    /// Closed and merged accounts carry neither flags nor the zombie mark: they are what the campaign removed.
    /// </summary>
    public const string FiguresCte =
        AccountsCte + ",\n" +
        """
        settled AS (
            SELECT DISTINCT ON (d.account_id) d.account_id, d.kind
            FROM review_decisions d
            WHERE d.kind IN ('close', 'merge', 'retain') AND d.decided_at < {3}
            ORDER BY d.account_id, d.decided_at DESC, d.id DESC
        ),
        ev AS (
            SELECT e.id FROM evaluations e WHERE e.as_of <= {0} ORDER BY e.as_of DESC, e.id DESC LIMIT 1
        ),
        res AS (
            SELECT r.account_id, r.rules FROM evaluation_results r WHERE r.evaluation_id = (SELECT id FROM ev)
        ),
        dismissed AS (
            SELECT r.account_id, count(DISTINCT d.dismissed_rule)::int AS n
            FROM review_decisions d
            JOIN res r ON r.account_id = d.account_id AND d.dismissed_rule = ANY (r.rules)
            WHERE d.kind = 'dismiss_flag' AND d.decided_at < {3}
              AND NOT EXISTS (
                  SELECT 1 FROM flags g
                  WHERE g.account_id = d.account_id AND g.rule = d.dismissed_rule AND g.opened_at > d.decided_at AND g.opened_at < {3})
            GROUP BY r.account_id
        ),
        fig AS (
            SELECT acc.*,
                   (acc.status = 'active' AND st.kind = 'retain') IS TRUE AS retained,
                   CASE WHEN acc.status = 'active' THEN COALESCE(cardinality(r.rules), 0) - COALESCE(dm.n, 0) ELSE 0 END AS open_flags,
                   (acc.status = 'active' AND r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]) IS TRUE AS zombie
            FROM acc
            LEFT JOIN settled st ON st.account_id = acc.id
            LEFT JOIN dismissed dm ON dm.account_id = acc.id
            LEFT JOIN res r ON r.account_id = acc.id
        )
        """;

    /// <summary>
    /// req: every closure request (close, merge or open) of a unit in scope that existed by the end of D, with the state
    /// its latest step by then left it in and the due day that step set. Parameters as above.
    /// </summary>
    public const string RequestsCte =
        """
        req AS (
            SELECT NULLIF(split_part(ru.path, '/', 3), '')::int AS top_id, s.to_state, s.due_on
            FROM closure_requests r
            JOIN units ru ON ru.id = r.unit_id
            CROSS JOIN LATERAL (
                SELECT st.to_state, st.due_on FROM closure_steps st
                WHERE st.request_id = r.id AND st.at < {3}
                ORDER BY st.at DESC, st.id DESC LIMIT 1
            ) s
            WHERE ru.path LIKE {1} || '%'
        )
        """;
}
