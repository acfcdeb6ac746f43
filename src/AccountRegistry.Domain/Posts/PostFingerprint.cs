namespace AccountRegistry.Domain.Posts;

/// <summary>
/// What the near-duplicate detector keeps per post (see <see cref="Text.MinHashLsh"/>): computed when the post
/// arrives, dropped by a database trigger when its title, content, time or account changes. Account and time are
/// copied here so that the candidate search never has to visit the posts table for posts that turn out unrelated.
/// </summary>
public class PostFingerprint
{
    public long PostId { get; set; }

    /// <summary>The post's account when fingerprinted (copies are only counted between accounts).</summary>
    public int AccountId { get; set; }

    /// <summary>The post's publication time when fingerprinted (decides which of a pair copies which).</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Code points after normalisation; below 20 the post can never be a near-duplicate.</summary>
    public int NormalizedLength { get; set; }

    /// <summary>The 40 LSH band keys (160 b-bit MinHash values); null for texts too short to match.</summary>
    public long[]? Signature { get; set; }

    /// <summary>
    /// 1,280 bits (8 of each MinHash minimum) whose Hamming distance estimates the similarity of two posts, so that
    /// the candidate search drops most far pairs inside PostgreSQL; null for short texts and for fingerprints of
    /// algorithm 1 (taken before it existed).
    /// </summary>
    public System.Collections.BitArray? Sketch { get; set; }

    /// <summary>
    /// Distinct 4-gram shingles of the normalised text. Jaccard ≥ 0.6 needs the smaller set to hold at least 0.6 of
    /// the larger one's shingles, so this bounds which stored posts a new one can match at all; null for algorithm 1.
    /// </summary>
    public int? ShingleCount { get; set; }

    /// <summary>MD5 of the post's text (title and content joined) when the fingerprint was taken.</summary>
    public Guid ContentHash { get; set; }

    /// <summary><see cref="Text.MinHashLsh.AlgorithmVersion"/> of the signature.</summary>
    public short Algorithm { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
