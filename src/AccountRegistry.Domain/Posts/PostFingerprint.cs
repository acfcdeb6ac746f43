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

    /// <summary>MD5 of the post's text (title and content joined) when the fingerprint was taken.</summary>
    public Guid ContentHash { get; set; }

    /// <summary><see cref="Text.MinHashLsh.AlgorithmVersion"/> of the signature.</summary>
    public short Algorithm { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
