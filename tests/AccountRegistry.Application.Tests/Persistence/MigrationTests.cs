using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Audit;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Tests.Persistence;

public sealed class MigrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesSnakeCaseSchemaWithNoPendingChanges()
    {
        var connectionString = await fixture.Server.CreateEmptyDatabaseAsync();
        await using var db = RegistryDbContextOptions.Create(connectionString);

        await RegistryMigrations.MigrateAsync(db, TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration.");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 'accounts'", connection);
        var columns = (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.Contains("platform_account_id", columns, StringComparison.Ordinal);
        Assert.Contains("merged_into_account_id", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("PlatformAccountId", columns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_RoundTripsEveryEntityThroughPostgres()
    {
        var county = await fixture.InsertAsync(new Unit { Code = "430104", Name = "岳麓区", Level = UnitLevel.County });
        var street = await fixture.InsertAsync(new Unit { Code = "430104-012", Name = "望岳街道办事处", Level = UnitLevel.Street, ParentId = county.Id });
        await fixture.QueryAsync(db => UnitPaths.RecomputeAsync(db));
        var hub = await fixture.InsertAsync(new Account
        {
            Platform = Platform.Wechat, PlatformAccountId = "gh_hub", Name = "指尖岳麓", UnitId = county.Id,
            OpenedOn = new DateOnly(2015, 3, 1), Operator = "张敏", IsHub = true,
        });
        var account = await fixture.InsertAsync(new Account
        {
            Platform = Platform.Wechat, PlatformAccountId = "gh_wy", Name = "望岳优生活", UnitId = street.Id,
            OpenedOn = new DateOnly(2017, 6, 5), ProvidesServices = true, Status = AccountStatus.Merged,
            StatusChangedOn = new DateOnly(2026, 10, 1), MergedIntoAccountId = hub.Id,
        });
        var published = new DateTimeOffset(2019, 5, 8, 9, 30, 0, TimeSpan.FromHours(8));
        var post = await fixture.InsertAsync(new Post
        {
            AccountId = account.Id, PlatformPostId = "p1", PublishedAt = published, Title = "社区开展垃圾分类宣传",
            Content = "内容𠀀", IsOriginal = false, Url = "https://mp.weixin.qq.com/s/x",
        });
        await fixture.InsertAsync(new ReadSnapshot { PostId = post.Id, CapturedAt = published.AddDays(1), Reads = 43, Likes = 2, Shares = null });

        await using var db = fixture.CreateContext();
        var unitPath = await db.Units.Where(u => u.Id == street.Id).Select(u => u.Path).SingleAsync(TestContext.Current.CancellationToken);
        var storedAccount = await db.Accounts.Include(a => a.MergedInto).SingleAsync(a => a.Id == account.Id, TestContext.Current.CancellationToken);
        var storedPost = await db.Posts.SingleAsync(p => p.Id == post.Id, TestContext.Current.CancellationToken);
        var storedSnapshot = await db.ReadSnapshots.SingleAsync(r => r.PostId == post.Id, TestContext.Current.CancellationToken);

        Assert.Equal($"/{county.Id}/{street.Id}/", unitPath);
        Assert.Equal(AccountStatus.Merged, storedAccount.Status);
        Assert.Equal("指尖岳麓", storedAccount.MergedInto?.Name);
        Assert.True(storedAccount.ProvidesServices);
        Assert.Null(storedAccount.Operator);
        Assert.NotEqual(0u, storedAccount.Version);
        Assert.Equal(published, storedPost.PublishedAt);
        Assert.Equal("内容𠀀", storedPost.Content);
        Assert.False(storedPost.IsOriginal);
        Assert.Equal(43, storedSnapshot.Reads);
        Assert.Null(storedSnapshot.Shares);
    }

    [Fact]
    public async Task AuditEntries_CannotBeUpdatedOrDeleted()
    {
        await fixture.InsertAsync(new AuditEntry { At = DateTimeOffset.UtcNow, Actor = "reviewer", Action = "account.closed", Summary = "original" });

        var update = await Assert.ThrowsAsync<PostgresException>(() => fixture.ScalarAsync("UPDATE audit_entries SET summary = 'changed'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => fixture.ScalarAsync("DELETE FROM audit_entries"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM audit_entries WHERE summary = 'original'"));
    }

    [Fact]
    public async Task ConcurrentEditsOfOneAccount_SecondSaveConflicts()
    {
        var county = await fixture.InsertAsync(new Unit { Code = "C-CONC", Name = "县", Level = UnitLevel.County });
        var account = await fixture.InsertAsync(new Account
        {
            Platform = Platform.Weibo, PlatformAccountId = "conc", Name = "甲", UnitId = county.Id, OpenedOn = new DateOnly(2020, 1, 1),
        });
        await using var first = fixture.CreateContext();
        await using var second = fixture.CreateContext();
        var a1 = await first.Accounts.SingleAsync(a => a.Id == account.Id, TestContext.Current.CancellationToken);
        var a2 = await second.Accounts.SingleAsync(a => a.Id == account.Id, TestContext.Current.CancellationToken);

        a1.Name = "乙";
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        a2.Name = "丙";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
    }
}
