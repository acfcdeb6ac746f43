namespace AccountRegistry.Domain.Posts;

/// <summary>
/// A confirmed near-duplicate pair (spec/rules.md): <see cref="PostId"/> copies <see cref="SourcePostId"/>, a post of
/// another account published at or before it. Written by the duplicate detector, read by the rules and the UI.
/// </summary>
public class NearDuplicate
{
    public long PostId { get; set; }

    public long SourcePostId { get; set; }

    /// <summary>Exact Jaccard similarity of the two normalised 4-gram shingle sets (≥ 0.6).</summary>
    public double Similarity { get; set; }
}
