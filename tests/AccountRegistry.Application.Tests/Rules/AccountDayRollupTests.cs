using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>
/// The daily rollup behind the facts: kept current by triggers whoever changes posts, snapshots or copies, and equal
/// to the facts computed from the raw rows on a randomised data set.
/// </summary>
public sealed class AccountDayRollupTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Facts_FollowChangesMadeAfterAnEvaluation()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        var other = await world.AccountAsync(county, "wb_b", Platform.Weibo);
        var moved = await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        var copy = await world.PostAsync(account, Shanghai(2026, 11, 21));
        var source = await world.PostAsync(other, Shanghai(2026, 11, 1));
        var before = (await world.FactsAsync(T))["gh_a"];

        await using (var db = world.Context())
        {
            await db.Posts.Where(p => p.Id == moved.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, Shanghai(2026, 11, 1)), TestContext.Current.CancellationToken);
            await db.ReadSnapshots.Where(r => r.PostId == moved.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        await world.SnapshotAsync(copy, Shanghai(2026, 11, 22), 70);
        await world.CopyAsync(copy, source);
        var after = (await world.FactsAsync(T))["gh_a"];

        Assert.Equal((new DateOnly(2026, 11, 21), 2, 1, 500L, 0), (before.LastPostDay!.Value, before.PostsInWindow, before.PostsWithReadsInWindow, before.ReadsInWindow, before.DuplicatesInWindow));
        Assert.Equal((new DateOnly(2026, 11, 21), 2, 1, 70L, 1), (after.LastPostDay!.Value, after.PostsInWindow, after.PostsWithReadsInWindow, after.ReadsInWindow, after.DuplicatesInWindow));

        await using (var db = world.Context())
        {
            await db.Posts.Where(p => p.Id == copy.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        var afterDelete = (await world.FactsAsync(T))["gh_a"];
        Assert.Equal((new DateOnly(2026, 11, 1), 1, 0, 0), (afterDelete.LastPostDay!.Value, afterDelete.PostsInWindow, afterDelete.PostsWithReadsInWindow, afterDelete.DuplicatesInWindow));
    }

    [Fact]
    public async Task LastPostBeforeW_FollowsDeletedPostsAndPastDays()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a", openedOn: new DateOnly(2026, 1, 1));
        var march = await world.PostAsync(account, Shanghai(2026, 3, 1));
        var june = await world.PostAsync(account, Shanghai(2026, 6, 1));
        var inW = await world.PostAsync(account, Shanghai(2026, 11, 20));

        var lastDays = new List<DateOnly?> { (await world.FactsAsync(T))["gh_a"].LastPostDay };
        // A past T whose W is empty while the account's latest day is after it.
        var pastT = (await world.FactsAsync(new DateOnly(2026, 10, 1)))["gh_a"].LastPostDay;
        foreach (var post in new[] { inW, june, march })
        {
            await using (var db = world.Context())
            {
                await db.Posts.Where(p => p.Id == post.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            }

            lastDays.Add((await world.FactsAsync(T))["gh_a"].LastPostDay);
        }

        Assert.Equal(new DateOnly(2026, 6, 1), pastT);
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 6, 1), new DateOnly(2026, 3, 1), null], lastDays);
        await using var check = world.Context();
        Assert.False(await check.AccountLastPostDays.AnyAsync(d => d.AccountId == account.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RewritingIdenticalRows_MarksNothingPending()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var account = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        await world.FactsAsync(T);

        await using var db = world.Context();
        await db.Database.ExecuteSqlRawAsync("UPDATE posts SET title = title, published_at = published_at", TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync("UPDATE read_snapshots SET reads = reads", TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.PendingAccountDays.CountAsync(TestContext.Current.CancellationToken));

        await db.Database.ExecuteSqlRawAsync("UPDATE read_snapshots SET reads = reads + 1", TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.PendingAccountDays.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(20, false)]
    [InlineData(95, false)]
    [InlineData(0, true)] // the one-pass rebuild used after bulk imports
    [InlineData(20, true)]
    public async Task RollupFacts_EqualFactsComputedFromTheRawRows(int daysBeforeT, bool bulkRefresh)
    {
        await using var world = await CreateAsync(fixture);
        var random = new Random(20261123 + daysBeforeT);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var accounts = new List<Account>();
        for (var i = 0; i < 12; i++)
        {
            accounts.Add(await world.AccountAsync(county, $"acc_{i:00}", Enum.GetValues<Platform>()[i % 9], openedOn: new DateOnly(2025, 1, 1)));
        }

        // Posts and snapshots cluster around Shanghai midnights (the day boundaries) and around T and W's start.
        var posts = new List<Post>();
        var snapshots = new List<ReadSnapshot>();
        var copies = new List<NearDuplicate>();
        await using (var db = world.Context())
        {
            var anchors = new[] { T, T.AddDays(-1), T.AddDays(-20), T.AddDays(-89), T.AddDays(-90), T.AddDays(-110), T.AddDays(-200) };
            for (var i = 0; i < 400; i++)
            {
                var postDay = anchors[random.Next(anchors.Length)].AddDays(random.Next(-2, 3));
                var at = ShanghaiCalendar.StartOf(postDay).AddMinutes(random.Next(-30, 30));
                var post = new Post
                {
                    AccountId = accounts[random.Next(accounts.Count)].Id,
                    PlatformPostId = $"p{i}",
                    PublishedAt = at,
                    IsOriginal = random.Next(3) > 0,
                };
                db.Posts.Add(post);
                posts.Add(post);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var post in posts)
            {
                for (var s = random.Next(0, 4); s > 0; s--)
                {
                    var captured = post.PublishedAt.AddHours(random.Next(1, 24 * 40));
                    if (snapshots.Any(x => x.PostId == post.Id && x.CapturedAt == captured))
                    {
                        continue;
                    }

                    snapshots.Add(new ReadSnapshot { PostId = post.Id, CapturedAt = captured, Reads = random.Next(0, 400) });
                }

                if (random.Next(4) == 0)
                {
                    var source = posts[random.Next(posts.Count)];
                    if (source.Id != post.Id && !copies.Any(c => c.PostId == post.Id && c.SourcePostId == source.Id))
                    {
                        copies.Add(new NearDuplicate { PostId = post.Id, SourcePostId = source.Id, Similarity = 0.7 });
                    }
                }
            }

            db.ReadSnapshots.AddRange(snapshots);
            db.NearDuplicates.AddRange(copies);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // An evaluation as of T builds the rollup; facts as of the day under test then read it.
        await world.FactsAsync(T, bulkRefresh: bulkRefresh);
        var asOf = T.AddDays(-daysBeforeT);
        var facts = await world.FactsAsync(asOf);

        var day = new EvaluationDay(asOf, 90);
        foreach (var account in accounts)
        {
            var mine = posts.Where(p => p.AccountId == account.Id && day.Includes(p.PublishedAt)).ToList();
            var inWindow = mine.Where(p => day.InWindow(p.PublishedAt)).ToList();
            var reads = inWindow
                .Select(p => snapshots.Where(s => s.PostId == p.Id && day.CountsSnapshot(s.CapturedAt)).MaxBy(s => s.CapturedAt))
                .Where(s => s is not null)
                .ToList();
            var copied = inWindow.Count(p => copies.Any(c => c.PostId == p.Id
                && posts.Single(s => s.Id == c.SourcePostId) is var source
                && source.AccountId != p.AccountId
                && source.PublishedAt <= p.PublishedAt));
            var expected = (
                mine.Count == 0 ? (DateOnly?)null : ShanghaiCalendar.DayOf(mine.Max(p => p.PublishedAt)),
                inWindow.Count,
                inWindow.Count(p => p.IsOriginal),
                reads.Count,
                reads.Sum(s => s!.Reads),
                copied);
            var actual = facts[account.PlatformAccountId];

            Assert.Equal(expected, (actual.LastPostDay, actual.PostsInWindow, actual.OriginalsInWindow, actual.PostsWithReadsInWindow, actual.ReadsInWindow, actual.DuplicatesInWindow));
        }
    }
}
