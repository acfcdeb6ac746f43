using AccountRegistry.Application.Common;
using AccountRegistry.Application.Duplicates;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>The app's views of the pairs: per post, per account, and the county's groups.</summary>
public sealed class DuplicateQueriesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static UserScope ClerkOf(Unit unit) => new("clerk", new HashSet<string>([Roles.Clerk]), unit.Id, unit.Path);

    [Fact]
    public async Task AccountShare_CountsCopiesOfOtherAccountsInTheLast90ShanghaiDays()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var hub = await world.AccountAsync(world.County, "指尖岳麓");
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");

        // As of 2026-11-23 the window is 2026-08-26 .. 2026-11-23 (Shanghai).
        await world.PostAsync(hub, DuplicateWorld.Day(8, 1), Stories.FireSafety);
        await world.PostAsync(street, DuplicateWorld.Day(8, 2), Stories.FireSafety + "。"); // a copy, but before the window
        await world.PostAsync(hub, DuplicateWorld.Day(9, 1), Stories.GarbageSorting);
        await world.PostAsync(street, DuplicateWorld.Day(9, 2), Stories.GarbageSortingRewritten); // copy
        await world.PostAsync(street, DuplicateWorld.Day(8, 26, 0, 5), Stories.HealthClinic); // first minutes of the window
        await world.PostAsync(street, DuplicateWorld.Day(11, 23, 23, 50), Stories.AntiFraud); // last minutes of the window
        await world.PostAsync(hub, DuplicateWorld.Day(11, 24, 0, 10), Stories.AntiFraud); // after the day: the hub's later copy
        await world.ImportedAsync();

        var handler = world.Get<AccountDuplicateShare.Handler>();
        var share = await handler.HandleAsync(street.Id, UserScope.System, cancellationToken: Cancel);
        var hubShare = await handler.HandleAsync(hub.Id, UserScope.System, new DateOnly(2026, 11, 24), Cancel);

        Assert.Equal((new DateOnly(2026, 8, 26), new DateOnly(2026, 11, 23)), (share.From, share.To));
        Assert.Equal(3, share.Posts);
        Assert.Equal(1, share.Copies);
        Assert.Equal(1.0 / 3, share.Share);
        Assert.Equal((2, 1), (hubShare.Posts, hubShare.Copies));
    }

    [Fact]
    public async Task AccountShare_OfAnAccountOutsideTheScope_IsNotFound()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var town = await world.AccountAsync(world.Lianhua, "莲花优生活");

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            world.Get<AccountDuplicateShare.Handler>().HandleAsync(town.Id, ClerkOf(world.Wangyue), cancellationToken: Cancel));
    }

    [Fact]
    public async Task Groups_AreNewestFirst_PagedAndFiltered()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var hub = await world.AccountAsync(world.County, "指尖岳麓");
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var streetWeibo = await world.AccountAsync(world.Wangyue, "望岳发布", Platform.Weibo);
        var town = await world.AccountAsync(world.Lianhua, "莲花优生活");

        // Three stories, each published first by one account and copied by others.
        var garbage = await world.PostAsync(street, DuplicateWorld.Day(11, 1), Stories.GarbageSorting);
        await world.PostAsync(hub, DuplicateWorld.Day(11, 1, 15), Stories.GarbageSortingTraditional);
        var fire = await world.PostAsync(hub, DuplicateWorld.Day(11, 5), Stories.FireSafety);
        await world.PostAsync(streetWeibo, DuplicateWorld.Day(11, 6), Stories.FireSafety + "（转）");
        var clinic = await world.PostAsync(town, DuplicateWorld.Day(11, 9), Stories.HealthClinic);
        await world.PostAsync(hub, DuplicateWorld.Day(11, 9, 18), "【转载】" + Stories.HealthClinic);
        await world.PostAsync(town, DuplicateWorld.Day(11, 10), Stories.AntiFraud); // never copied: no group
        await world.ImportedAsync();
        var handler = world.Get<DuplicateGroups.Handler>();

        var first = await handler.HandleAsync(new DuplicateGroups.Query { PageSize = 2 }, UserScope.System, Cancel);
        var second = await handler.HandleAsync(new DuplicateGroups.Query { PageSize = 2, Page = 2 }, UserScope.System, Cancel);
        var beyond = await handler.HandleAsync(new DuplicateGroups.Query { PageSize = 2, Page = 3 }, UserScope.System, Cancel);
        var weibo = await handler.HandleAsync(new DuplicateGroups.Query { Platform = Platform.Weibo }, UserScope.System, Cancel);
        var lianhua = await handler.HandleAsync(new DuplicateGroups.Query { UnitId = world.Lianhua.Id }, UserScope.System, Cancel);
        var early = await handler.HandleAsync(new DuplicateGroups.Query { From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 5) }, UserScope.System, Cancel);
        var unbounded = await handler.HandleAsync(new DuplicateGroups.Query { From = DateOnly.MinValue, To = DateOnly.MaxValue }, UserScope.System, Cancel);

        Assert.Equal([clinic.Id, fire.Id], first.Items.Select(g => g.SourcePostId));
        Assert.Equal([garbage.Id], second.Items.Select(g => g.SourcePostId));
        Assert.Equal((3, 3, 3), (first.TotalCount, second.TotalCount, beyond.TotalCount));
        Assert.Empty(beyond.Items);
        Assert.Equal([fire.Id], weibo.Items.Select(g => g.SourcePostId));
        Assert.Equal([clinic.Id], lianhua.Items.Select(g => g.SourcePostId));
        Assert.Equal([fire.Id, garbage.Id], early.Items.Select(g => g.SourcePostId));
        Assert.Equal(3, unbounded.TotalCount);
        var clinicGroup = first.Items[0];
        Assert.Equal("莲花优生活", clinicGroup.Source?.AccountName);
        Assert.Equal("指尖岳麓", Assert.Single(clinicGroup.Copies).AccountName);
        Assert.Equal(2, clinicGroup.AccountCount);
    }

    [Fact]
    public async Task Groups_ForAClerk_ShowOnlyVisiblePosts_AndFlagAHiddenSource()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var hub = await world.AccountAsync(world.County, "指尖岳麓");
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var town = await world.AccountAsync(world.Lianhua, "莲花优生活");
        var source = await world.PostAsync(hub, DuplicateWorld.Day(11, 1), Stories.GarbageSorting);
        var streetCopy = await world.PostAsync(street, DuplicateWorld.Day(11, 2), Stories.GarbageSortingTraditional);
        await world.PostAsync(town, DuplicateWorld.Day(11, 3), Stories.GarbageSortingRewritten);
        await world.PostAsync(hub, DuplicateWorld.Day(11, 4), Stories.FireSafety);
        await world.PostAsync(town, DuplicateWorld.Day(11, 5), Stories.FireSafety + "。");
        await world.ImportedAsync();
        var clerk = ClerkOf(world.Wangyue);

        var groups = await world.Get<DuplicateGroups.Handler>().HandleAsync(new DuplicateGroups.Query(), clerk, Cancel);
        var also = await world.Get<AlsoPublishedAs.Handler>().HandleAsync(streetCopy.Id, clerk, Cancel);

        var group = Assert.Single(groups.Items);
        Assert.Equal(source.Id, group.SourcePostId);
        Assert.Null(group.Source);
        Assert.Equal([streetCopy.Id], group.Copies.Select(c => c.PostId));
        Assert.Empty(also.Items);
        Assert.True(also.SourceOutsideScope);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            world.Get<AlsoPublishedAs.Handler>().HandleAsync(source.Id, clerk, Cancel));
    }

    [Fact]
    public async Task AlsoPublishedAs_OnTheSource_ListsItsCopiesWithSimilarity()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var street = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var town = await world.AccountAsync(world.Lianhua, "莲花优生活", Platform.Douyin);
        var source = await world.PostAsync(street, DuplicateWorld.Day(11, 1), Stories.GarbageSorting);
        var copy = await world.PostAsync(town, DuplicateWorld.Day(11, 2), Stories.GarbageSortingRewritten);
        var alone = await world.PostAsync(town, DuplicateWorld.Day(11, 3), Stories.AntiFraud);
        await world.ImportedAsync();
        var handler = world.Get<AlsoPublishedAs.Handler>();

        var result = await handler.HandleAsync(source.Id, UserScope.System, Cancel);
        var none = await handler.HandleAsync(alone.Id, UserScope.System, Cancel);

        Assert.True(result.ThisPostIsSource);
        var item = Assert.Single(result.Items);
        Assert.Equal((copy.Id, "莲花优生活", Platform.Douyin, "莲花镇人民政府", false), (item.PostId, item.AccountName, item.Platform, item.UnitName, item.IsSource));
        Assert.InRange(item.Similarity, 0.6, 0.99);
        Assert.True(none.IsEmpty);
        Assert.False(none.ThisPostIsSource);
    }
}
