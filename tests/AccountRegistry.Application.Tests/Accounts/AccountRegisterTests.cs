using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Accounts;

/// <summary>A small county: the district, a street with a community, a township; five accounts.</summary>
public sealed class RegisterCountyFixture : DatabaseFixture
{
    private ServiceProvider? services;

    /// <summary>The app's service container over this database (<see cref="AppServices"/>).</summary>
    public IServiceProvider Services => services ?? throw new InvalidOperationException("Not initialised.");
    public Unit County { get; private set; } = null!;

    public Unit Wangyue { get; private set; } = null!;

    public Unit Lianhua { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var build = new CountyBuilder(this, "reg");
        var county = County = await build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        var wangyue = Wangyue = await build.UnitAsync("望岳街道办事处", UnitLevel.Street, county);
        var community = await build.UnitAsync("望岳社区居民委员会", UnitLevel.Community, wangyue);
        var lianhua = Lianhua = await build.UnitAsync("莲花镇人民政府", UnitLevel.Township, county);
        var hub = await build.AccountAsync(county, "指尖岳麓", isHub: true, accountId: "gh_hub");
        var a = await build.AccountAsync(wangyue, "望岳优生活", accountId: "gh_wy", openedOn: new DateOnly(2018, 1, 1));
        await build.AccountAsync(wangyue, "望岳发布", Platform.Weibo, accountId: "57001", openedOn: new DateOnly(2019, 1, 1));
        await build.AccountAsync(community, "望岳社区之家", accountId: "gh_wysq", status: AccountStatus.Closed, openedOn: new DateOnly(2017, 1, 1));
        var l = await build.AccountAsync(lianhua, "莲花优生活", accountId: "gh_lh", openedOn: new DateOnly(2016, 1, 1));
        await build.PostAsync(a, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await build.PostAsync(l, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        await build.PostAsync(hub, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        services = AppServices.Build(ConnectionString, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
    }

    public override async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

public sealed class AccountRegisterTests(RegisterCountyFixture fixture) : IClassFixture<RegisterCountyFixture>
{
    private Unit county => fixture.County;

    private Unit wangyue => fixture.Wangyue;

    private Unit lianhua => fixture.Lianhua;

    private AccountRegister.Handler Register => fixture.Services.GetRequiredService<AccountRegister.Handler>();

    private UserScope Admin => UserScope.System;

    private UserScope ClerkOf(Unit unit) => new("clerk", new HashSet<string> { Roles.Clerk }, unit.Id, unit.Path);

    [Fact]
    public async Task FilterByUnit_IncludesTheWholeSubtreeAndNothingElse()
    {
        var result = await Register.HandleAsync(new AccountRegister.Query { UnitId = wangyue.Id }, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(["望岳优生活", "望岳发布", "望岳社区之家"], result.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, result.TotalCount);
    }

    [Fact]
    public async Task Filters_Combine_PlatformStatusLevelAndSearch()
    {
        var weibo = await Register.HandleAsync(new AccountRegister.Query { Platform = Platform.Weibo }, Admin, TestContext.Current.CancellationToken);
        var closed = await Register.HandleAsync(new AccountRegister.Query { Status = AccountStatus.Closed }, Admin, TestContext.Current.CancellationToken);
        var townships = await Register.HandleAsync(new AccountRegister.Query { Level = UnitLevel.Township }, Admin, TestContext.Current.CancellationToken);
        var search = await Register.HandleAsync(new AccountRegister.Query { Search = "优生活", Platform = Platform.Wechat }, Admin, TestContext.Current.CancellationToken);
        var byId = await Register.HandleAsync(new AccountRegister.Query { Search = "GH_WYSQ" }, Admin, TestContext.Current.CancellationToken);
        var wildcard = await Register.HandleAsync(new AccountRegister.Query { Search = "%" }, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(["望岳发布"], weibo.Items.Select(r => r.Name));
        Assert.Equal(["望岳社区之家"], closed.Items.Select(r => r.Name));
        Assert.Equal(["莲花优生活"], townships.Items.Select(r => r.Name));
        Assert.Equal(["望岳优生活", "莲花优生活"], search.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["望岳社区之家"], byId.Items.Select(r => r.Name));
        Assert.Empty(wildcard.Items);
    }

    [Fact]
    public async Task Search_WithANulCharacter_IsTheSearchWithoutIt_NotADatabaseError()
    {
        // A search box sends what was typed or pasted; PostgreSQL text cannot hold NUL (22021).
        var plain = await Register.HandleAsync(new AccountRegister.Query { Search = "优生活" }, Admin, TestContext.Current.CancellationToken);
        var withNul = await Register.HandleAsync(new AccountRegister.Query { Search = "优\0生活" }, Admin, TestContext.Current.CancellationToken);

        Assert.NotEmpty(plain.Items);
        Assert.Equal(plain.Items.Select(r => r.Name), withNul.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task SortAndPage_AreStableAndComplete()
    {
        var query = new AccountRegister.Query { Sort = AccountRegister.SortColumn.OpenedOn, Direction = SortDirection.Ascending, PageSize = 2 };

        var page1 = await Register.HandleAsync(query with { Page = 1 }, Admin, TestContext.Current.CancellationToken);
        var page2 = await Register.HandleAsync(query with { Page = 2 }, Admin, TestContext.Current.CancellationToken);
        var page3 = await Register.HandleAsync(query with { Page = 3 }, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(5, page1.TotalCount);
        Assert.Equal(3, page1.PageCount);
        Assert.Equal(["莲花优生活", "望岳社区之家"], page1.Items.Select(r => r.Name));
        Assert.Equal(["望岳优生活", "望岳发布"], page2.Items.Select(r => r.Name));
        Assert.Equal(["指尖岳麓"], page3.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task SortByName_FollowsPinyinNotCodePoints()
    {
        var byName = await Register.HandleAsync(
            new AccountRegister.Query { Sort = AccountRegister.SortColumn.Name, Direction = SortDirection.Ascending }, Admin, TestContext.Current.CancellationToken);
        var byUnit = await Register.HandleAsync(
            new AccountRegister.Query { Sort = AccountRegister.SortColumn.Unit, Direction = SortDirection.Ascending }, Admin, TestContext.Current.CancellationToken);

        // By code point 望 (U+671B) and 指 (U+6307) come before 莲 (U+83B2); in pinyin lian < wang < zhi.
        Assert.Equal(["莲花优生活", "望岳发布", "望岳社区之家", "望岳优生活", "指尖岳麓"], byName.Items.Select(r => r.Name));
        Assert.Equal("莲花优生活", byUnit.Items[0].Name);
        Assert.Equal("指尖岳麓", byUnit.Items[^1].Name);
    }

    [Fact]
    public async Task SortByLastPost_Descending_PutsNeverPostedLast()
    {
        var result = await Register.HandleAsync(
            new AccountRegister.Query { Sort = AccountRegister.SortColumn.LastPost, Direction = SortDirection.Descending }, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(["莲花优生活", "望岳优生活", "指尖岳麓"], result.Items.Take(3).Select(r => r.Name));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), result.Items[0].LastPostAt);
        Assert.All(result.Items.Skip(3), r => Assert.Null(r.LastPostAt));
    }

    [Fact]
    public async Task Clerk_SeesOnlyOwnSubtree_EvenWhenFilteringByAnotherUnit()
    {
        var own = await Register.HandleAsync(new AccountRegister.Query(), ClerkOf(wangyue), TestContext.Current.CancellationToken);
        var other = await Register.HandleAsync(new AccountRegister.Query { UnitId = lianhua.Id }, ClerkOf(wangyue), TestContext.Current.CancellationToken);
        var county = await Register.HandleAsync(new AccountRegister.Query { UnitId = this.county.Id }, ClerkOf(wangyue), TestContext.Current.CancellationToken);

        Assert.Equal(3, own.TotalCount);
        Assert.DoesNotContain(own.Items, r => r.Name == "莲花优生活");
        Assert.Equal(0, other.TotalCount);
        Assert.Equal(0, county.TotalCount);
    }

    [Fact]
    public async Task Detail_OfAnotherTownshipsAccount_IsNotFoundForAClerk()
    {
        var detail = fixture.Services.GetRequiredService<AccountDetail.Handler>();
        var lianhuaAccount = (await Register.HandleAsync(new AccountRegister.Query { Search = "gh_lh" }, Admin, TestContext.Current.CancellationToken)).Items.Single();

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => detail.GetAsync(lianhuaAccount.Id, ClerkOf(wangyue), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => detail.PostsAsync(lianhuaAccount.Id, ClerkOf(wangyue), 1, 20, TestContext.Current.CancellationToken));
        var facts = await detail.GetAsync(lianhuaAccount.Id, ClerkOf(lianhua), TestContext.Current.CancellationToken);
        Assert.Equal(["岳麓区人民政府", "莲花镇人民政府"], facts.UnitPath.Select(s => s.Name));
    }
}
