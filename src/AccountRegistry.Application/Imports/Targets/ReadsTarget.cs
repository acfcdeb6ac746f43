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

    public override ImportKind Kind => ImportKind.Reads;

    protected override string StagingColumns =>
        "line integer NOT NULL, platform text NOT NULL, account_id text NOT NULL, post_id text NOT NULL, captured_at timestamptz NOT NULL, " +
        "reads bigint NOT NULL, likes bigint, shares bigint";

    protected override string[] CopyColumns => ["line", "platform", "account_id", "post_id", "captured_at", "reads", "likes", "shares"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var platform = ReadPlatform(row, PlatformColumn);
        var accountId = row.Required(AccountId, ImportLimits.IdLength);
        var postId = row.Required(PostId, ImportLimits.IdLength);
        var capturedAt = row.Timestamp(CapturedAt);
        var reads = row.Count(Reads, required: true);
        var likes = row.Count(Likes, required: false);
        var shares = row.Count(Shares, required: false);
        if (!row.Valid)
        {
            return false;
        }

        StartAccountRow(copy, row.Line, platform, accountId);
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
            SELECT s.line, p.id AS post_pk, s.captured_at, s.reads, s.likes, s.shares, p.published_at,
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
                    AddUnknownAccount(errors, reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
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
            SELECT line, captured_at, published_at FROM {Resolved}
            WHERE captured_at < published_at - @tolerance
            ORDER BY line
            """,
            reader => errors.Add(
                reader.GetInt32(0),
                "captured_at",
                Shanghai(reader.GetDateTime(1)),
                ImportErrorCode.BeforePost,
                $"captured before its post was published ({Shanghai(reader.GetDateTime(2))}).",
                Shanghai(reader.GetDateTime(2))),
            parameters => parameters.AddWithValue("tolerance", ImportLimits.ClockTolerance),
            cancellationToken);
        await ReportDuplicatesAsync(
            session, errors, Resolved, "post_pk, captured_at", "captured_at", "s.captured_at", "post and captured_at", cancellationToken,
            filter: "post_pk IS NOT NULL", value: reader => Shanghai(reader.GetDateTime(1)), appears: "appear");
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

    /// <summary>
    /// Cumulative figures only grow; one that goes down (1,000 then 10) is a collector's mistake or a platform's
    /// correction that nobody can tell apart here. It is stored, and each imported snapshot lower than the one
    /// before it, or higher than the one after it, is reported, so that someone looks.
    /// </summary>
    public override async Task WarnAsync(BulkSession session, ImportErrorList warnings, CancellationToken cancellationToken)
    {
        await session.ReadAsync(
            $"""
            WITH ordered AS (
                SELECT rs.post_id, rs.captured_at, rs.reads, rs.likes, rs.shares,
                       lag(rs.reads) OVER w AS prev_reads, lead(rs.reads) OVER w AS next_reads,
                       lag(rs.likes) OVER w AS prev_likes, lead(rs.likes) OVER w AS next_likes,
                       lag(rs.shares) OVER w AS prev_shares, lead(rs.shares) OVER w AS next_shares,
                       lag(rs.captured_at) OVER w AS prev_at, lead(rs.captured_at) OVER w AS next_at
                FROM read_snapshots rs
                WHERE rs.post_id IN (SELECT post_pk FROM {Resolved})
                WINDOW w AS (PARTITION BY rs.post_id ORDER BY rs.captured_at))
            SELECT r.line, f.name, f.value, f.prev, f.next, o.prev_at, o.next_at
            FROM ordered o
            JOIN {Resolved} r ON r.post_pk = o.post_id AND r.captured_at = o.captured_at
            CROSS JOIN LATERAL (VALUES ('reads', o.reads, o.prev_reads, o.next_reads),
                                       ('likes', o.likes, o.prev_likes, o.next_likes),
                                       ('shares', o.shares, o.prev_shares, o.next_shares)) f(name, value, prev, next)
            WHERE f.value < f.prev OR f.value > f.next
            ORDER BY r.line, f.name
            """,
            reader =>
            {
                var value = reader.GetInt64(2);
                var lower = !reader.IsDBNull(3) && value < reader.GetInt64(3);
                var reason = lower
                    ? string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(1)} went down: {reader.GetInt64(3):N0} at {Shanghai(reader.GetDateTime(5))}, then {value:N0}; stored, but cumulative figures should not fall.")
                    : string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(1)} went down: {value:N0}, then {reader.GetInt64(4):N0} at {Shanghai(reader.GetDateTime(6))}; stored, but cumulative figures should not fall.");
                var change = lower
                    ? string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(3):N0} ({Shanghai(reader.GetDateTime(5))}) → {value:N0}")
                    : string.Create(CultureInfo.InvariantCulture, $"{value:N0} → {reader.GetInt64(4):N0} ({Shanghai(reader.GetDateTime(6))})");
                warnings.Add(reader.GetInt32(0), reader.GetString(1), value.ToString(CultureInfo.InvariantCulture), ImportErrorCode.FigureDecreased, reason, change);
            },
            cancellationToken: cancellationToken);
    }

    private static string Shanghai(DateTime utc) =>
        new DateTimeOffset(utc).ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
