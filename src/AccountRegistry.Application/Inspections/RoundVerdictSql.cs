namespace AccountRegistry.Application.Inspections;

/// <summary>
/// A round's verdicts and problems as SQL, from its stored results (the round's inspection and its manual findings),
/// combined as <see cref="Domain.Inspections.RoundScoring"/> does. One place for the 通报, the rectification tasks
/// created on publishing and the re-check (复核), so that they cannot disagree about who failed and why.
/// Each CTE is named by a prefix and reads the parameters <c>@{name}_round</c>, <c>@{name}_inspection</c>, <c>@{name}_pass</c>.
/// </summary>
internal static class RoundVerdictSql
{
    /// <summary>
    /// CTE <c>{name}</c> (round_id, account_id, passed) for one round: the indicators' score less the manual deductions,
    /// failed by any veto (indicator or manual), else passed at the pass score; passed is NULL for a drawn account the
    /// inspection did not score.
    /// </summary>
    public static string Verdicts(string name) =>
        $"""
        {name}_rounds AS (SELECT @{name}_round::bigint AS id, @{name}_inspection::bigint AS inspection_id, @{name}_pass::int AS pass),
        {VerdictsOf(name + "_rounds", name)}
        """;

    /// <summary>
    /// CTE <c>{name}</c> (round_id, account_id, passed) for every round of the CTE <paramref name="rounds"/>
    /// (id, inspection_id, pass): the same verdict as <see cref="Verdicts"/>, over many rounds at once.
    /// </summary>
    public static string VerdictsOf(string rounds, string name) =>
        $"""
        {name}_manual AS (
            SELECT f.round_id, f.account_id,
                   coalesce(sum(f.points) FILTER (WHERE f.kind = 'deduction'), 0) AS deducted,
                   bool_or(f.kind = 'veto') AS veto
            FROM inspection_round_findings f WHERE f.round_id IN (SELECT id FROM {rounds}) GROUP BY f.round_id, f.account_id),
        {name} AS (
            SELECT ra.round_id, ra.account_id,
                   CASE WHEN r.account_id IS NULL THEN NULL
                        WHEN cardinality(r.vetoes) > 0 OR coalesce(m.veto, false) THEN false
                        ELSE greatest(0, r.score - coalesce(m.deducted, 0)) >= rs.pass END AS passed
            FROM {rounds} rs
            JOIN inspection_round_accounts ra ON ra.round_id = rs.id
            LEFT JOIN inspection_results r ON r.inspection_id = rs.inspection_id AND r.account_id = ra.account_id
            LEFT JOIN {name}_manual m ON m.round_id = ra.round_id AND m.account_id = ra.account_id)
        """;

    /// <summary>
    /// CTE <c>{name}_problems</c> (account_id, code): every problem of each scored account of the round, as a
    /// rectification task names it: indicator veto and deduction codes, manual findings as <c>MANUAL_&lt;ITEM&gt;</c>
    /// (broken_menu → MANUAL_BROKEN_MENU).
    /// </summary>
    public static string Problems(string name) =>
        $"""
        {name}_problems AS (
            SELECT r.account_id, unnest(r.vetoes) AS code
            FROM inspection_results r JOIN inspection_round_accounts ra ON ra.round_id = @{name}_round AND ra.account_id = r.account_id
            WHERE r.inspection_id = @{name}_inspection
            UNION
            SELECT r.account_id, d->>'code'
            FROM inspection_results r JOIN inspection_round_accounts ra ON ra.round_id = @{name}_round AND ra.account_id = r.account_id
            CROSS JOIN LATERAL jsonb_array_elements(r.deductions::jsonb) d
            WHERE r.inspection_id = @{name}_inspection AND d->>'code' IS NOT NULL
            UNION
            SELECT f.account_id, 'MANUAL_' || upper(f.item)
            FROM inspection_round_findings f WHERE f.round_id = @{name}_round)
        """;

    /// <summary>
    /// One rectification task per failing account of the round <c>@cur_round</c>, due <c>@due_on</c>, with its
    /// sorted problems; the account's unit as of now. Answers the tasks' number (one row, column <c>Value</c>).
    /// </summary>
    public static readonly string InsertTasks =
        $"""
        WITH {Verdicts("cur")}, {Problems("cur")},
        inserted AS (
            INSERT INTO rectification_tasks (round_id, account_id, unit_id, problems, due_on, state, created_at)
            SELECT @cur_round, a.id, a.unit_id,
                   ARRAY(SELECT DISTINCT p.code COLLATE "C" FROM cur_problems p WHERE p.account_id = a.id ORDER BY 1),
                   @due_on, 'open', @now
            FROM cur v JOIN accounts a ON a.id = v.account_id
            WHERE v.passed = false
            RETURNING 1)
        SELECT count(*)::int AS "Value" FROM inserted
        """;
}
