using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Reviews;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class ReviewQueueTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<string>> NamesAsync(ReviewWorld world, ReviewQueue.Filter filter, UserScope scope)
    {
        var result = await world.Queue.HandleAsync(new ReviewQueue.Query { Filter = filter, PageSize = 200 }, scope, Cancel);
        return result.Page.Items.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Reviewer_SeesEveryFlaggedAccountOfTheirDistrict_AndNothingElse()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q1");

        var mine = await NamesAsync(world, new ReviewQueue.Filter(), world.Reviewer);
        var theirs = await NamesAsync(world, new ReviewQueue.Filter(), world.OtherCountyReviewer);

        Assert.Equal(["岳麓统计", "望岳优生活", "望岳发布", "望岳社区之家", "莲花抖音"], mine);
        Assert.Equal(["望城旧号"], theirs);
    }

    [Fact]
    public async Task Rows_CarryRecommendationRulesPathTargetLastPostAndMeanReads()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q2");

        var result = await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel);
        var community = result.Page.Items.Single(r => r.AccountId == world.CommunityWechat.Id);
        var department = result.Page.Items.Single(r => r.AccountId == world.DepartmentWechat.Id);
        var street = result.Page.Items.Single(r => r.AccountId == world.StreetWechat.Id);

        Assert.Equal(Recommendation.Merge, community.Recommendation);
        Assert.Equal([RuleCode.BelowCountyLevel, RuleCode.DuplicateContent], community.Rules);
        Assert.Equal("指尖岳麓", community.MergeTargetName);
        Assert.Equal(["岳麓区人民政府", "望岳街道办事处", "望岳社区居民委员会"], community.UnitPath);
        Assert.Equal(UnitLevel.Community, community.UnitLevel);
        Assert.Equal(world.Evaluation.Id, community.EvaluationId);
        Assert.True(community.Pending);
        Assert.Null(community.LastPostAt);
        Assert.Null(community.MeanReads);

        // Two posts in the last 90 days: latest snapshots 50 and 20.
        Assert.Equal(35m, department.MeanReads);
        Assert.Equal(ReviewWorld.Now.AddDays(-5), department.LastPostAt);

        // The post 200 days ago has a figure but lies outside the 90 days.
        Assert.Null(street.MeanReads);
        Assert.Equal(ReviewWorld.Now.AddDays(-40), street.FlaggedSince);
    }

    [Fact]
    public async Task MeanReads_ComeFromTheDailyRollupWhenItIsCurrent_AndFromTheRawRowsWhileADayIsPending()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q9");
        var department = world.DepartmentWechat.Id;
        async Task<decimal?> MeanReadsAsync() =>
            (await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel)).Page.Items.Single(r => r.AccountId == department).MeanReads;
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        async Task ExecuteAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("account", department);
            await command.ExecuteNonQueryAsync(Cancel);
        }

        await AccountRegistry.Application.Rules.RuleFacts.RefreshAsync(connection, Cancel);
        Assert.Equal(35m, await MeanReadsAsync());

        // A rollup that said otherwise would be believed while it is current (so it is the rollup that was read) ...
        await ExecuteAsync("UPDATE account_days SET reads = reads + 1000 * posts_with_reads WHERE account_id = @account");
        Assert.Equal(1035m, await MeanReadsAsync());

        // ... and not once one of the account's days in the window waits to be recomputed: then the raw rows answer.
        await ExecuteAsync("INSERT INTO account_days_pending (account_id, day) SELECT account_id, max(day) FROM account_days WHERE account_id = @account GROUP BY account_id ON CONFLICT DO NOTHING");
        Assert.Equal(35m, await MeanReadsAsync());
    }

    [Fact]
    public async Task CountsPerRecommendation_IgnoreTheRecommendationFilter_TotalFollowsIt()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q3");

        var all = await world.Queue.HandleAsync(new ReviewQueue.Query(), world.Reviewer, Cancel);
        var merges = await world.Queue.HandleAsync(new ReviewQueue.Query { Filter = new() { Recommendation = Recommendation.Merge } }, world.Reviewer, Cancel);

        Assert.Equal(new ReviewQueue.Counts(3, 2, 0), all.Counts);
        Assert.Equal(5, all.Page.TotalCount);
        Assert.Equal(all.Counts, merges.Counts);
        Assert.Equal(2, merges.Page.TotalCount);
        Assert.Equal([world.StreetWeibo.Id, world.CommunityWechat.Id], merges.Page.Items.Select(r => r.AccountId).Order());
    }

    [Fact]
    public async Task CountsStay_OnAPagePastTheEnd_AndOnAFilterThatShowsNoRow()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q3b");

        var pastTheEnd = await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 2, Page = 9 }, world.Reviewer, Cancel);
        var lastPage = await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 2, Page = 3 }, world.Reviewer, Cancel);
        var noneRecommended = await world.Queue.HandleAsync(
            new ReviewQueue.Query { Filter = new() { Recommendation = Recommendation.None } }, world.Reviewer, Cancel);

        Assert.Empty(pastTheEnd.Page.Items);
        Assert.Equal(new ReviewQueue.Counts(3, 2, 0), pastTheEnd.Counts);
        Assert.Equal(5, pastTheEnd.Page.TotalCount);
        Assert.Single(lastPage.Page.Items);
        Assert.Equal(new ReviewQueue.Counts(3, 2, 0), lastPage.Counts);
        Assert.Empty(noneRecommended.Page.Items);
        Assert.Equal(new ReviewQueue.Counts(3, 2, 0), noneRecommended.Counts);
        Assert.Equal(0, noneRecommended.Page.TotalCount);
    }

    [Fact]
    public async Task Filters_RuleUnitSubtreePlatformLevelAgeAndSearch_Combine()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q4");

        Assert.Equal(["望岳社区之家"], await NamesAsync(world, new() { Rule = RuleCode.DuplicateContent }, world.Reviewer));
        Assert.Equal(["望岳优生活", "望岳发布", "望岳社区之家"], await NamesAsync(world, new() { UnitId = world.Street.Id }, world.Reviewer));
        Assert.Equal(["望岳发布"], await NamesAsync(world, new() { UnitId = world.Street.Id, Platform = Platform.Weibo }, world.Reviewer));
        Assert.Equal(["莲花抖音"], await NamesAsync(world, new() { Level = UnitLevel.Township }, world.Reviewer));
        Assert.Equal(["望岳优生活"], await NamesAsync(world, new() { MinFlagAgeDays = 30 }, world.Reviewer));
        Assert.Equal(["望岳优生活", "望岳发布"], await NamesAsync(world, new() { Search = "望岳", Rule = RuleCode.BelowCountyLevel, Level = UnitLevel.Street }, world.Reviewer));
        Assert.Empty(await NamesAsync(world, new() { Search = "%" }, world.Reviewer));
    }

    [Fact]
    public async Task UnitFilter_OutsideTheScope_SelectsNothingRatherThanWideningIt()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q5");

        Assert.Empty(await NamesAsync(world, new() { UnitId = world.OtherCounty.Id }, world.Reviewer));
        Assert.Empty(await NamesAsync(world, new() { UnitId = world.Street.Id }, world.OtherCountyReviewer));
    }

    [Theory]
    [InlineData(ReviewQueue.SortColumn.FlaggedSince)]
    [InlineData(ReviewQueue.SortColumn.Name)]
    [InlineData(ReviewQueue.SortColumn.Unit)]
    [InlineData(ReviewQueue.SortColumn.Platform)]
    [InlineData(ReviewQueue.SortColumn.LastPost)]
    [InlineData(ReviewQueue.SortColumn.MeanReads)]
    [InlineData(ReviewQueue.SortColumn.Recommendation)]
    public async Task Paging_InEverySortOrder_ShowsEachAccountExactlyOnce(ReviewQueue.SortColumn sort)
    {
        var world = await ReviewWorld.CreateAsync(fixture, $"q6{(int)sort}");
        foreach (var direction in new[] { SortDirection.Ascending, SortDirection.Descending })
        {
            var seen = new List<int>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await world.Queue.HandleAsync(new ReviewQueue.Query { Sort = sort, Direction = direction, Page = page, PageSize = 2 }, world.Reviewer, Cancel);
                seen.AddRange(result.Page.Items.Select(r => r.AccountId));
                Assert.Equal(5, result.Page.TotalCount);
            }

            Assert.Equal(5, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Sort_ByFlaggedSinceAscending_PutsTheLongestWaitingFirst_ByMeanReadsDescending_TheHighest()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q7");

        var oldest = await world.Queue.HandleAsync(new ReviewQueue.Query { Sort = ReviewQueue.SortColumn.FlaggedSince, PageSize = 1 }, world.Reviewer, Cancel);
        var reads = await world.Queue.HandleAsync(new ReviewQueue.Query { Sort = ReviewQueue.SortColumn.MeanReads, Direction = SortDirection.Descending, PageSize = 1 }, world.Reviewer, Cancel);

        Assert.Equal(world.StreetWechat.Id, oldest.Page.Items.Single().AccountId);
        Assert.Equal(world.DepartmentWechat.Id, reads.Page.Items.Single().AccountId);
    }

    [Fact]
    public async Task ClerkAndLeader_CannotOpenTheQueue()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q8");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Queue.HandleAsync(new ReviewQueue.Query(), world.StreetClerk, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Queue.HandleAsync(new ReviewQueue.Query(), world.Leader, Cancel));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => world.Queue.CountAsync(new ReviewQueue.Filter(), world.Leader, Cancel));
    }

    [Fact]
    public async Task RetainedAccount_LeavesTheQueue_AndComesBackWhenANewFlagOpens()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "q9");
        await world.Decide.HandleAsync(
            new DecideAccount.Command { AccountId = world.DepartmentWechat.Id, Kind = DecisionKind.Retain, RetainReason = RetainReason.LegalDuty },
            world.Reviewer,
            Cancel);

        Assert.DoesNotContain("岳麓统计", await NamesAsync(world, new(), world.Reviewer));
        Assert.Contains("岳麓统计", await NamesAsync(world, new() { State = ReviewQueue.State.Decided }, world.Reviewer));

        // The next night's run still fires the same rules: still answered. Then a new rule fires: back in the queue.
        var flags = new FlagBuilder(fixture);
        var nextNight = await flags.EvaluationAsync(new DateOnly(2026, 11, 24), ReviewWorld.Now.AddHours(16));
        await flags.FlagAsync(nextNight, world.DepartmentWechat, Recommendation.Close, null, null,
            (RuleCode.LowReads, "近期 2 篇有阅读数的文章平均阅读 35"), (RuleCode.Unattended, "未登记运营负责人"));
        Assert.DoesNotContain("岳麓统计", await NamesAsync(world, new(), world.Reviewer));

        var thirdNight = await flags.EvaluationAsync(new DateOnly(2026, 11, 25), ReviewWorld.Now.AddHours(40));
        await flags.FlagAsync(thirdNight, world.DepartmentWechat, Recommendation.Close, null, null,
            (RuleCode.LowReads, "近期 2 篇有阅读数的文章平均阅读 35"), (RuleCode.Unattended, "未登记运营负责人"), (RuleCode.Stale, "最后发文 2026-11-18，已 17 天未更新"));
        var back = (await world.Queue.HandleAsync(new ReviewQueue.Query { PageSize = 200 }, world.Reviewer, Cancel)).Page.Items.Single(r => r.AccountId == world.DepartmentWechat.Id);
        Assert.Equal(DecisionKind.Retain, back.StandingKind);
        Assert.Equal(thirdNight.Id, back.EvaluationId);
    }
}
