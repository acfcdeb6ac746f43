using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Content;

/// <summary>
/// A fresh database per test (the inspector works on every queued post of its database), a county of two townships,
/// the application's services over it and intent methods for lists, posts and the inspector's run.
/// </summary>
internal sealed class ContentWorld : IAsyncDisposable
{
    private readonly DatabaseFixture database = new();

    private ContentWorld()
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; private set; } = null!;

    public CountyBuilder Build { get; private set; } = null!;

    public Unit County { get; private set; } = null!;

    public Unit Wangyue { get; private set; } = null!;

    public Unit Lianhua { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    public static UserScope Admin { get; } = new("admin", new HashSet<string>([Roles.Admin]), null, null);

    public static UserScope Reviewer { get; } = new("reviewer", new HashSet<string>([Roles.Reviewer]), null, "/");

    public static async Task<ContentWorld> CreateAsync()
    {
        var world = new ContentWorld();
        await world.database.InitializeAsync();
        world.Services = AppServices.Build(world.database.ConnectionString, world.Clock);
        world.Build = new CountyBuilder(world.database, "cnt");
        world.County = await world.Build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        world.Wangyue = await world.Build.UnitAsync("望岳街道办事处", UnitLevel.Street, world.County);
        world.Lianhua = await world.Build.UnitAsync("莲花镇人民政府", UnitLevel.Township, world.County);
        return world;
    }

    public UserScope ClerkOf(Unit unit) => new("clerk", new HashSet<string>([Roles.Clerk]), unit.Id, unit.Path);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The app's inspector; a smaller batch (not a setting: tests use it to cross batch edges) is built on the container's connection and clock.</summary>
    public ContentInspector Inspector(int batchSize = ContentInspector.DefaultBatchSize) =>
        batchSize == ContentInspector.DefaultBatchSize
            ? Get<ContentInspector>()
            : new(Get<RegistryConnection>(), Get<TimeProvider>()) { BatchSize = batchSize };

    public Task<Account> AccountAsync(Unit unit, string name) => Build.AccountAsync(unit, name);

    public Task<Post> PostAsync(Account account, string content, string? title = null) =>
        Build.PostAsync(account, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)), title, content);

    public Task<ContentTerms.Row> TermAsync(ContentTermKind kind, string term, params string[] wrongForms) =>
        Get<ContentTerms.Handler>().SaveAsync(new ContentTerms.SaveCommand(null, kind, term, wrongForms, null, null), Admin, TestContext.Current.CancellationToken);

    /// <summary>Runs the inspector as the import does after committing posts.</summary>
    public Task<ContentInspector.RunResult> InspectAsync(int batchSize = ContentInspector.DefaultBatchSize) =>
        Inspector(batchSize).RunAsync(null, TestContext.Current.CancellationToken);

    public async Task<List<ContentFinding>> FindingsAsync()
    {
        await using var db = database.CreateContext();
        return await db.ContentFindings.AsNoTracking().OrderBy(f => f.PostId).ThenBy(f => f.Field).ThenBy(f => f.Position).ToListAsync(TestContext.Current.CancellationToken);
    }

    public Task<long> ScalarAsync(string sql) => database.ScalarAsync(sql);

    public async Task UpdatePostAsync(long postId, Action<Post> change)
    {
        await using var db = database.CreateContext();
        var post = await db.Posts.SingleAsync(p => p.Id == postId, TestContext.Current.CancellationToken);
        change(post);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task<Account> ChangeAccountAsync(int accountId, Action<Account> change)
    {
        await using var db = database.CreateContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, TestContext.Current.CancellationToken);
        change(account);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return account;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
