using AccountRegistry.Domain.Rules;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// Stores one evaluation in a single transaction: the run's row, one result per account (binary COPY straight into
/// evaluation_results as the verdicts stream by), and the flags moved in a few set-based statements at the end.
/// Nothing is visible until the whole run commits.
/// </summary>
internal sealed class EvaluationWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly DateTimeOffset now;
    private NpgsqlBinaryImporter? importer;

    private readonly DateOnly asOf;

    private EvaluationWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, long evaluationId, bool updatesFlags, DateOnly asOf, DateTimeOffset now)
    {
        this.asOf = asOf;
        this.connection = connection;
        this.transaction = transaction;
        EvaluationId = evaluationId;
        UpdatesFlags = updatesFlags;
        this.now = now;
    }

    public long EvaluationId { get; }

    /// <summary>False for a run as of a day before the latest flag-moving run: it is recorded, the flags stay.</summary>
    public bool UpdatesFlags { get; }

    /// <summary>Starts the run; null when <paramref name="oncePerDay"/> and this trigger already evaluated this day.</summary>
    public static async Task<EvaluationWriter?> BeginAsync(
        string connectionString,
        DateOnly asOf,
        string triggeredBy,
        bool oncePerDay,
        string thresholdsJson,
        string? countyThresholdsJson,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await RuleFacts.DisableJitAsync(connection, transaction, cancellationToken);
            if (oncePerDay)
            {
                await using var done = new NpgsqlCommand(
                    "SELECT EXISTS (SELECT 1 FROM evaluations WHERE as_of = @as_of AND triggered_by = @by)", connection, transaction);
                done.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
                done.Parameters.AddWithValue("by", triggeredBy);
                if ((bool)(await done.ExecuteScalarAsync(cancellationToken))!)
                {
                    await transaction.DisposeAsync();
                    await connection.DisposeAsync();
                    return null;
                }
            }

            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO evaluations (as_of, thresholds, county_thresholds, started_at, duration, account_count, triggered_by, updated_flags)
                VALUES (@as_of, @thresholds, @county_thresholds, @started_at, interval '0', 0, @by,
                        NOT EXISTS (SELECT 1 FROM evaluations WHERE updated_flags AND as_of > @as_of))
                RETURNING id, updated_flags
                """,
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
            insert.Parameters.Add(new NpgsqlParameter("thresholds", NpgsqlDbType.Jsonb) { Value = thresholdsJson });
            insert.Parameters.Add(new NpgsqlParameter("county_thresholds", NpgsqlDbType.Jsonb) { Value = (object?)countyThresholdsJson ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("started_at", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
            insert.Parameters.AddWithValue("by", triggeredBy);
            long id;
            bool updatesFlags;
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                id = reader.GetInt64(0);
                updatesFlags = reader.GetBoolean(1);
            }

            var writer = new EvaluationWriter(connection, transaction, id, updatesFlags, asOf, now);
            writer.importer = await connection.BeginBinaryImportAsync(
                "COPY evaluation_results (evaluation_id, account_id, recommendation, rules, merge_target_account_id, evidence) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            return writer;
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task AddAsync(AccountVerdict verdict, CancellationToken cancellationToken)
    {
        var rules = verdict.Rules.Select(r => r.ToCode()).ToArray();
        var copy = importer!;
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(EvaluationId, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(verdict.Account.AccountId, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(verdict.Recommendation.ToCode(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(rules, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        if (verdict.MergeTarget is { } target)
        {
            await copy.WriteAsync(target.AccountId, NpgsqlDbType.Integer, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }

        await copy.WriteAsync(EvidenceJson.Write(verdict.Findings), NpgsqlDbType.Jsonb, cancellationToken);
    }

    /// <summary>Ends the results' COPY, moves the flags, records count and duration, and commits.</summary>
    public async Task CompleteAsync(int accountCount, Func<TimeSpan> elapsed, CancellationToken cancellationToken)
    {
        // The server may still be storing the streamed rows (and runs the results' statement triggers): timed apart.
        var copyEnd = System.Diagnostics.Stopwatch.GetTimestamp();
        await importer!.CompleteAsync(cancellationToken);
        await importer.DisposeAsync();
        importer = null;
        Timings.Add(("end of the results' COPY", System.Diagnostics.Stopwatch.GetElapsedTime(copyEnd)));

        if (UpdatesFlags)
        {
            foreach (var statement in FlagStatements)
            {
                await ExecuteAsync(statement, cancellationToken);
            }
        }

        await using (var finish = new NpgsqlCommand(
            "UPDATE evaluations SET account_count = @count, duration = @duration WHERE id = @id", connection, transaction))
        {
            finish.Parameters.AddWithValue("count", accountCount);
            finish.Parameters.AddWithValue("duration", elapsed());
            finish.Parameters.AddWithValue("id", EvaluationId);
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }

        var commit = System.Diagnostics.Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancellationToken);
        Timings.Add(("COMMIT", System.Diagnostics.Stopwatch.GetElapsedTime(commit)));
    }

    /// <summary>
    /// The flags' life (<see cref="Flag"/>: Fire, StopFiring; <see cref="FlagSeverity"/>), applied set-based to every
    /// flag at once. These statements must say what those methods say: Domain FlagTests check the methods, Application
    /// FlagLifecycleTests the statements, on the same cases. A flag is written only when something about it changes:
    /// while its rule keeps firing, the view flags_current reads its last seen run, evidence and measure from the
    /// latest flag-moving run (flags.firing), so the tens of thousands of flags that fire night after night are not
    /// rewritten, and their findings are read from the run's JSON only where a flag is written.
    /// <list type="number">
    /// <item>flag_changes: the rules that fired in this run (the results' rule codes) fully joined with the flags, less
    /// the flags that keep firing and stay open: what fired without a flag, what fired on a flag that was not firing or
    /// is not open, and what stopped firing;</item>
    /// <item>a flag that was not firing starts firing and records this run, and a resolved one reopens; a dismissed one
    /// reopens when its dismissal period has passed (T − the Shanghai day of dismissal ≥ dismissal_days) or its measure
    /// got worse;</item>
    /// <item>a rule firing without a flag opens one;</item>
    /// <item>a firing flag whose rule did not fire, or whose account is no longer evaluated, stops firing and keeps the
    /// previous flag-moving run as its last seen, with that run's evidence; an open one resolves by data, dismissed and
    /// resolved flags keep their status.</item>
    /// </list>
    /// A reviewer's dismissal committed while the run was computing is seen here (the UPDATE reads the committed row).
    /// </summary>
    private static readonly string[] FlagStatements =
    [
        """
        CREATE TEMP TABLE flag_changes ON COMMIT DROP AS
        SELECT COALESCE(x.account_id, g.account_id) AS account_id, COALESCE(x.rule, g.rule) AS rule,
               g.id AS flag_id, x.account_id IS NOT NULL AS fires, g.firing AS was_firing
        FROM (SELECT r.account_id, unnest(r.rules) AS rule FROM evaluation_results r WHERE r.evaluation_id = @id) x
        FULL JOIN flags g ON g.account_id = x.account_id AND g.rule = x.rule
        WHERE g.id IS NULL
           OR (x.account_id IS NULL AND (g.firing OR g.status = 'open'))
           OR (x.account_id IS NOT NULL AND (NOT g.firing OR g.status <> 'open'))
        """,
        $"""
        UPDATE flags f
        SET status = CASE WHEN c.reopen THEN 'open' ELSE f.status END,
            opened_at = CASE WHEN c.reopen THEN @now ELSE f.opened_at END,
            resolved_at = CASE WHEN c.reopen THEN NULL ELSE f.resolved_at END,
            firing = TRUE,
            last_seen_evaluation_id = @id,
            last_seen_on = @as_of,
            evidence = c.evidence,
            measure = c.measure
        FROM (
            SELECT g.id, g.firing, x.evidence, x.measure,
                   g.status = 'resolved_by_data'
                   OR (g.status = 'dismissed' AND (
                       @as_of - rules_shanghai_day(g.dismissed_at) >= COALESCE(({DismissalDaysOfTheFlagsCounty}), {RuleSettings.DefaultDismissalDays})
                       OR COALESCE(CASE g.rule
                           WHEN 'LOW_READS' THEN x.measure < g.dismissed_measure * 0.75
                           WHEN 'DUPLICATE_PLATFORM' THEN x.measure > g.dismissed_measure
                           WHEN 'DUPLICATE_CONTENT' THEN x.measure >= g.dismissed_measure + 0.10
                           WHEN 'REPOST_HEAVY' THEN x.measure <= g.dismissed_measure - 0.10
                           ELSE FALSE
                       END, FALSE))) AS reopen
            FROM flag_changes ch
            JOIN flags g ON g.id = ch.flag_id
            CROSS JOIN LATERAL ({FindingOfThisRun}) x
            WHERE ch.fires
        ) c
        WHERE f.id = c.id AND (NOT c.firing OR c.reopen)
        """,
        $"""
        INSERT INTO flags (account_id, rule, status, opened_at, firing, last_seen_evaluation_id, last_seen_on, evidence, measure)
        SELECT ch.account_id, ch.rule, 'open', @now, TRUE, @id, @as_of, x.evidence, x.measure
        FROM flag_changes ch
        CROSS JOIN LATERAL ({FindingOfThisRun}) x
        WHERE ch.flag_id IS NULL
        ON CONFLICT (account_id, rule) DO NOTHING
        """,
        """
        UPDATE flags f
        SET firing = FALSE,
            status = CASE WHEN f.status = 'open' THEN 'resolved_by_data' ELSE f.status END,
            resolved_at = CASE WHEN f.status = 'open' THEN @now ELSE f.resolved_at END,
            last_seen_evaluation_id = COALESCE(c.seen_id, f.last_seen_evaluation_id),
            last_seen_on = COALESCE(c.seen_on, f.last_seen_on),
            evidence = COALESCE(c.seen_evidence, f.evidence),
            measure = CASE WHEN c.seen_evidence IS NULL THEN f.measure ELSE (c.seen_evidence->>'measure')::numeric END
        FROM (
            SELECT ch.flag_id, seen.id AS seen_id, seen.as_of AS seen_on,
                   (SELECT finding FROM evaluation_results r CROSS JOIN LATERAL jsonb_array_elements(r.evidence) finding
                    WHERE r.evaluation_id = seen.id AND r.account_id = ch.account_id AND finding->>'rule' = ch.rule) AS seen_evidence
            FROM flag_changes ch
            -- The run a firing flag was last seen in: the flag-moving run before this one.
            LEFT JOIN (SELECT e.id, e.as_of FROM evaluations e WHERE e.updated_flags AND e.id < @id ORDER BY e.id DESC LIMIT 1) seen
                ON ch.was_firing
            WHERE NOT ch.fires
        ) c
        WHERE f.id = c.flag_id
        """,
    ];

    /// <summary>
    /// The dismissal period set for the nearest county above flag g's account (rule_settings), walking parent_id as
    /// <see cref="RuleFacts.UnitCountyCte"/> does; asked for dismissed flags only, a few index steps each.
    /// </summary>
    private const string DismissalDaysOfTheFlagsCounty = """
        WITH RECURSIVE up AS (
            SELECT u.id, u.level, u.parent_id, 0 AS depth
            FROM accounts a JOIN units u ON u.id = a.unit_id
            WHERE a.id = g.account_id
            UNION ALL
            SELECT p.id, p.level, p.parent_id, up.depth + 1
            FROM up JOIN units p ON p.id = up.parent_id
            WHERE up.level <> 'county' AND up.depth < 64
        )
        SELECT rs.dismissal_days FROM up JOIN rule_settings rs ON rs.unit_id = up.id WHERE up.level = 'county'
        """;

    /// <summary>
    /// The finding of rule ch.rule on account ch.account_id in this run's result: one key probe per changed flag
    /// (OFFSET 0 keeps it one; pulled up, PostgreSQL hashed the run's every result for a handful of changes).
    /// </summary>
    private const string FindingOfThisRun = """
        SELECT finding AS evidence, (finding->>'measure')::numeric AS measure
        FROM evaluation_results r CROSS JOIN LATERAL jsonb_array_elements(r.evidence) finding
        WHERE r.evaluation_id = @id AND r.account_id = ch.account_id AND finding->>'rule' = ch.rule
        OFFSET 0
        """;

    public async ValueTask DisposeAsync()
    {
        if (importer is not null)
        {
            await importer.DisposeAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>Seconds per statement of <see cref="CompleteAsync"/>, for the log and the benchmark.</summary>
    public List<(string Statement, TimeSpan Took)> Timings { get; } = [];

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("id", EvaluationId);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf });
        await command.ExecuteNonQueryAsync(cancellationToken);
        var firstLine = sql.TrimStart().Split('\n')[0].Trim();
        Timings.Add((firstLine.Length > 60 ? firstLine[..60] : firstLine, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
    }
}
