using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Rules;

public class DuplicatePlatformKeeperTests
{
    [Fact]
    public void Choose_HighestMeanReadsInWindowWins()
    {
        var low = Facts.Account("a", withReads: 10, reads: 1_000, openedOn: new DateOnly(2010, 1, 1));
        var high = Facts.Account("b", withReads: 2, reads: 1_000, openedOn: new DateOnly(2020, 1, 1));

        Assert.Same(high, DuplicatePlatformKeeper.Choose([low, high]));
    }

    [Fact]
    public void Choose_NoReadsCountsAsZero_SoAnyReadsBeatNone()
    {
        var none = Facts.Account("a", posts: 30, withReads: 0, openedOn: new DateOnly(2010, 1, 1));
        var one = Facts.Account("b", posts: 1, withReads: 1, reads: 1, openedOn: new DateOnly(2020, 1, 1));

        Assert.Same(one, DuplicatePlatformKeeper.Choose([none, one]));
    }

    [Fact]
    public void Choose_PostsWithoutFiguresAreLeftOutOfTheMeanNotCountedAsZero()
    {
        // 2 posts with 300 reads each plus 8 without a figure: mean 300 (not 60), beating a steady 200.
        var partly = Facts.Account("a", posts: 10, withReads: 2, reads: 600, openedOn: new DateOnly(2020, 1, 1));
        var steady = Facts.Account("b", posts: 10, withReads: 10, reads: 2_000, openedOn: new DateOnly(2010, 1, 1));

        Assert.Same(partly, DuplicatePlatformKeeper.Choose([steady, partly]));
    }

    [Fact]
    public void Choose_EqualMeans_EarlierOpenedOnWins()
    {
        // 200/2 and 300/3: the same mean however it is reached.
        var later = Facts.Account("a", withReads: 2, reads: 200, openedOn: new DateOnly(2019, 5, 2));
        var earlier = Facts.Account("b", withReads: 3, reads: 300, openedOn: new DateOnly(2019, 5, 1));

        Assert.Same(earlier, DuplicatePlatformKeeper.Choose([later, earlier]));
    }

    [Fact]
    public void Choose_BothWithoutReads_EarlierOpenedOnWins()
    {
        var later = Facts.Account("a", openedOn: new DateOnly(2019, 5, 2));
        var earlier = Facts.Account("z", openedOn: new DateOnly(2019, 5, 1));

        Assert.Same(earlier, DuplicatePlatformKeeper.Choose([later, earlier]));
    }

    [Fact]
    public void Choose_EqualMeansAndOpenedOn_LowerAccountIdOrdinalWins()
    {
        var opened = new DateOnly(2019, 5, 1);
        var lower = Facts.Account("gh_B", withReads: 1, reads: 50, openedOn: opened); // 'B' (0x42) < 'a' (0x61) ordinally
        var higher = Facts.Account("gh_a", withReads: 2, reads: 100, openedOn: opened);

        Assert.Same(lower, DuplicatePlatformKeeper.Choose([higher, lower]));
        Assert.Same(lower, DuplicatePlatformKeeper.Choose([lower, higher]));
    }
}
