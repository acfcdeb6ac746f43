using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static AccountRegistry.Application.Tests.Inspections.InspectionWorld;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// NEAR_STALE and REVIVED between inspections: notifications once per entry into the window to the clerks over the
/// account's unit (NEAR_STALE) or the reviewers over it (REVIVED, with the posts), and the scope's list for the
/// clerk's home page and the review queue.
/// </summary>
public sealed class InspectionWarningTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Units =
        """
        code,name,level,parent_code
        C,岳麓区人民政府,county,
        T1,莲花镇人民政府,township,C
        T2,雨敞坪镇人民政府,township,C
        """;

    /// <summary>T (Monday 2026-11-23) at 10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset MorningOfT = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Post(string accountId, string postId, DateOnly day) =>
        $"wechat,{accountId},{postId},{day:yyyy-MM-dd}T12:00:00+08:00,标题,正文,true,\n";

    private static DateOnly DaysBeforeT(int days) => new DateOnly(2026, 11, 23).AddDays(-days);

    /// <summary>In T1: gh_near (latest post T−10), gh_fresh (T−9), gh_stale (T−15); in T2: gh_other (T−12); a closed account in T1 that posted twice after closing.</summary>
    private static async Task<InspectionWorld> SeedAsync(DatabaseFixture fixture)
    {
        var world = await CreateAsync(fixture);
        var accounts = AccountsHeader +
            "wechat,gh_near,临界号,T1,2020-01-01,张敏,false,false,active,true,粤-1\n" +
            "wechat,gh_fresh,新鲜号,T1,2020-01-01,张敏,false,false,active,true,粤-2\n" +
            "wechat,gh_stale,停更号,T1,2020-01-01,张敏,false,false,active,true,粤-3\n" +
            "wechat,gh_other,他镇号,T2,2020-01-01,赵云,false,false,active,true,粤-4\n" +
            "wechat,gh_closed,已关停号,T1,2020-01-01,张敏,false,false,closed,true,粤-5\n";
        var posts = PostsHeader + Post("gh_near", "n1", DaysBeforeT(10)) + Post("gh_fresh", "f1", DaysBeforeT(9)) +
            Post("gh_stale", "s1", DaysBeforeT(15)) + Post("gh_other", "o1", DaysBeforeT(12)) +
            Post("gh_closed", "c0", new DateOnly(2026, 10, 31)) + Post("gh_closed", "c1", new DateOnly(2026, 11, 2)) + Post("gh_closed", "c2", new DateOnly(2026, 11, 3));
        var (exit, error) = await world.ImportAsync(("units.csv", Units), ("accounts.csv", accounts), ("posts.csv", posts));
        Assert.True(exit == 0, error);
        await world.ExecuteAsync("UPDATE accounts SET status_changed_on = '2026-11-01' WHERE platform_account_id = 'gh_closed'");

        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        var roles = new[] { Roles.Clerk, Roles.Reviewer }.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, Cancel);
        foreach (var (name, role, unit) in new[] { ("clerk.t1", Roles.Clerk, "T1"), ("clerk.t2", Roles.Clerk, "T2"), ("reviewer", Roles.Reviewer, "C") })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), UnitId = units[unit], DisplayName = name };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role].Id });
        }

        await db.SaveChangesAsync(Cancel);
        return world;
    }

    private static async Task<int> RaiseAsync(InspectionWorld world, TimeProvider clock)
    {
        await using var services = AppServices.Build(world.ConnectionString, clock);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InspectionWarnings.Handler>().RaiseAsync(Cancel);
    }

    private static async Task<List<(string Recipient, string Kind, string? Subject, string? Note, string? Link)>> NotificationsAsync(InspectionWorld world)
    {
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        var rows = await db.Notifications.OrderBy(n => n.Id).Select(n => new { n.Recipient, n.Kind, n.Subject, n.Note, n.Link }).ToListAsync(Cancel);
        return [.. rows.Select(n => (n.Recipient, n.Kind, n.Subject, n.Note, n.Link))];
    }

    private static async Task<int> AccountIdAsync(InspectionWorld world, string platformAccountId)
    {
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        return await db.Accounts.Where(a => a.PlatformAccountId == platformAccountId).Select(a => a.Id).SingleAsync(Cancel);
    }

    [Fact]
    public async Task Raise_NearStale_TellsTheClerksOverTheUnitOncePerEntryIntoTheWindow()
    {
        var world = await SeedAsync(fixture);
        var clock = new FakeTimeProvider(MorningOfT);
        var near = await AccountIdAsync(world, "gh_near");

        await RaiseAsync(world, clock);
        var first = (await NotificationsAsync(world)).Where(n => n.Kind == InspectionWarnings.NearStaleKind).ToList();

        // T1's clerk hears of gh_near only (fresh is nine days old, stale is past the window); T2's clerk of gh_other.
        Assert.Equal([("clerk.t1", InspectionWarnings.NearStaleKind, "临界号", "2026-11-28", $"accounts/{near}")], first.Where(n => n.Recipient == "clerk.t1"));
        Assert.Equal(["他镇号"], first.Where(n => n.Recipient == "clerk.t2").Select(n => n.Subject));
        Assert.DoesNotContain(first, n => n.Recipient == "reviewer");

        // Later the same day and the next day: gh_near is still in its window, told once; gh_fresh enters it.
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await RaiseAsync(world, clock));
        clock.Advance(TimeSpan.FromDays(1));
        await RaiseAsync(world, clock);
        var clerk1 = (await NotificationsAsync(world)).Where(n => n.Recipient == "clerk.t1" && n.Kind == InspectionWarnings.NearStaleKind).Select(n => n.Subject).ToList();
        Assert.Equal(["临界号", "新鲜号"], clerk1);

        // gh_near posts again (leaving the window) and, ten days later, enters it anew: a second notice for it.
        Assert.Equal(0, (await world.ImportAsync(("posts.csv", PostsHeader + Post("gh_near", "n2", new DateOnly(2026, 11, 24))))).Exit);
        clock.Advance(TimeSpan.FromDays(10));
        await RaiseAsync(world, clock);
        var again = (await NotificationsAsync(world)).Where(n => n.Recipient == "clerk.t1" && n.Kind == InspectionWarnings.NearStaleKind).ToList();
        Assert.Equal(["临界号", "新鲜号", "临界号"], again.Select(n => n.Subject));
        Assert.Equal("2026-12-09", again[^1].Note);
    }

    [Fact]
    public async Task Raise_Revived_AlertsTheReviewersWithThePostsPublishedAfterClosing_Once()
    {
        var world = await SeedAsync(fixture);
        var clock = new FakeTimeProvider(MorningOfT);
        var closed = await AccountIdAsync(world, "gh_closed");

        await RaiseAsync(world, clock);
        clock.Advance(TimeSpan.FromDays(1));
        await RaiseAsync(world, clock);

        var revived = (await NotificationsAsync(world)).Where(n => n.Kind == InspectionWarnings.RevivedKind).ToList();
        var alert = Assert.Single(revived);
        Assert.Equal(("reviewer", "已关停号", "2: c1, c2", $"accounts/{closed}"), (alert.Recipient, alert.Subject, alert.Note, alert.Link));
    }

    [Fact]
    public async Task NearStale_ListsTheScopesAccounts_MostUrgentFirst()
    {
        var world = await SeedAsync(fixture);
        await using var services = AppServices.Build(world.ConnectionString, new FakeTimeProvider(MorningOfT));
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<InspectionWarnings.Handler>();
        await using var db = RegistryDbContextOptions.Create(world.ConnectionString);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Path, Cancel);
        UserScope ClerkOf(string code) => new("clerk", new HashSet<string> { Roles.Clerk }, null, units[code]);

        var county = await handler.NearStaleAsync(UserScope.System, cancellationToken: Cancel);
        var t1 = await handler.NearStaleAsync(ClerkOf("T1"), cancellationToken: Cancel);
        var limited = await handler.NearStaleAsync(UserScope.System, limit: 1, cancellationToken: Cancel);

        Assert.Equal(["gh_other", "gh_near"], county.Accounts.Select(a => a.PlatformAccountId));
        Assert.Equal((DaysBeforeT(12), new DateOnly(2026, 11, 26)), (county.Accounts[0].LastPostDay, county.Accounts[0].VetoOn));
        Assert.Equal(["gh_near"], t1.Accounts.Select(a => a.PlatformAccountId));
        Assert.Equal((2, 1), (limited.Total, limited.Accounts.Count));
    }

    [Fact]
    public async Task TheRemindersService_RaisesTheWarningsInTheBackground()
    {
        var world = await SeedAsync(fixture);
        await using var services = AppServices.Build(world.ConnectionString, new FakeTimeProvider(MorningOfT));
        var service = services.GetServices<IHostedService>().OfType<OverdueReminders.Service>().Single();

        await service.StartAsync(Cancel);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await NotificationsAsync(world)).Count(n => n.Kind == InspectionWarnings.RevivedKind) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Cancel);
            }
        }
        finally
        {
            await service.StopAsync(Cancel);
        }

        var kinds = (await NotificationsAsync(world)).Select(n => n.Kind).ToHashSet();
        Assert.Contains(InspectionWarnings.RevivedKind, kinds);
        Assert.Contains(InspectionWarnings.NearStaleKind, kinds);
    }
}
