namespace AccountRegistry.Domain.Rules;

/// <summary>
/// One account's posts on one Shanghai calendar day, summed for the rules (a daily rollup). An evaluation reads W as
/// at most 90 of these rows per account instead of every post, its snapshots and its copies. Kept current by
/// database triggers: any change to posts, read_snapshots or near_duplicates marks the affected days pending
/// (<see cref="PendingAccountDay"/>), and the next evaluation recomputes exactly those days from the raw rows.
/// </summary>
public class AccountDay
{
    public int AccountId { get; set; }

    /// <summary>The Shanghai date of the posts' published_at.</summary>
    public DateOnly Day { get; set; }

    public int Posts { get; set; }

    public int Originals { get; set; }

    /// <summary>Posts that are near-duplicates of a post of another account published at or before them.</summary>
    public int Copies { get; set; }

    /// <summary>Posts with at least one snapshot; their reads are those of the latest snapshot.</summary>
    public int PostsWithReads { get; set; }

    public long Reads { get; set; }

    /// <summary>
    /// The newest of those latest snapshots' captured_at. The reads above hold for any T whose end is after it; an
    /// evaluation of an earlier T (a snapshot captured after T exists) recomputes the reads from the raw rows.
    /// </summary>
    public DateTimeOffset? ReadsCapturedUntil { get; set; }
}

/// <summary>A day of an account whose <see cref="AccountDay"/> must be recomputed (written by triggers).</summary>
public class PendingAccountDay
{
    public int AccountId { get; set; }

    public DateOnly Day { get; set; }
}

/// <summary>
/// An account's latest day in <see cref="AccountDay"/>, kept by the rollup's refresh: the evaluation reads the last post
/// day of every account with nothing in W from here, in one pass, instead of one backward index step each.
/// </summary>
public class AccountLastPostDay
{
    public int AccountId { get; set; }

    public DateOnly Day { get; set; }
}
