using System.Globalization;
using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Bulk;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>Who imports, and when: the accounts target dates status changes with it.</summary>
internal sealed record ImportContext(string Actor, DateTimeOffset Now, DateOnly Today, string File);

internal sealed record UpsertOutcome(long Inserted, long Updated, long StatusChanges = 0);

/// <summary>
/// One kind of file: how its rows are parsed and staged, which checks run in SQL against the staging table, and the
/// set-based upsert that stores them. Field checks run in C# while streaming; checks that need other rows (duplicate
/// keys) or stored data (unknown unit, account, post) run in SQL, so memory does not grow with the file.
/// </summary>
internal abstract class ImportTarget
{
    public const string Stage = "import_stage";

    private static readonly string[] PlatformCodes = [.. Enum.GetValues<Platform>().Select(p => p.ToCode())];

    public abstract ImportKind Kind { get; }

    public IReadOnlyList<string> Columns => Kind.Columns();

    /// <summary>Optional columns the file left out: the upsert keeps their stored values rather than the defaults.</summary>
    public IReadOnlyList<string> AbsentColumns { get; set; } = [];

    /// <summary>Column definitions of the staging table; the first column is always <c>line integer</c>.</summary>
    protected abstract string StagingColumns { get; }

    protected abstract string[] CopyColumns { get; }

    public static ImportTarget For(ImportKind kind) => kind switch
    {
        ImportKind.Units => new UnitsTarget(),
        ImportKind.Accounts => new AccountsTarget(),
        ImportKind.Posts => new PostsTarget(),
        ImportKind.Reads => new ReadsTarget(),
        ImportKind.Interactions => new InteractionsTarget(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public Task CreateStagingAsync(BulkSession session, CancellationToken cancellationToken) =>
        session.CreateStagingTableAsync(Stage, StagingColumns, cancellationToken);

    public NpgsqlBinaryImporter BeginCopy(BulkSession session) => session.BeginCopy(Stage, CopyColumns);

    /// <summary>Parses the row; when every field is valid, writes it to the COPY stream. True when staged.</summary>
    public abstract bool TryStage(FieldReader row, NpgsqlBinaryImporter copy);

    /// <summary>Checks across rows and against stored data, before anything is written.</summary>
    public abstract Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken);

    public abstract Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken);

    /// <summary>Checks that need the rows in place (a unit tree cycle); errors roll the file back.</summary>
    public virtual Task CheckAfterUpsertAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the upsert, before the commit: what is stored but deserves a look (the rows are not refused).</summary>
    public virtual Task WarnAsync(BulkSession session, ImportErrorList warnings, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Work in the same transaction after the upsert (units: recompute the materialised paths).</summary>
    public virtual Task FinishAsync(RegistryDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reports every row whose key appeared on an earlier line of the same file. A hash aggregate over the staging
    /// table; the join back runs only for the (normally zero) duplicated keys. <paramref name="valueSql"/> is the
    /// reported value as text, unless <paramref name="value"/> formats it from the reader (column 1).
    /// </summary>
    internal static Task ReportDuplicatesAsync(
        BulkSession session,
        ImportErrorList errors,
        string table,
        string keyColumns,
        string reportedColumn,
        string valueSql,
        string keyDescription,
        CancellationToken cancellationToken,
        string? filter = null,
        Func<NpgsqlDataReader, string?>? value = null,
        string appears = "appears") =>
        session.ReadAsync(
            $"""
            SELECT s.line, {valueSql}, d.first_line
            FROM (SELECT {keyColumns}, min(line) AS first_line FROM {table} {(filter is null ? string.Empty : "WHERE " + filter)}
                  GROUP BY {keyColumns} HAVING count(*) > 1) d
            JOIN {table} s USING ({keyColumns})
            WHERE s.line > d.first_line
            ORDER BY s.line
            """,
            reader => errors.Add(
                reader.GetInt32(0),
                reportedColumn,
                value is not null ? value(reader) : reader.IsDBNull(1) ? null : reader.GetString(1),
                ImportErrorCode.DuplicateKey,
                $"the same {keyDescription} already {appears} on line {reader.GetInt32(2)}.",
                reader.GetInt32(2).ToString(CultureInfo.InvariantCulture)),
            cancellationToken: cancellationToken);

    /// <summary>A row naming an account the registry does not hold (posts, reads and interactions refer to accounts.csv's).</summary>
    protected static void AddUnknownAccount(ImportErrorList errors, int line, string platform, string accountId) =>
        errors.Add(line, "account_id", accountId, ImportErrorCode.UnknownAccount, $"unknown account {platform}/{accountId}: import it in accounts.csv first.");

    /// <summary>The platform column every file keyed by account starts with; an unknown code is the row's error.</summary>
    protected static Platform ReadPlatform(FieldReader row, int column) =>
        row.Code<Platform>(column, Platforms.TryParse, PlatformCodes, ImportErrorCode.UnknownPlatform, null);

    /// <summary>Starts a staged row of a file keyed by account: its line, the platform's code and the platform's account id.</summary>
    protected static void StartAccountRow(NpgsqlBinaryImporter copy, int line, Platform platform, string accountId)
    {
        copy.StartRow();
        copy.Write(line, NpgsqlDbType.Integer);
        copy.Write(platform.ToCode(), NpgsqlDbType.Text);
        copy.Write(accountId, NpgsqlDbType.Text);
    }

    /// <summary>
    /// Runs an upsert and tells inserts from updates. The split comes from the transaction's own statistics
    /// (pg_stat_xact_user_tables) rather than from <c>RETURNING (xmax = 0)</c>, which would materialise a row per
    /// upserted row: about a sixth of the upsert's time on millions of rows.
    /// </summary>
    protected static async Task<(long Inserted, long Updated)> CountUpsertAsync(
        BulkSession session, string table, string upsert, Action<NpgsqlParameterCollection>? parameters, CancellationToken cancellationToken)
    {
        var insertedSoFar = $"SELECT n_tup_ins FROM pg_stat_xact_user_tables WHERE relid = '{table}'::regclass";
        var before = await session.ScalarAsync<long>(insertedSoFar, cancellationToken: cancellationToken);
        var affected = await session.ExecuteAsync(upsert, parameters, cancellationToken);
        var inserted = await session.ScalarAsync<long>(insertedSoFar, cancellationToken: cancellationToken) - before;
        return (inserted, affected - inserted);
    }

    internal static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    protected static void WriteCount(NpgsqlBinaryImporter copy, long? value)
    {
        if (value is { } count)
        {
            copy.Write(count, NpgsqlDbType.Bigint);
        }
        else
        {
            copy.WriteNull();
        }
    }

    /// <summary>Npgsql writes timestamptz from UTC only; the instant is what the file's offset meant.</summary>
    protected static void WriteInstant(NpgsqlBinaryImporter copy, DateTimeOffset value) =>
        copy.Write(value.UtcDateTime, NpgsqlDbType.TimestampTz);
}
