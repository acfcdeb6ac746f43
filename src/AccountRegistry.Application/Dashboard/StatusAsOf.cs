namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// The SQL that answers "which accounts existed on day D, and what was their status then": the latest status change
/// at or before D; an account with no change yet was active; an account whose only status is the one it was imported
/// with (no history at all) keeps that status. Accounts opened after D did not exist yet.
/// Parameters: {0} = D (date), {1} = the scope's unit path prefix.
/// </summary>
internal static class StatusAsOf
{
    public const string AccountsCte =
        """
        acc AS (
            SELECT a.id, a.platform, a.is_hub, a.opened_on, u.level, u.path, a.unit_id,
                   COALESCE(s.status, CASE WHEN a.status <> 'active' AND NOT EXISTS (
                       SELECT 1 FROM account_status_changes c2 WHERE c2.account_id = a.id) THEN a.status ELSE 'active' END) AS status
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            LEFT JOIN LATERAL (
                SELECT c.status FROM account_status_changes c
                WHERE c.account_id = a.id AND c.effective_on <= {0}
                ORDER BY c.effective_on DESC, c.id DESC LIMIT 1
            ) s ON TRUE
            WHERE a.opened_on <= {0} AND u.path LIKE {1} || '%'
        )
        """;
}
