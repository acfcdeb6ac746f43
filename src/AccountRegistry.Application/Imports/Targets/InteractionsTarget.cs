using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Interactions;
using AccountRegistry.Infrastructure.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>
/// interactions.csv (spec/inspection.md): the key is the account + message_id; a later row for the same message
/// updates it (typically adding replied_at). The rows are resolved to account ids once, into a narrow table that the
/// unknown-account check, the duplicate check and the upsert all read, as reads.csv does with posts.
/// </summary>
internal sealed class InteractionsTarget : ImportTarget
{
    private const string Resolved = "import_resolved";
    private const int PlatformColumn = 0, AccountId = 1, MessageId = 2, KindColumn = 3, ReceivedAt = 4, RepliedAt = 5, NeedsReply = 6;

    private static readonly string[] KindCodes = [.. Enum.GetValues<InteractionKind>().Select(k => k.ToCode())];

    public override ImportKind Kind => ImportKind.Interactions;

    protected override string StagingColumns =>
        "line integer NOT NULL, platform text NOT NULL, account_id text NOT NULL, message_id text NOT NULL, kind text NOT NULL, " +
        "received_at timestamptz NOT NULL, replied_at timestamptz, needs_reply boolean NOT NULL";

    protected override string[] CopyColumns => ["line", "platform", "account_id", "message_id", "kind", "received_at", "replied_at", "needs_reply"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var platform = ReadPlatform(row, PlatformColumn);
        var accountId = row.Required(AccountId, ImportLimits.IdLength);
        var messageId = row.Required(MessageId, ImportLimits.IdLength);
        var kind = row.Code<InteractionKind>(KindColumn, InteractionKinds.TryParse, KindCodes, ImportErrorCode.UnknownKind, InteractionKind.Message);
        var receivedAt = row.Timestamp(ReceivedAt);
        DateTimeOffset? repliedAt = string.IsNullOrWhiteSpace(row.Raw(RepliedAt)) ? null : row.Timestamp(RepliedAt);
        var needsReply = row.Boolean(NeedsReply, true);
        if (row.Valid && repliedAt is { } replied && replied < receivedAt)
        {
            row.Fail(RepliedAt, row.Raw(RepliedAt)?.Trim(), ImportErrorCode.RepliedBeforeReceived,
                $"replied_at is earlier than received_at ({row.Raw(ReceivedAt)?.Trim()}).", row.Raw(ReceivedAt)?.Trim());
        }

        if (!row.Valid)
        {
            return false;
        }

        StartAccountRow(copy, row.Line, platform, accountId);
        copy.Write(messageId, NpgsqlDbType.Text);
        copy.Write(kind.ToCode(), NpgsqlDbType.Text);
        WriteInstant(copy, receivedAt);
        if (repliedAt is { } instant)
        {
            WriteInstant(copy, instant);
        }
        else
        {
            copy.WriteNull();
        }

        copy.Write(needsReply, NpgsqlDbType.Boolean);
        return true;
    }

    public override async Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            $"""
            CREATE TEMP TABLE {Resolved} ON COMMIT DROP AS
            SELECT s.line, a.id AS account_pk, s.message_id, s.kind, s.received_at, s.replied_at, s.needs_reply,
                   CASE WHEN a.id IS NULL THEN s.platform END AS bad_platform,
                   CASE WHEN a.id IS NULL THEN s.account_id END AS bad_account_id
            FROM {Stage} s
            LEFT JOIN accounts a ON a.platform = s.platform AND a.platform_account_id = s.account_id
            """,
            cancellationToken: cancellationToken);
        await session.AnalyzeAsync(Resolved, cancellationToken);
        await session.ReadAsync(
            $"SELECT line, bad_platform, bad_account_id FROM {Resolved} WHERE account_pk IS NULL ORDER BY line",
            reader => AddUnknownAccount(errors, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)),
            cancellationToken: cancellationToken);
        await ReportDuplicatesAsync(
            session, errors, Resolved, "account_pk, message_id", "message_id", "s.message_id", "account and message_id", cancellationToken,
            filter: "account_pk IS NOT NULL", appears: "appear");
    }

    public override async Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken)
    {
        var (inserted, updated) = await CountUpsertAsync(
            session,
            "interactions",
            $"""
            INSERT INTO interactions (account_id, message_id, kind, received_at, replied_at, needs_reply)
            SELECT account_pk, message_id, kind, received_at, replied_at, needs_reply FROM {Resolved}
            ON CONFLICT (account_id, message_id) DO UPDATE SET
                kind = excluded.kind, received_at = excluded.received_at, replied_at = excluded.replied_at, needs_reply = excluded.needs_reply
            WHERE (interactions.kind, interactions.received_at, interactions.replied_at, interactions.needs_reply)
                IS DISTINCT FROM (excluded.kind, excluded.received_at, excluded.replied_at, excluded.needs_reply)
            """,
            null,
            cancellationToken);
        return new UpsertOutcome(inserted, updated);
    }
}
