using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class SavedFilterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavedFilters_ArePerUser_RoundTripEveryField_AndReplaceByName()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "f1");
        var filter = new ReviewQueue.Filter
        {
            State = ReviewQueue.State.Decided,
            Rule = RuleCode.DuplicatePlatform,
            Recommendation = Recommendation.Merge,
            UnitId = world.Street.Id,
            Platform = Platform.Douyin,
            Level = UnitLevel.Community,
            MinFlagAgeDays = 14,
            Search = "望岳",
        };

        await world.Filters.SaveAsync("望岳 · 整合", filter, world.Reviewer, Cancel);
        await world.Filters.SaveAsync("望岳 · 整合", filter with { MinFlagAgeDays = 30 }, world.Reviewer, Cancel);
        var mine = await world.Filters.ListAsync(world.Reviewer, Cancel);
        var theirs = await world.Filters.ListAsync(world.SecondReviewer, Cancel);

        Assert.Equal(filter with { MinFlagAgeDays = 30 }, Assert.Single(mine).Filter);
        Assert.Empty(theirs);
        Assert.False(await world.Filters.DeleteAsync(mine[0].Id, world.SecondReviewer, Cancel));
        Assert.True(await world.Filters.DeleteAsync(mine[0].Id, world.Reviewer, Cancel));
        Assert.Empty(await world.Filters.ListAsync(world.Reviewer, Cancel));
    }

    [Fact]
    public async Task Clerk_CannotSaveFilters_AndANamelessFilterIsRefused()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "f2");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Filters.SaveAsync("x", new ReviewQueue.Filter(), world.StreetClerk, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => world.Filters.SaveAsync("  ", new ReviewQueue.Filter(), world.Reviewer, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => world.Filters.SaveAsync("望岳\u202E合整", new ReviewQueue.Filter(), world.Reviewer, Cancel));
        Assert.DoesNotContain(await world.Filters.ListAsync(world.Reviewer, Cancel), f => f.Name.StartsWith("望岳\u202E", StringComparison.Ordinal));
    }
}
