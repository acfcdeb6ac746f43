using System.Globalization;
using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>
/// reads.csv: the key is the post + captured_at (an instant: the same moment written with two offsets is one key).
/// The staged rows are resolved to post ids once, into a narrow table; the unknown-post check, the duplicate check
/// (on integers instead of three text columns) and the upsert all read that table.
/// </summary>
internal sealed class ReadsTarget : ImportTarget
{
    private const string Resolved = "import_resolved";
    private const int PlatformColumn = 0, AccountId = 1, PostId = 2, CapturedAt = 3, Reads = 4, Likes = 5, Shares = 6;

    private static readonly string[] PlatformCodes = [.. Enum.GetValues<Platform>().Select(p => p.ToCode())];

    public override ImportKind Kind => ImportKind.Reads;

    protected override string StagingColumns =>
        "line integer NOT NULL, platform text NOT NULL, account_id text NOT NULL, post_id text NOT NULL, captured_at timestamptz NOT NULL, " +
        "reads bigint NOT NULL, likes bigint, shares bigint";

    protected override string[] CopyColumns => ["line", "platform", "account_id", "post_id", "captured_at", "reads", "likes", "shares"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var platform = row.Code<Platform>(PlatformColumn, Platforms.TryParse, PlatformCodes, ImportErrorCode.UnknownPlatform, null);
        var accountId = row.Required(AccountId, 128);
        var postId = row.Required(PostId, 128);
        var capturedAt = row.Timestamp(CapturedAt);
        var reads = row.Count(Reads, required: true);
        var likes = row.Count(Likes, required: false);
        var shares = row.Count(Shares, required: false);
        if (!row.Valid)
        {
            return false;
        }

        copy.StartRow();
        copy.Write(row.Line, NpgsqlDbType.Integer);
        copy.Write(platform.ToCode(), NpgsqlDbType.Text);
        copy.Write(accountId, NpgsqlDbType.Text);
        copy.Write(postId, NpgsqlDbType.Text);
        WriteInstant(copy, capturedAt);
        WriteCount(copy, reads);
        WriteCount(copy, likes);
        WriteCount(copy, shares);
        return true;
    }

    public override async Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            $"""
            CREATE TEMP TABLE {Resolved} ON COMMIT DROP AS
            SELECT s.line, p.id AS post_pk, s.captured_at, s.reads, s.likes, s.shares,
                   CASE WHEN p.id IS NULL THEN s.platform END AS bad_platform,
                   CASE WHEN p.id IS NULL THEN s.account_id END AS bad_account_id,
                   CASE WHEN p.id IS NULL THEN s.post_id END AS bad_post_id,
                   (a.id IS NULL) AS account_missing
            FROM {Stage} s
            LEFT JOIN accounts a ON a.platform = s.platform AND a.platform_account_id = s.account_id
            LEFT JOIN posts p ON p.account_id = a.id AND p.platform_post_id = s.post_id
            """,
            cancellationToken: cancellationToken);
        await session.AnalyzeAsync(Resolved, cancellationToken);
        await session.ReadAsync(
            $"SELECT line, bad_platform, bad_account_id, bad_post_id, account_missing FROM {Resolved} WHERE post_pk IS NULL ORDER BY line",
            reader =>
            {
                var key = $"{reader.GetString(1)}/{reader.GetString(2)}";
                if (reader.GetBoolean(4))
                {
                    errors.Add(reader.GetInt32(0), "account_id", reader.GetString(2), ImportErrorCode.UnknownAccount,
                        $"unknown account {key}: import it in accounts.csv first.");
                }
                else
                {
                    errors.Add(reader.GetInt32(0), "post_id", reader.GetString(3), ImportErrorCode.UnknownPost,
                        $"unknown post {reader.GetString(3)} of account {key}: import it in posts.csv first.");
                }
            },
            cancellationToken: cancellationToken);
        await session.ReadAsync(
            $"""
            SELECT r.line, r.captured_at, d.first_line
            FROM (SELECT post_pk, captured_at, min(line) AS first_line FROM {Resolved} WHERE post_pk IS NOT NULL
                  GROUP BY post_pk, captured_at HAVING count(*) > 1) d
            JOIN {Resolved} r USING (post_pk, captured_at)
            WHERE r.line > d.first_line
            ORDER BY r.line
            """,
            reader => errors.Add(
                reader.GetInt32(0),
                "captured_at",
                new DateTimeOffset(reader.GetDateTime(1)).ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ImportErrorCode.DuplicateKey,
                $"the same post and captured_at already appear on line {reader.GetInt32(2)}."),
            cancellationToken: cancellationToken);
    }

    public override async Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken)
    {
        var (inserted, updated) = await CountUpsertAsync(
            session,
            "read_snapshots",
            $"""
            INSERT INTO read_snapshots (post_id, captured_at, reads, likes, shares)
            SELECT post_pk, captured_at, reads, likes, shares FROM {Resolved}
            ON CONFLICT (post_id, captured_at) DO UPDATE SET reads = excluded.reads, likes = excluded.likes, shares = excluded.shares
            WHERE (read_snapshots.reads, read_snapshots.likes, read_snapshots.shares)
                IS DISTINCT FROM (excluded.reads, excluded.likes, excluded.shares)
            """,
            null,
            cancellationToken);
        return new UpsertOutcome(inserted, updated);
    }
}
