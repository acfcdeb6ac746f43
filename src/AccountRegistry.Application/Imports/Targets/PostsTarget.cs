using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>posts.csv: the key is platform + account_id + post_id.</summary>
internal sealed class PostsTarget : ImportTarget
{
    private const int PlatformColumn = 0, AccountId = 1, PostId = 2, PublishedAt = 3, Title = 4, Content = 5, IsOriginal = 6, Url = 7;

    public override ImportKind Kind => ImportKind.Posts;

    protected override string StagingColumns =>
        "line integer NOT NULL, platform text NOT NULL, account_id text NOT NULL, post_id text NOT NULL, published_at timestamptz NOT NULL, " +
        "title text, content text, is_original boolean NOT NULL, url text";

    protected override string[] CopyColumns => ["line", "platform", "account_id", "post_id", "published_at", "title", "content", "is_original", "url"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var platform = ReadPlatform(row, PlatformColumn);
        var accountId = row.Required(AccountId, ImportLimits.IdLength);
        var postId = row.Required(PostId, ImportLimits.IdLength);
        var publishedAt = row.Timestamp(PublishedAt);
        var title = row.FreeText(Title, ImportLimits.TitleLength);
        var content = row.FreeText(Content, ImportLimits.ContentLength);
        var isOriginal = row.Boolean(IsOriginal, true);
        var url = row.FreeText(Url, ImportLimits.UrlLength);
        if (!row.Valid)
        {
            return false;
        }

        StartAccountRow(copy, row.Line, platform, accountId);
        copy.Write(postId, NpgsqlDbType.Text);
        WriteInstant(copy, publishedAt);
        WriteText(copy, title);
        WriteText(copy, content);
        copy.Write(isOriginal, NpgsqlDbType.Boolean);
        WriteText(copy, url);
        return true;
    }

    public override async Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken)
    {
        await session.ReadAsync(
            $"""
            SELECT s.line, s.platform, s.account_id FROM {Stage} s
            WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = s.platform AND a.platform_account_id = s.account_id)
            ORDER BY s.line
            """,
            reader => AddUnknownAccount(errors, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)),
            cancellationToken: cancellationToken);
        await ReportDuplicatesAsync(session, errors, Stage, "platform, account_id, post_id", "post_id", "s.post_id", "platform, account_id and post_id", cancellationToken);
    }

    public override async Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken)
    {
        // The WHERE … IS DISTINCT FROM makes a re-import of unchanged rows write nothing (no new row versions, no WAL).
        var (inserted, updated) = await CountUpsertAsync(
            session,
            "posts",
            $"""
            INSERT INTO posts (account_id, platform_post_id, published_at, title, content, is_original, url)
            SELECT a.id, s.post_id, s.published_at, s.title, s.content, s.is_original, s.url
            FROM {Stage} s JOIN accounts a ON a.platform = s.platform AND a.platform_account_id = s.account_id
            ON CONFLICT (account_id, platform_post_id) DO UPDATE SET
                published_at = excluded.published_at, title = excluded.title, content = excluded.content,
                is_original = excluded.is_original, url = excluded.url
            WHERE (posts.published_at, posts.title, posts.content, posts.is_original, posts.url)
                IS DISTINCT FROM (excluded.published_at, excluded.title, excluded.content, excluded.is_original, excluded.url)
            """,
            null,
            cancellationToken);
        return new UpsertOutcome(inserted, updated);
    }
}
