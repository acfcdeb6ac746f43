using AccountRegistry.Domain.Rules;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// Stores one evaluation in a single transaction: the run's row, one result per account (binary COPY into a staging
/// table as the verdicts stream by), and the flags moved in a few set-based statements at the end. Nothing is visible
/// until the whole run commits.
/// </summary>
internal sealed class EvaluationWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly DateTimeOffset now;
    private NpgsqlBinaryImporter? importer;

    private EvaluationWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, long evaluationId, bool updatesFlags, DateTimeOffset now)
    {
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

            await using (var stage = new NpgsqlCommand(
                """
                CREATE TEMP TABLE eval_stage (
                    account_id int NOT NULL,
                    recommendation text NOT NULL,
                    rules text[] NOT NULL,
                    merge_target_account_id int,
                    evidence jsonb NOT NULL,
                    flag_changes jsonb
                ) ON COMMIT DROP
                """,
                connection,
                transaction))
            {
                await stage.ExecuteNonQueryAsync(cancellationToken);
            }

            var writer = new EvaluationWriter(connection, transaction, id, updatesFlags, now);
            writer.importer = await connection.BeginBinaryImportAsync(
                "COPY eval_stage (account_id, recommendation, rules, merge_target_account_id, evidence, flag_changes) FROM STDIN (FORMAT BINARY)",
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

    public async Task AddAsync(AccountVerdict verdict, string? existingFlagsJson, DateOnly asOf, int dismissalDays, CancellationToken cancellationToken)
    {
        var flagChanges = UpdatesFlags
            ? FlagLedger.Write(FlagLedger.Apply(verdict, existingFlagsJson, EvaluationId, asOf, dismissalDays, now), EvaluationId)
            : null;
        var rules = verdict.Rules.Select(r => r.ToCode()).ToArray();
        var copy = importer!;
        await copy.StartRowAsync(cancellationToken);
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
        if (flagChanges is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(flagChanges, NpgsqlDbType.Jsonb, cancellationToken);
        }
    }

    /// <summary>Moves the staged rows into place, moves the flags, records count and duration, and commits.</summary>
    public async Task CompleteAsync(int accountCount, Func<TimeSpan> elapsed, CancellationToken cancellationToken)
    {
        await importer!.CompleteAsync(cancellationToken);
        await importer.DisposeAsync();
        importer = null;

        // A temp table has no statistics: without them the "not evaluated any more" anti-join below was planned as a
        // nested loop over every flag times every staged row.
        await ExecuteAsync("ANALYZE eval_stage", cancellationToken);

        await ExecuteAsync(
            """
            INSERT INTO evaluation_results (evaluation_id, account_id, recommendation, rules, merge_target_account_id, evidence)
            SELECT @id, account_id, recommendation, rules, merge_target_account_id, evidence FROM eval_stage
            """,
            cancellationToken);

        if (UpdatesFlags)
        {
            const string changes = """
                SELECT s.account_id, c.*
                FROM eval_stage s
                CROSS JOIN LATERAL jsonb_to_recordset(s.flag_changes) AS c(
                    id bigint, rule text, status text, opened_at timestamptz, resolved_at timestamptz,
                    last_seen_evaluation_id bigint, last_seen_on date, evidence jsonb, measure numeric, version bigint)
                WHERE s.flag_changes IS NOT NULL
                """;
            await ExecuteAsync(
                $"""
                INSERT INTO flags (account_id, rule, status, opened_at, last_seen_evaluation_id, last_seen_on, resolved_at, evidence, measure)
                SELECT account_id, rule, status, opened_at, last_seen_evaluation_id, last_seen_on, resolved_at, evidence, measure
                FROM ({changes}) c
                WHERE c.id IS NULL
                ON CONFLICT (account_id, rule) DO NOTHING
                """,
                cancellationToken);

            // xmin guard: a flag a reviewer dismissed while this run was reading keeps the reviewer's change; the next run sees it.
            await ExecuteAsync(
                $"""
                UPDATE flags f
                SET status = c.status,
                    opened_at = c.opened_at,
                    resolved_at = c.resolved_at,
                    last_seen_evaluation_id = c.last_seen_evaluation_id,
                    last_seen_on = c.last_seen_on,
                    evidence = CASE WHEN c.last_seen_evaluation_id = @id THEN c.evidence ELSE f.evidence END,
                    measure = CASE WHEN c.last_seen_evaluation_id = @id THEN c.measure ELSE f.measure END
                FROM ({changes}) c
                WHERE c.id IS NOT NULL AND f.id = c.id AND f.xmin::text::bigint = c.version
                """,
                cancellationToken);

            // Accounts no longer evaluated (closed, merged) fire no rule: their open flags resolve by data too.
            await ExecuteAsync(
                """
                UPDATE flags f
                SET status = 'resolved_by_data', resolved_at = @now
                WHERE f.status = 'open' AND NOT EXISTS (SELECT 1 FROM eval_stage s WHERE s.account_id = f.account_id)
                """,
                cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        if (importer is not null)
        {
            await importer.DisposeAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("id", EvaluationId);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
