using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.TestSupport.Builders;

/// <summary>
/// Builds a small county in a test's own database: units with correct paths, accounts, posts and snapshots.
/// Codes carry a per-builder prefix so that tests sharing a database never collide.
/// </summary>
public sealed class CountyBuilder(DatabaseFixture fixture, string prefix)
{
    public async Task<Unit> UnitAsync(string name, UnitLevel level, Unit? parent = null)
    {
        await using var db = fixture.CreateContext();
        var unit = new Unit { Code = $"{prefix}-{Guid.NewGuid():N}"[..30], Name = name, Level = level, ParentId = parent?.Id };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = Unit.ChildPath(parent?.Path, unit.Id);
        await db.SaveChangesAsync();
        return unit;
    }

    public async Task<Account> AccountAsync(
        Unit unit,
        string name,
        Platform platform = Platform.Wechat,
        DateOnly? openedOn = null,
        string? operatorName = "张敏",
        bool isHub = false,
        bool providesServices = false,
        AccountStatus status = AccountStatus.Active,
        string? accountId = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return await fixture.InsertAsync(new Account
        {
            Platform = platform,
            PlatformAccountId = accountId ?? $"{prefix}_{Guid.NewGuid():N}"[..24],
            Name = name,
            UnitId = unit.Id,
            OpenedOn = openedOn ?? new DateOnly(2020, 1, 1),
            Operator = operatorName,
            IsHub = isHub,
            ProvidesServices = providesServices,
            Status = status,
        });
    }

    public async Task<Post> PostAsync(Account account, DateTimeOffset publishedAt, string? title = null, string? content = null, bool isOriginal = true, params (DateTimeOffset At, long Reads)[] snapshots)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(snapshots);
        await using var db = fixture.CreateContext();
        var post = new Post
        {
            AccountId = account.Id,
            PlatformPostId = Guid.NewGuid().ToString("N"),
            PublishedAt = publishedAt,
            Title = title,
            Content = content,
            IsOriginal = isOriginal,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        foreach (var (at, reads) in snapshots)
        {
            db.ReadSnapshots.Add(new ReadSnapshot { PostId = post.Id, CapturedAt = at, Reads = reads });
        }

        await db.SaveChangesAsync();
        return post;
    }

    public static RegistryDbContext Context(DatabaseFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.CreateContext();
    }
}
