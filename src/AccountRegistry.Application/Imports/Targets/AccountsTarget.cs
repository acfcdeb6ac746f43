using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>
/// accounts.csv. A status that differs from the stored one (or a new account that arrives closed or merged) also
/// appends an <see cref="AccountStatusChange"/> effective on the import day, so that "as of a past day" questions
/// know the account was live before it: the file carries no date of the change, and the import day is the earliest
/// day the registry knew. The merge target is not in the file, so a merged account has none until a reviewer sets it.
/// </summary>
internal sealed class AccountsTarget : ImportTarget
{
    private const int PlatformColumn = 0, AccountId = 1, Name = 2, UnitCode = 3, OpenedOn = 4, Operator = 5, ProvidesServices = 6, IsHub = 7, Status = 8, Interactive = 9, FilingNo = 10;

    private static readonly string[] StatusCodes = [.. Enum.GetValues<AccountStatus>().Select(s => s.ToCode())];

    public override ImportKind Kind => ImportKind.Accounts;

    protected override string StagingColumns =>
        "line integer NOT NULL, platform text NOT NULL, account_id text NOT NULL, name text NOT NULL, unit_code text NOT NULL, " +
        "opened_on date NOT NULL, operator text, provides_services boolean NOT NULL, is_hub boolean NOT NULL, status text NOT NULL, " +
        "interactive boolean NOT NULL, filing_no text";

    protected override string[] CopyColumns =>
        ["line", "platform", "account_id", "name", "unit_code", "opened_on", "operator", "provides_services", "is_hub", "status", "interactive", "filing_no"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var platform = ReadPlatform(row, PlatformColumn);
        var accountId = row.Required(AccountId, 128);
        var name = row.Required(Name, 200, lineBreaks: true);
        var unitCode = row.Required(UnitCode, 64);
        var openedOn = row.Date(OpenedOn);
        var operatorName = row.Optional(Operator, 100, lineBreaks: true);
        var providesServices = row.Boolean(ProvidesServices, false);
        var isHub = row.Boolean(IsHub, false);
        var status = row.Code<AccountStatus>(Status, AccountStatuses.TryParse, StatusCodes, ImportErrorCode.UnknownStatus, AccountStatus.Active);
        var interactive = row.Boolean(Interactive, true);
        var filingNo = row.Optional(FilingNo, 64);
        if (!row.Valid)
        {
            return false;
        }

        StartAccountRow(copy, row.Line, platform, accountId);
        copy.Write(name, NpgsqlDbType.Text);
        copy.Write(unitCode, NpgsqlDbType.Text);
        copy.Write(openedOn, NpgsqlDbType.Date);
        WriteText(copy, operatorName);
        copy.Write(providesServices, NpgsqlDbType.Boolean);
        copy.Write(isHub, NpgsqlDbType.Boolean);
        copy.Write(status.ToCode(), NpgsqlDbType.Text);
        copy.Write(interactive, NpgsqlDbType.Boolean);
        WriteText(copy, filingNo);
        return true;
    }

    public override async Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken)
    {
        await ReportDuplicatesAsync(session, errors, Stage, "platform, account_id", "account_id", "s.account_id", "platform and account_id", cancellationToken);
        await session.ReadAsync(
            $"""
            SELECT s.line, s.unit_code FROM {Stage} s
            WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.code = s.unit_code)
            ORDER BY s.line
            """,
            reader => errors.Add(reader.GetInt32(0), "unit_code", reader.GetString(1), ImportErrorCode.UnknownUnit,
                $"unknown unit '{reader.GetString(1)}': import it in units.csv first."),
            cancellationToken: cancellationToken);
    }

    public override async Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            $"""
            CREATE TEMP TABLE import_status_before ON COMMIT DROP AS
            SELECT s.line, a.status FROM {Stage} s
            LEFT JOIN accounts a ON a.platform = s.platform AND a.platform_account_id = s.account_id
            """,
            cancellationToken: cancellationToken);

        // A file without the v2 columns (interactive, filing_no) keeps what is stored: re-importing an old
        // inventory must not clear filing numbers or re-open the public's way in.
        var interactive = AbsentColumns.Contains("interactive") ? "accounts.interactive" : "excluded.interactive";
        var filingNo = AbsentColumns.Contains("filing_no") ? "accounts.filing_no" : "excluded.filing_no";
        var (inserted, updated) = await CountUpsertAsync(
            session,
            "accounts",
            $"""
            INSERT INTO accounts (platform, platform_account_id, name, unit_id, opened_on, operator, provides_services, is_hub, status, status_changed_on,
                                  interactive, filing_no)
            SELECT s.platform, s.account_id, s.name, u.id, s.opened_on, s.operator, s.provides_services, s.is_hub, s.status,
                   CASE WHEN s.status <> 'active' THEN @today END, s.interactive, s.filing_no
            FROM {Stage} s JOIN units u ON u.code = s.unit_code
            ON CONFLICT (platform, platform_account_id) DO UPDATE SET
                name = excluded.name, unit_id = excluded.unit_id, opened_on = excluded.opened_on, operator = excluded.operator,
                provides_services = excluded.provides_services, is_hub = excluded.is_hub, status = excluded.status,
                status_changed_on = CASE WHEN accounts.status = excluded.status THEN accounts.status_changed_on ELSE excluded.status_changed_on END,
                merged_into_account_id = CASE WHEN accounts.status = excluded.status THEN accounts.merged_into_account_id END,
                interactive = {interactive}, filing_no = {filingNo}
            WHERE (accounts.name, accounts.unit_id, accounts.opened_on, accounts.operator, accounts.provides_services, accounts.is_hub, accounts.status,
                   accounts.interactive, accounts.filing_no)
                IS DISTINCT FROM (excluded.name, excluded.unit_id, excluded.opened_on, excluded.operator, excluded.provides_services, excluded.is_hub, excluded.status,
                   {interactive}, {filingNo})
            """,
            p => p.AddWithValue("today", NpgsqlDbType.Date, context.Today),
            cancellationToken);

        var statusChanges = await session.ExecuteAsync(
            $"""
            INSERT INTO account_status_changes (account_id, status, effective_on, recorded_at, recorded_by, reason)
            SELECT a.id, s.status, @today, @now, @actor, @reason
            FROM {Stage} s
            JOIN import_status_before b ON b.line = s.line
            JOIN accounts a ON a.platform = s.platform AND a.platform_account_id = s.account_id
            WHERE (b.status IS NULL AND s.status <> 'active') OR (b.status IS NOT NULL AND b.status <> s.status)
            """,
            p =>
            {
                p.AddWithValue("today", NpgsqlDbType.Date, context.Today);
                p.AddWithValue("now", NpgsqlDbType.TimestampTz, context.Now.UtcDateTime);
                p.AddWithValue("actor", NpgsqlDbType.Text, context.Actor);
                p.AddWithValue("reason", NpgsqlDbType.Text, $"status imported from {context.File}");
            },
            cancellationToken);
        return new UpsertOutcome(inserted, updated, statusChanges);
    }
}
