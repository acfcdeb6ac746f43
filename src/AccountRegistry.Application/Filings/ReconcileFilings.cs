using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Application.Imports.Targets;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Bulk;
using AccountRegistry.Infrastructure.Identity;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Filings;

/// <summary>
/// 备案核对 (`registry reconcile FILE` and the reconcile page): compares the stored accounts with the provincial
/// reporting system's export (filings.csv of spec/inspection.md) by platform + account_id. The file is read with the
/// import's readers and field checks into a temporary table by COPY and compared there in SQL; the transaction is
/// rolled back, so nothing is stored, whatever the file holds. A file with an invalid row or a repeated account
/// gives its errors (line, column, value, reason) and no lists.
/// </summary>
public static class ReconcileFilings
{
    /// <param name="Path">Where the file is on disk.</param>
    /// <param name="Name">The name shown in errors; .xlsx means a spreadsheet, anything else CSV.</param>
    public sealed record Command(string Path, string Name);

    /// <summary>The compared fields as one side holds them, after trimming (null: empty).</summary>
    public sealed record Values(string? Name, string? UnitCode, string? FilingNo, FilingStatus Status);

    /// <summary>Live here, absent from the file: to be filed.</summary>
    public sealed record NotFiled(int AccountId, Platform Platform, string AccountKey, Values Ours);

    /// <summary>In the file, not stored here (within the user's units).</summary>
    public sealed record UnknownHere(int Line, Platform Platform, string AccountKey, Values Theirs);

    /// <summary>In both, with the fields that differ (sorted by name).</summary>
    public sealed record Mismatched(int AccountId, uint Version, int Line, Platform Platform, string AccountKey, IReadOnlyList<string> Fields, Values Ours, Values Theirs);

    public sealed record Result(
        string File,
        long Rows,
        IReadOnlyList<ImportError> Errors,
        long OmittedErrors,
        IReadOnlyList<NotFiled> NotFiledHere,
        IReadOnlyList<UnknownHere> Unknown,
        IReadOnlyList<Mismatched> Mismatches)
    {
        public bool Valid => Errors.Count == 0 && OmittedErrors == 0;
    }

    /// <summary>The compared fields, in the order of the spec (the lists give them sorted by name).</summary>
    public static IReadOnlyList<string> ComparedFields { get; } = ["filing_no", "name", "status", "unit_code"];

    private const string Stage = "filing_stage";
    private const int PlatformColumn = 0, AccountId = 1, Name = 2, UnitCode = 3, FilingNo = 4, Status = 5;

