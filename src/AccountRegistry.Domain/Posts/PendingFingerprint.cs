namespace AccountRegistry.Domain.Posts;

/// <summary>
/// A post waiting for the near-duplicate detector. Database triggers queue every inserted post and every post whose
/// title, content, time or account changes, so that the detector's run after an import costs what the import added,
/// not a pass over every stored post. (The backfill still checks every post, in case a row bypassed the triggers.)
/// </summary>
public class PendingFingerprint
{
    public long PostId { get; set; }
}
