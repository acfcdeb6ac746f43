namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The queue's per-account columns as SQL expressions over a row alias with <c>account_id</c> (and <c>unit_path</c>):
/// computed for the rows of a page only, unless the page is sorted by them. The flags export uses them too.
/// </summary>
internal sealed partial class QueueSql
{
    /// <summary>The latest post of the account of row alias <paramref name="alias"/>: one step back on posts (account_id, published_at DESC).</summary>
    public static string LastPostExpression(string alias) =>
        $"(SELECT max(po.published_at) FROM posts po WHERE po.account_id = {alias}.account_id)";

    /// <summary>Mean reads of the account's posts of the last 90 days, each by its latest snapshot; null when none has a figure.</summary>
    public static string MeanReadsExpression(string alias) => $"""
        (SELECT avg(rs.reads) FROM posts po
         CROSS JOIN LATERAL (SELECT s.reads FROM read_snapshots s WHERE s.post_id = po.id ORDER BY s.captured_at DESC LIMIT 1) rs
         WHERE po.account_id = {alias}.account_id AND po.published_at >= @window_start)
        """;

    /// <summary>
    /// The same mean as <see cref="MeanReadsExpression"/>, from the rules' daily rollup (account_days: per day the posts
    /// with a figure and the sum of their latest reads) when none of the account's days in the window is waiting to be
    /// recomputed, else from the raw rows. Exact either way; a province-wide sort by it reads at most 90 rollup rows an
    /// account instead of every post and its latest snapshot.
    /// </summary>
    public static string MeanReadsFromRollupExpression(string alias) => $"""
        (CASE WHEN EXISTS (SELECT 1 FROM account_days_pending pd WHERE pd.account_id = {alias}.account_id AND pd.day >= @window_start_day)
              THEN {MeanReadsExpression(alias)}
              ELSE (SELECT sum(d.reads)::numeric / NULLIF(sum(d.posts_with_reads), 0) FROM account_days d
                    WHERE d.account_id = {alias}.account_id AND d.day >= @window_start_day)
         END)
        """;

    /// <summary>The types of the account's open content findings (issue 10), sorted; one probe of (account_id, status).</summary>
    public static string ContentFlagsExpression(string alias) => $"""
        COALESCE((SELECT array_agg(DISTINCT cf.check_code::text ORDER BY cf.check_code::text) FROM content_findings cf
                  WHERE cf.account_id = {alias}.account_id AND cf.status = 'open'), ARRAY[]::text[])
        """;

    /// <summary>The names of the units on the path from the root to the account's unit, in order.</summary>
    /// <remarks>
    /// One primary-key probe per path element. As a plain join PostgreSQL hashed the whole units table for every row
    /// (it expects few rows from the unnest): 0.25 ms a row, 4.5 s of a 18,000-row export. OFFSET 0 keeps the
    /// lateral subquery from being flattened back into that join.
    /// </remarks>
    public static string UnitPathNamesExpression(string alias) => $"""
        (SELECT array_agg(x.name ORDER BY t.ord)
         FROM unnest(string_to_array(btrim({alias}.unit_path, '/'), '/')::int[]) WITH ORDINALITY AS t(id, ord)
         JOIN LATERAL (SELECT pu.name FROM units pu WHERE pu.id = t.id OFFSET 0) x ON TRUE)
        """;
}
