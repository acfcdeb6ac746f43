using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Duplicates;

/// <summary>A batch's posts: which are pending, their texts (locked against edits), and their fingerprints stored.</summary>
public sealed partial class NearDuplicateDetector
{
    private async Task<long[]> PendingIdsAsync(NpgsqlConnection db, long after, bool verifyContent, CancellationToken cancellationToken)
    {
        // The listener reads the queue; the backfill (verifyContent) checks every post, queued or not.
        await using var command = new NpgsqlCommand(
            verifyContent
                ? $"SELECT p.id FROM posts p WHERE p.id > @after AND {PendingCondition(verifyContent)} ORDER BY p.id LIMIT @limit"
                : "SELECT q.post_id FROM post_fingerprint_queue q WHERE q.post_id > @after ORDER BY q.post_id LIMIT @limit",
            db);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("algorithm", MinHashLsh.AlgorithmVersion);
        command.Parameters.AddWithValue("limit", Math.Max(1, BatchSize));
        return await QueuedIds.ReadAsync(command, cancellationToken);
    }

    private static async Task<List<BatchPost>> ReadBatchAsync(NpgsqlConnection db, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT p.id, p.account_id, p.published_at, p.title, p.content, {PostFingerprintSql.ContentHashExpression("p")}
            FROM posts p WHERE p.id = ANY(@ids) ORDER BY p.id FOR SHARE
            """,
            db);
        command.Parameters.AddWithValue("ids", ids);
        var batch = new List<BatchPost>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = NearDuplicateRule.PostText(
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            batch.Add(new BatchPost(reader.GetInt64(0), reader.GetInt32(1), reader.GetDateTime(2), text, reader.GetGuid(5)));
        }

        return batch;
    }

    private async Task StoreFingerprintsAsync(NpgsqlConnection db, List<BatchPost> batch, CancellationToken cancellationToken)
    {
        await CopyBatchAsync(db, "dup_batch", batch, cancellationToken);
        await ExecuteAsync(
            db,
            """
            INSERT INTO post_fingerprints (post_id, account_id, published_at, normalized_length, signature, content_hash, sketch, shingle_count, algorithm, computed_at)
            SELECT post_id, account_id, published_at, normalized_length, signature, content_hash, sketch, shingle_count, @algorithm, @now FROM dup_batch
            """,
            cancellationToken,
            ("algorithm", MinHashLsh.AlgorithmVersion),
            // Npgsql writes timestamptz from UTC offsets only; a clock may report Shanghai time (tests, the demo's replay).
            ("now", clock.GetUtcNow().ToUniversalTime()));
    }

    /// <summary>The batch's fingerprints into a temporary table of the transaction (dropped at its end).</summary>
    private static async Task CopyBatchAsync(NpgsqlConnection db, string table, List<BatchPost> batch, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            db,
            $"""
            CREATE TEMP TABLE {table} (
                post_id bigint NOT NULL, account_id int NOT NULL, published_at timestamptz NOT NULL,
                normalized_length int NOT NULL, signature bigint[], content_hash uuid NOT NULL,
                sketch bit(1280), shingle_count int NOT NULL) ON COMMIT DROP
            """,
            cancellationToken);
        await using var writer = await db.BeginBinaryImportAsync(
            $"COPY {table} (post_id, account_id, published_at, normalized_length, signature, content_hash, sketch, shingle_count) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var post in batch)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(post.Id, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(post.AccountId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(post.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(post.Normalized.Length, NpgsqlDbType.Integer, cancellationToken);
            if (post.Signature is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(post.Signature, NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.WriteAsync(post.ContentHash, NpgsqlDbType.Uuid, cancellationToken);
            if (post.Sketch is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(post.Sketch, NpgsqlDbType.Bit, cancellationToken);
            }

            await writer.WriteAsync(post.Shingles!.Count, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
