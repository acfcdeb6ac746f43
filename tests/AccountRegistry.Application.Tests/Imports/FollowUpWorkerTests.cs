using System.Globalization;
using System.Text;
using AccountRegistry.Application.Imports;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>The background worker that drains the follow-up queues, in two "app instances" sharing one database.</summary>
public sealed class FollowUpWorkerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstances_DrainEveryQueuedPost_WhileTheImportAnsweredBeforeTheWork()
    {
        var settings = new Dictionary<string, string?> { ["FollowUp:Enabled"] = "true", ["FollowUp:PollSeconds"] = "1" };
        var clock = new FakeTimeProvider(ImportFixture.Now);
        await using var first = AppServices.Build(fixture.ConnectionString, clock, settings);
        await using var second = AppServices.Build(fixture.ConnectionString, clock, settings);
        var imported = await ImportFixture.ImportBytesAsync(first, Files(posts: 600));
        var queued = await BacklogAsync(first);

        var workers = new[] { first.GetRequiredService<FollowUpWorker>(), second.GetRequiredService<FollowUpWorker>() };
        foreach (var worker in workers)
        {
            await worker.StartAsync(Ct);
        }

        FollowUpWork.Backlog? drained = null;
        for (var i = 0; i < 600 && drained is not { Total: 0 }; i++)
        {
            await Task.Delay(50, Ct);
            drained = await BacklogAsync(first);
        }

        foreach (var worker in workers)
        {
            await worker.StopAsync(Ct);
        }

        Assert.True(imported.Succeeded);
        Assert.Equal(new FollowUpWork.Backlog(600, 600), queued);
        Assert.Equal(new FollowUpWork.Backlog(0, 0), drained);
        // Only this test's posts: the class's other test fingerprints its own in the same database.
        Assert.Equal(600L, await ScalarAsync("SELECT count(*) FROM post_fingerprints f JOIN posts p ON p.id = f.post_id WHERE p.platform_post_id LIKE 'fu%'"));
    }

    [Fact]
    public async Task AnotherInstanceDraining_ThisWorkerLeavesTheQueueToIt()
    {
        var clock = new FakeTimeProvider(ImportFixture.Now);
        await using var services = AppServices.Build(fixture.ConnectionString, clock);
        await ImportFixture.ImportBytesAsync(services, Files(posts: 5, prefix: "busy"));

        int failures;
        await using (var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await other.OpenAsync(Ct);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Common.SessionAdvisoryLock.FollowUpKey})", other);
            await take.ExecuteNonQueryAsync(Ct);
            failures = await services.GetRequiredService<FollowUpWorker>().DrainOnceAsync(Ct);
            Assert.True((await BacklogAsync(services)).Total > 0);

            // Released explicitly: a closed session's backend lets go of its locks only once it has exited.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Common.SessionAdvisoryLock.FollowUpKey})", other);
            await release.ExecuteNonQueryAsync(Ct);
        }

        await services.GetRequiredService<FollowUpWorker>().DrainOnceAsync(Ct);

        Assert.Equal(0, failures);
        Assert.Equal(0, (await BacklogAsync(services)).Total);
    }

    private static async Task<FollowUpWork.Backlog> BacklogAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FollowUpWork>().BacklogAsync(Ct);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var db = new NpgsqlConnection(fixture.ConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    private static (string, byte[])[] Files(int posts, string prefix = "fu")
    {
        var lines = new StringBuilder("platform,account_id,post_id,published_at,title,content,is_original,url\n");
        for (var i = 0; i < posts; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"wechat,gh_{prefix},{prefix}{i},2026-11-{1 + (i % 20):00}T08:00:00+08:00,第{i}期通知,关于第{i}项工作的安排与落实情况说明{i * 7919},true,\n");
        }

        return
        [
            ("units.csv", Encoding.UTF8.GetBytes($"code,name,level,parent_code\n{prefix}-C,某县,county,\n")),
            ("accounts.csv", Encoding.UTF8.GetBytes($"platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\nwechat,gh_{prefix},甲,{prefix}-C,2018-01-01,李,,,\n")),
            ("posts.csv", Encoding.UTF8.GetBytes(lines.ToString())),
        ];
    }
}
