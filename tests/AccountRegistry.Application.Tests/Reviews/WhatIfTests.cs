using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Reviews;

/// <summary>The what-if runs the rules service's evaluation twice, unstored: current thresholds next to edited ones, per unit level.</summary>
public sealed class WhatIfTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServiceProvider? services;

    /// <summary>The what-if from the app's service container over the class's database, on a clock at <see cref="Now"/>.</summary>
    private WhatIf.Handler Handler() =>
        (services ??= AppServices.Build(fixture.ConnectionString, new FakeTimeProvider(Now))).GetRequiredService<WhatIf.Handler>();

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    private async Task<Unit> CountyAsync(string prefix)
    {
        var build = new CountyBuilder(fixture, prefix);
        var county = await build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        var media = await build.UnitAsync("岳麓区融媒体中心", UnitLevel.Department, county);
        var stats = await build.UnitAsync("岳麓区统计局", UnitLevel.Department, county);
        var trade = await build.UnitAsync("岳麓区商务局", UnitLevel.Department, county);
        var township = await build.UnitAsync("莲花镇人民政府", UnitLevel.Township, county);
        var hub = await build.AccountAsync(media, "指尖岳麓", isHub: true);
        var stale = await build.AccountAsync(stats, "岳麓统计");
        var healthy = await build.AccountAsync(trade, "岳麓商务");
        var below = await build.AccountAsync(township, "莲花优生活");
        await build.PostAsync(hub, Now.AddDays(-1), "要闻", "正文", true, (Now.AddHours(-2), 5000));
        await build.PostAsync(stale, Now.AddDays(-20), "公报", "正文", true, (Now.AddDays(-19), 500));
        await build.PostAsync(healthy, Now.AddDays(-2), "快讯", "正文", true, (Now.AddDays(-1), 300));
        await build.PostAsync(below, Now.AddDays(-2), "活动", "正文", true, (Now.AddDays(-1), 300));
        return county;
    }

    private static UserScope Scope(string role, Unit unit) => new($"{role}-{unit.Id}", new HashSet<string> { role }, unit.Id, unit.Path);

    [Fact]
    public async Task StaleAt30Days_MovesTheDepartmentsStaleAccountFromCloseToNone_PerLevel()
    {
        var county = await CountyAsync("w1");
        var whatIf = Handler();

        var result = await whatIf.HandleAsync(county.Id, Thresholds.Defaults with { StaleDays = 30 }, Scope(Roles.Leader, county), Cancel);

        var department = result.Levels.Single(l => l.Level == UnitLevel.Department);
        var township = result.Levels.Single(l => l.Level == UnitLevel.Township);
        Assert.Equal(new WhatIf.Counts(1, 0, 2), department.Current);
        Assert.Equal(new WhatIf.Counts(0, 0, 3), department.Proposed);
        Assert.Equal(new WhatIf.Counts(0, 1, 0), township.Current);
        Assert.Equal(township.Current, township.Proposed);
        Assert.Equal(Thresholds.Defaults, result.Current);
        Assert.Equal(new DateOnly(2026, 11, 23), result.AsOf);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM evaluations"));
    }

    [Fact]
    public async Task Clerk_MayNotAsk_AndAnotherCountysReviewer_CannotSeeThisCounty()
    {
        var county = await CountyAsync("w2");
        var other = await new CountyBuilder(fixture, "w2o").UnitAsync("望城区人民政府", UnitLevel.County);
        var whatIf = Handler();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => whatIf.HandleAsync(county.Id, Thresholds.Defaults, Scope(Roles.Clerk, county), Cancel));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => whatIf.HandleAsync(county.Id, Thresholds.Defaults, Scope(Roles.Reviewer, other), Cancel));
        await Assert.ThrowsAsync<ThresholdsInvalidException>(() => whatIf.HandleAsync(county.Id, Thresholds.Defaults with { WindowDays = 0 }, Scope(Roles.Reviewer, county), Cancel));
        Assert.Equal([county.Id], (await whatIf.CountiesAsync(Scope(Roles.Reviewer, county), Cancel)).Select(c => c.UnitId));
    }
}
