namespace AccountRegistry.Domain.Rules;

/// <summary>
/// Which of a unit's live accounts on one platform it keeps (spec/rules.md, DUPLICATE_PLATFORM): the highest mean
/// reads in W, then the earlier opened_on, then the lower account_id (ordinal).
/// </summary>
/// <remarks>
/// "Mean reads in W" is the same figure LOW_READS uses: the mean over the posts in W that have a reads figure. "No
/// reads counts as 0" applies to an account with no such figure at all (no posts in W, or none with a snapshot):
/// its mean is 0. Posts without a figure are left out of the mean, not counted as 0 reads, just as for LOW_READS.
/// The means are compared exactly as fractions, so equal means tie however they were reached (200/2 and 300/3).
/// </remarks>
public static class DuplicatePlatformKeeper
{
    public static IComparer<AccountFacts> KeeperFirst { get; } = Comparer<AccountFacts>.Create(Compare);

    public static AccountFacts Choose(IReadOnlyCollection<AccountFacts> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        if (siblings.Count == 0)
        {
            throw new ArgumentException("A unit with no account on the platform has no keeper.", nameof(siblings));
        }

        return siblings.Min(KeeperFirst)!;
    }

    /// <summary>Negative when <paramref name="x"/> is the better keeper.</summary>
    private static int Compare(AccountFacts? x, AccountFacts? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);

        // Higher mean first: compare y's mean with x's. a/b vs c/d as a·d vs c·b (b, d > 0) in 128 bits.
        var (xSum, xCount) = MeanFraction(x);
        var (ySum, yCount) = MeanFraction(y);
        var byMean = ((Int128)ySum * xCount).CompareTo((Int128)xSum * yCount);
        if (byMean != 0)
        {
            return byMean;
        }

        var byOpened = x.OpenedOn.CompareTo(y.OpenedOn);
        return byOpened != 0 ? byOpened : string.CompareOrdinal(x.PlatformAccountId, y.PlatformAccountId);
    }

    private static (long Sum, long Count) MeanFraction(AccountFacts facts) =>
        facts.PostsWithReadsInWindow == 0 ? (0, 1) : (facts.ReadsInWindow, facts.PostsWithReadsInWindow);
}
