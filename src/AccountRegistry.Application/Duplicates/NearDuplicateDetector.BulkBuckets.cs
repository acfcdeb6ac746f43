using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// The bulk path's bucket pass (<see cref="NearDuplicateDetector"/>'s Bulk part): one band's shared buckets read in key
/// order and every pair in a bucket tested in process with the probe's filters.
/// </summary>
public sealed partial class NearDuplicateDetector
{
    private sealed record BucketMember(long PostId, int AccountId, int? ShingleCount, bool IsNew, byte[]? Sketch);

    /// <summary>The pairs of one band's shared buckets that pass the probe's filters (<see cref="NearEnough"/>, in C#).</summary>
    private static async Task<List<(long Larger, long Smaller)>> BandSurvivorsAsync(NpgsqlConnection db, int band, CancellationToken cancellationToken)
    {
        var key = PostFingerprintSql.BandExpression("b", band);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {key}, b.post_id, b.account_id, b.shingle_count, b.is_new, substring(varbit_send(b.sketch) FROM 5)
            FROM bulk_fingerprints b
            WHERE {key} IN (SELECT {key} FROM bulk_fingerprints b GROUP BY 1 HAVING count(*) > 1 AND bool_or(b.is_new))
            ORDER BY 1
            """,
            db);
        var survivors = new List<(long, long)>();
        var bucket = new List<BucketMember>();
        long bucketKey = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowKey = reader.GetInt64(0);
                if (bucket.Count > 0 && rowKey != bucketKey)
                {
                    PairBucket(bucket, survivors);
                    bucket.Clear();
                }

                bucketKey = rowKey;
                bucket.Add(new BucketMember(
                    reader.GetInt64(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5)));
            }
        }

        PairBucket(bucket, survivors);
        return survivors;
    }

    private static void PairBucket(List<BucketMember> bucket, List<(long, long)> survivors)
    {
        for (var i = 0; i < bucket.Count; i++)
        {
            var a = bucket[i];
            for (var j = i + 1; j < bucket.Count; j++)
            {
                var b = bucket[j];
                if ((a.IsNew || b.IsNew) && a.AccountId != b.AccountId && NearEnoughInProcess(a, b))
                {
                    survivors.Add(a.PostId > b.PostId ? (a.PostId, b.PostId) : (b.PostId, a.PostId));
                }
            }
        }
    }

    /// <summary><see cref="NearEnough"/> on two bucket members: missing counts or sketches (algorithm 1) let a pair pass.</summary>
    private static bool NearEnoughInProcess(BucketMember a, BucketMember b) =>
        (a.ShingleCount is not { } countA || b.ShingleCount is not { } countB || (5 * countA >= 3 * countB && 5 * countB >= 3 * countA))
        && (a.Sketch is null || b.Sketch is null || !MinHashLsh.SketchRejects(a.Sketch, b.Sketch));
}
