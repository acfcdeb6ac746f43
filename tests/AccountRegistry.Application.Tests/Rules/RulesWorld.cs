using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>
/// A fresh database per test (evaluations cover every account, so tests must not see each other's), with the
/// application's services over it and a fake clock at 10:00 Shanghai time on <see cref="T"/>.
/// </summary>
internal sealed class RulesWorld : IAsyncDisposable
{
    public static readonly DateOnly T = new(2026, 11, 23);

    private RulesWorld(string connectionString)
    {
        ConnectionString = connectionString;
        Clock = new FakeTimeProvider(ShanghaiCalendar.StartOf(T).AddHours(10));
        Services = AppServices.Build(connectionString, Clock);
    }

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public static async Task<RulesWorld> CreateAsync(DatabaseFixture fixture) =>
        new(await fixture.Server.CreateDatabaseAsync());

    public static DateTimeOffset Shanghai(int year, int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, ShanghaiCalendar.Offset);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public RegistryDbContext Context() => RegistryDbContextOptions.Create(ConnectionString);

    public async Task<Unit> UnitAsync(string code, UnitLevel level, Unit? parent = null, string? name = null)
    {
        await using var db = Context();
        var unit = new Unit { Code = code, Name = name ?? code, Level = level, ParentId = parent?.Id };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        await UnitPaths.RecomputeAsync(db);
        return unit;
    }

    public async Task<Account> AccountAsync(
        Unit unit,
        string accountId,
        Platform platform = Platform.Wechat,
        DateOnly? openedOn = null,
        string? @operator = "张敏",
        bool providesServices = false,
        bool isHub = false,
        AccountStatus status = AccountStatus.Active,
        string? name = null)
    {
        await using var db = Context();
        var account = new Account
        {
            Platform = platform,
            PlatformAccountId = accountId,
            Name = name ?? accountId,
            UnitId = unit.Id,
            OpenedOn = openedOn ?? new DateOnly(2020, 1, 1),
            Operator = @operator,
            ProvidesServices = providesServices,
            IsHub = isHub,
            Status = status,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<Post> PostAsync(Account account, DateTimeOffset publishedAt, bool isOriginal = true, long? reads = null)
    {
        await using var db = Context();
        var post = new Post
        {
            AccountId = account.Id,
            PlatformPostId = $"p{Guid.NewGuid():N}",
            PublishedAt = publishedAt,
            Title = "标题",
            Content = "内容",
            IsOriginal = isOriginal,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        if (reads is { } figure)
        {
            await SnapshotAsync(post, publishedAt.AddHours(1), figure);
        }

        return post;
    }

    /// <summary>Posts on each of the days, at noon Shanghai time.</summary>
    public async Task PostsAsync(Account account, IEnumerable<DateOnly> days, bool isOriginal = true, long? reads = null)
    {
        foreach (var day in days)
        {
            await PostAsync(account, ShanghaiCalendar.StartOf(day).AddHours(12), isOriginal, reads);
        }
    }

    public async Task SnapshotAsync(Post post, DateTimeOffset capturedAt, long reads)
    {
        await using var db = Context();
        db.ReadSnapshots.Add(new ReadSnapshot { PostId = post.Id, CapturedAt = capturedAt, Reads = reads });
        await db.SaveChangesAsync();
    }

    public async Task CopyAsync(Post copy, Post source)
    {
        await using var db = Context();
        db.NearDuplicates.Add(new NearDuplicate { PostId = copy.Id, SourcePostId = source.Id, Similarity = 0.9 });
        await db.SaveChangesAsync();
    }

    public async Task<RunEvaluation.Result> EvaluateAsync(DateOnly asOf, string by = "test")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>()
            .HandleAsync(new RunEvaluation.Command(asOf, by), TestContext.Current.CancellationToken);
    }

    public async Task<Dictionary<string, EvaluationResult>> ResultsAsync(long evaluationId)
    {
        await using var db = Context();
        return await (from r in db.EvaluationResults
                      join a in db.Accounts on r.AccountId equals a.Id
                      where r.EvaluationId == evaluationId
                      select new { a.PlatformAccountId, r })
            .ToDictionaryAsync(x => x.PlatformAccountId, x => x.r, TestContext.Current.CancellationToken);
    }

    /// <summary>The facts the SQL gathers, by account_id.</summary>
    public async Task<Dictionary<string, AccountFacts>> FactsAsync(DateOnly asOf, int windowDays = 90, bool bulkRefresh = false)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await RuleFacts.RefreshAsync(connection, TestContext.Current.CancellationToken, bulkRefresh ? 0 : RuleFacts.BulkRefreshAbove);
        var facts = new Dictionary<string, AccountFacts>(StringComparer.Ordinal);
        await foreach (var row in RuleFacts.ReadAsync(connection, new EvaluationDay(asOf, windowDays), RuleFacts.Scope.Everything, TestContext.Current.CancellationToken))
        {
            facts.Add(row.Facts.PlatformAccountId, row.Facts);
        }

        return facts;
    }

    public async Task<Dictionary<RuleCode, Flag>> FlagsAsync(Account account)
    {
        await using var db = Context();
        return await db.Flags.AsNoTracking().Where(f => f.AccountId == account.Id)
            .ToDictionaryAsync(f => f.Rule, TestContext.Current.CancellationToken);
    }

    public async Task<string> JsonAsync(long evaluationId)
    {
        await using var output = new StringWriter();
        await Get<EvaluationOutput.Handler>().WriteJsonAsync(evaluationId, output, TestContext.Current.CancellationToken);
        return output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
    }
}
