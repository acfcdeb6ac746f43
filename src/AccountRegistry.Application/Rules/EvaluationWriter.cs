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
        await importer!.CompleteAsync(cancellationToken);
        await importer.DisposeAsync();
        importer = null;

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

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The flags' life (<see cref="Flag"/>: Fire, StopFiring; <see cref="FlagSeverity"/>), applied set-based to every
    /// flag at once. These statements must say what those methods say: Domain FlagTests check the methods, Application FlagLifecycleTests the statements, on the same cases.
    /// <list type="number">
    /// <item>fired: every (account, rule) that fired in this run, with its finding and measure;</item>
    /// <item>a fired flag records this run; a resolved one reopens; a dismissed one reopens when its dismissal
    /// period has passed (T − the Shanghai day of dismissal ≥ dismissal_days) or its measure got worse;</item>
    /// <item>a rule firing without a flag opens one;</item>
    /// <item>an open flag whose rule did not fire, or whose account is no longer evaluated, resolves by data;
    /// dismissed and resolved flags stay as they are.</item>
    /// </list>
    /// A reviewer's dismissal committed while the run was computing is seen here (the UPDATE reads the committed row).
    /// </summary>
    private static readonly string[] FlagStatements =
    [
        """
        CREATE TEMP TABLE fired ON COMMIT DROP AS
        SELECT r.account_id, finding->>'rule' AS rule, finding AS evidence, (finding->>'measure')::numeric AS measure
        FROM evaluation_results r
        CROSS JOIN LATERAL jsonb_array_elements(r.evidence) finding
        WHERE r.evaluation_id = @id
        """,
        "ANALYZE fired (account_id, rule)",
        $"""
        UPDATE flags f
        SET status = CASE WHEN c.reopen THEN 'open' ELSE f.status END,
            opened_at = CASE WHEN c.reopen THEN @now ELSE f.opened_at END,
            resolved_at = CASE WHEN c.reopen THEN NULL ELSE f.resolved_at END,
            last_seen_evaluation_id = @id,
            last_seen_on = @as_of,
            evidence = c.evidence,
            measure = c.measure
        FROM (
            WITH {RuleFacts.UnitCountyCte}
            SELECT g.id, x.evidence, x.measure,
                   g.status = 'resolved_by_data'
                   OR (g.status = 'dismissed' AND (
                       @as_of - rules_shanghai_day(g.dismissed_at) >= COALESCE(rs.dismissal_days, {RuleSettings.DefaultDismissalDays})
                       OR COALESCE(CASE x.rule
                           WHEN 'LOW_READS' THEN x.measure < g.dismissed_measure * 0.75
                           WHEN 'DUPLICATE_PLATFORM' THEN x.measure > g.dismissed_measure
                           WHEN 'DUPLICATE_CONTENT' THEN x.measure >= g.dismissed_measure + 0.10
                           WHEN 'REPOST_HEAVY' THEN x.measure <= g.dismissed_measure - 0.10
                           ELSE FALSE
                       END, FALSE))) AS reopen
            FROM flags g
            JOIN fired x ON x.account_id = g.account_id AND x.rule = g.rule
            -- The county's dismissal period (rule_settings), needed for dismissed flags only.
            LEFT JOIN accounts a ON g.status = 'dismissed' AND a.id = g.account_id
            LEFT JOIN unit_county uc ON uc.unit_id = a.unit_id
            LEFT JOIN rule_settings rs ON rs.unit_id = uc.county_id
        ) c
        WHERE f.id = c.id
        """,
        """
        INSERT INTO flags (account_id, rule, status, opened_at, last_seen_evaluation_id, last_seen_on, evidence, measure)
        SELECT x.account_id, x.rule, 'open', @now, @id, @as_of, x.evidence, x.measure
        FROM fired x
        WHERE NOT EXISTS (SELECT 1 FROM flags f WHERE f.account_id = x.account_id AND f.rule = x.rule)
        ON CONFLICT (account_id, rule) DO NOTHING
        """,
        """
        UPDATE flags f
        SET status = 'resolved_by_data', resolved_at = @now
        WHERE f.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM fired x WHERE x.account_id = f.account_id AND x.rule = f.rule)
        """,
    ];

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