    /// <summary>
    /// What "trimming white space" removes from stored values in SQL: the characters .NET's Trim() removes from the
    /// file's (Unicode White_Space), so both sides are trimmed alike. PostgreSQL's btrim without a set removes spaces only.
    /// </summary>
    private static readonly string WhiteSpace = new([.. Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    private static readonly string[] PlatformCodes = [.. Enum.GetValues<Platform>().Select(p => p.ToCode())];
    private static readonly string[] StatusCodes = [.. Enum.GetValues<FilingStatus>().Select(s => s.ToCode())];

    public sealed class Handler(RegistryConnection connection, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Policies.District))
            {
                throw new UnauthorizedAccessException("Only administrators and reviewers may reconcile the filing register.");
            }

            await using var stream = new FileStream(command.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            using IRecordSource source = string.Equals(Path.GetExtension(command.Name), ".xlsx", StringComparison.OrdinalIgnoreCase)
                ? new XlsxFileSource(stream, ImportKind.Filings)
                : new CsvFileSource(stream, ImportKind.Filings);
            var columns = ImportKind.Filings.Columns();
            var errors = new ImportErrorList(command.Name, columns);
            if (!source.Open(errors))
            {
                return Rejected(command.Name, 0, errors);
            }

            // Rolled back on dispose: the comparison leaves nothing behind but its answer.
            await using var session = await BulkSession.BeginAsync(connection.ConnectionString, cancellationToken: cancellationToken);
            await session.CreateStagingTableAsync(Stage,
                "line integer NOT NULL, platform text COLLATE \"C\" NOT NULL, account_id text COLLATE \"C\" NOT NULL, name text COLLATE \"C\", unit_code text COLLATE \"C\", filing_no text COLLATE \"C\", status text COLLATE \"C\" NOT NULL",
                cancellationToken);
            long rows = 0;
            var row = new FieldReader(errors, columns, clock.GetUtcNow());
            await using (var copy = session.BeginCopy(Stage, ["line", "platform", "account_id", "name", "unit_code", "filing_no", "status"]))
            {
                foreach (var record in source.Records(errors))
                {
                    rows++;
                    row.Begin(record);
                    StageRow(row, copy);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await session.AnalyzeAsync(Stage, cancellationToken);
            await ImportTarget.ReportDuplicatesAsync(session, errors, Stage, "platform, account_id", "account_id", "s.account_id", "platform and account_id", cancellationToken);
            if (errors.Count > 0)
            {
                return Rejected(command.Name, rows, errors);
            }

            await session.ExecuteAsync(
                $"""
                CREATE TEMP TABLE filing_ours ON COMMIT DROP AS
                SELECT a.id, a.xmin::text::bigint AS version, a.platform::text COLLATE "C" AS platform, a.platform_account_id::text COLLATE "C" AS account_id,
                       nullif(btrim(a.name::text, @ws), '') COLLATE "C" AS name, nullif(btrim(u.code::text, @ws), '') COLLATE "C" AS unit_code,
                       nullif(btrim(a.filing_no::text, @ws), '') COLLATE "C" AS filing_no,
                       CASE a.status WHEN 'active' THEN 'active' ELSE 'closed' END AS status
                FROM accounts a JOIN units u ON u.id = a.unit_id
                WHERE starts_with(u.path, @prefix)
                """,
                p =>
                {
                    p.AddWithValue("ws", NpgsqlDbType.Text, WhiteSpace);
                    p.AddWithValue("prefix", NpgsqlDbType.Text, scope.VisiblePathPrefix);
                },
                cancellationToken);
            await session.ExecuteAsync("CREATE INDEX ON filing_ours (platform, account_id); ANALYZE filing_ours", cancellationToken: cancellationToken);

            var notFiled = new List<NotFiled>();
            await session.ReadAsync(
                $"""
                SELECT o.id, o.platform, o.account_id, o.name, o.unit_code, o.filing_no, o.status FROM filing_ours o
                WHERE o.status = 'active' AND NOT EXISTS (SELECT 1 FROM {Stage} s WHERE s.platform = o.platform AND s.account_id = o.account_id)
                ORDER BY o.platform COLLATE "C", o.account_id COLLATE "C"
                """,
                r => notFiled.Add(new NotFiled(r.GetInt32(0), Platforms.Parse(r.GetString(1)), r.GetString(2), ValuesAt(r, 3))),
                cancellationToken: cancellationToken);

            var unknown = new List<UnknownHere>();
            await session.ReadAsync(
                $"""
                SELECT s.line, s.platform, s.account_id, s.name, s.unit_code, s.filing_no, s.status FROM {Stage} s
                WHERE NOT EXISTS (SELECT 1 FROM filing_ours o WHERE o.platform = s.platform AND o.account_id = s.account_id)
                ORDER BY s.platform COLLATE "C", s.account_id COLLATE "C"
                """,
                r => unknown.Add(new UnknownHere(r.GetInt32(0), Platforms.Parse(r.GetString(1)), r.GetString(2), ValuesAt(r, 3))),
                cancellationToken: cancellationToken);

            var mismatched = new List<Mismatched>();
            await session.ReadAsync(
                $"""
                SELECT o.id, o.version, s.line, o.platform, o.account_id, o.name, o.unit_code, o.filing_no, o.status,
                       s.name, s.unit_code, s.filing_no, s.status
                FROM {Stage} s JOIN filing_ours o ON o.platform = s.platform AND o.account_id = s.account_id
                WHERE (o.name, o.unit_code, o.filing_no, o.status) IS DISTINCT FROM (s.name, s.unit_code, s.filing_no, s.status)
                ORDER BY o.platform COLLATE "C", o.account_id COLLATE "C"
                """,
                r =>
                {
                    var ours = ValuesAt(r, 5);
                    var theirs = ValuesAt(r, 9);
                    mismatched.Add(new Mismatched(
                        r.GetInt32(0), (uint)r.GetInt64(1), r.GetInt32(2), Platforms.Parse(r.GetString(3)), r.GetString(4), Differences(ours, theirs), ours, theirs));
                },
                cancellationToken: cancellationToken);

            await session.RollbackAsync(cancellationToken);
            return new Result(command.Name, rows, [], 0, notFiled, unknown, mismatched);
        }

        private static Result Rejected(string file, long rows, ImportErrorList errors) =>
            new(file, rows, errors.Sorted(), errors.Omitted, [], [], []);

        /// <summary>Checks one row's fields (every problem reported) and stages it when all are valid.</summary>
        private static void StageRow(FieldReader row, NpgsqlBinaryImporter copy)
        {
            var platform = row.Code<Platform>(PlatformColumn, Platforms.TryParse, PlatformCodes, ImportErrorCode.UnknownPlatform, null);
            var accountId = row.Required(AccountId, 128);
            var name = row.Optional(Name, 200);
            var unitCode = row.Optional(UnitCode, 64);
            var filingNo = row.Optional(FilingNo, 64);
            var status = row.Code<FilingStatus>(Status, FilingStatuses.TryParse, StatusCodes, ImportErrorCode.UnknownStatus, FilingStatus.Active);
            if (!row.Valid)
            {
                return;
            }

            copy.StartRow();
            copy.Write(row.Line, NpgsqlDbType.Integer);
            copy.Write(platform.ToCode(), NpgsqlDbType.Text);
            copy.Write(accountId, NpgsqlDbType.Text);
            ImportTarget.WriteText(copy, name);
            ImportTarget.WriteText(copy, unitCode);
            ImportTarget.WriteText(copy, filingNo);
            copy.Write(status.ToCode(), NpgsqlDbType.Text);
        }

        private static Values ValuesAt(NpgsqlDataReader reader, int first) => new(
            reader.IsDBNull(first) ? null : reader.GetString(first),
            reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1),
            reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            FilingStatuses.TryParse(reader.GetString(first + 3), out var status) ? status : FilingStatus.Active);
    }

    /// <summary>The names of the fields that differ, sorted by name (spec: <c>fields</c> is sorted by name).</summary>
    public static IReadOnlyList<string> Differences(Values ours, Values theirs)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(theirs);
        var fields = new List<string>();
        if (!string.Equals(ours.FilingNo, theirs.FilingNo, StringComparison.Ordinal))
        {
            fields.Add("filing_no");
        }

        if (!string.Equals(ours.Name, theirs.Name, StringComparison.Ordinal))
        {
            fields.Add("name");
        }

        if (ours.Status != theirs.Status)
        {
            fields.Add("status");
        }

        if (!string.Equals(ours.UnitCode, theirs.UnitCode, StringComparison.Ordinal))
        {
            fields.Add("unit_code");
        }

        return fields;
    }
}
