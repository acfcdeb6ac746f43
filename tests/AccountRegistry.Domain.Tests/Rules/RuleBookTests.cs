using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Tests.Rules;

public class RuleBookTests
{
    private static readonly Thresholds Defaults = Thresholds.Defaults;

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, false)] // T − opened_on = 14 is not "more than 14"
    [InlineData(15, true)]
    [InlineData(0, false)]
    [InlineData(400, true)]
    public void NeverPosted_NoPostAtAll_FiresWhenOpenedMoreThan14DaysBeforeT(int daysSinceOpened, bool fires)
    {
        var facts = Facts.Account(openedOn: Facts.T.AddDays(-daysSinceOpened));

        Assert.Equal(fires, RuleBook.NeverPosted(facts, Facts.Day(), Defaults));
    }

    [Fact]
    public void NeverPosted_AccountWithAnOldPost_DoesNotFire()
    {
        var facts = Facts.Account(openedOn: new DateOnly(2015, 1, 1), lastPost: new DateOnly(2016, 1, 1));

        Assert.False(RuleBook.NeverPosted(facts, Facts.Day(), Defaults));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(13, false)]
    [InlineData(14, false)] // exactly stale_days: not more than 14
    [InlineData(15, true)]
    [InlineData(1573, true)]
    public void Stale_FiresWhenLatestPostDayIsMoreThan14DaysBeforeT(int daysBefore, bool fires)
    {
        var facts = Facts.Account(lastPost: Facts.T.AddDays(-daysBefore));

        Assert.Equal(fires, RuleBook.Stale(facts, Facts.Day(), Defaults));
    }

    [Fact]
    public void Stale_NoPostAtAll_DoesNotFire()
    {
        Assert.False(RuleBook.Stale(Facts.Account(), Facts.Day(), Defaults));
    }

    [Theory]
    [InlineData(10, 10, false)]
    [InlineData(10, 11, true)]
    [InlineData(30, 20, false)]
    [InlineData(30, 31, true)]
    public void Stale_UsesTheCountysStaleDays(int staleDays, int daysBefore, bool fires)
    {
        var thresholds = Defaults with { StaleDays = staleDays };
        var facts = Facts.Account(lastPost: Facts.T.AddDays(-daysBefore));

        Assert.Equal(fires, RuleBook.Stale(facts, Facts.Day(), thresholds));
    }

    [Theory]
    [InlineData(0, 0L, false)] // no post in W with a figure: the rule needs at least one
    [InlineData(1, 99L, true)]
    [InlineData(1, 100L, false)] // mean exactly 100 is not below 100
    [InlineData(100, 9_999L, true)] // mean 99.99
    [InlineData(100, 10_000L, false)]
    [InlineData(3, 299L, true)] // 99.67: no rounding up to 100
    [InlineData(17, 731L, true)] // mean 43 over 17 posts
    public void LowReads_FiresWhenMeanOfPostsWithFiguresIsBelow100(int withReads, long reads, bool fires)
    {
        var facts = Facts.Account(lastPost: Facts.T, posts: withReads + 5, withReads: withReads, reads: reads);

        Assert.Equal(fires, RuleBook.LowReads(facts, Defaults));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Unattended_FiresWithoutOperator(bool hasOperator, bool fires)
    {
        Assert.Equal(fires, RuleBook.Unattended(Facts.Account(hasOperator: hasOperator)));
    }

    [Theory]
    [InlineData(UnitLevel.County, false)]
    [InlineData(UnitLevel.Department, false)]
    [InlineData(UnitLevel.Township, true)]
    [InlineData(UnitLevel.Street, true)]
    [InlineData(UnitLevel.Community, true)]
    [InlineData(UnitLevel.Village, true)]
    public void BelowCountyLevel_FiresForTownshipStreetCommunityVillage(UnitLevel level, bool fires)
    {
        Assert.Equal(fires, RuleBook.BelowCountyLevel(Facts.Account(level: level)));
    }

    [Theory]
    [InlineData(2, 2, false)] // fewer than 3 posts in W
    [InlineData(3, 2, true)]
    [InlineData(3, 1, false)]
    [InlineData(4, 2, true)] // exactly half
    [InlineData(4, 1, false)]
    [InlineData(5, 2, false)] // 40%
    [InlineData(5, 3, true)]
    [InlineData(6, 3, true)] // exactly half
    [InlineData(12, 9, true)]
    public void DuplicateContent_AtLeast3PostsAndAtLeastHalfCopies(int posts, int duplicates, bool fires)
    {
        var facts = Facts.Account(lastPost: Facts.T, posts: posts, originals: posts, duplicates: duplicates);

        Assert.Equal(fires, RuleBook.DuplicateContent(facts, Defaults));
    }

    [Theory]
    [InlineData(4, 0, false)] // fewer than 5 posts in W
    [InlineData(5, 0, true)]
    [InlineData(5, 1, false)] // exactly 20% original is not fewer than 20%
    [InlineData(10, 1, true)]
    [InlineData(10, 2, false)] // exactly 20%
    [InlineData(11, 2, true)] // 18.2%
    [InlineData(100, 19, true)]
    [InlineData(100, 20, false)]
    public void RepostHeavy_AtLeast5PostsAndFewerThan20PercentOriginal(int posts, int originals, bool fires)
    {
        var facts = Facts.Account(lastPost: Facts.T, posts: posts, originals: originals);

        Assert.Equal(fires, RuleBook.RepostHeavy(facts, Defaults));
    }
}
