using System.Globalization;
using System.Text;
using AccountRegistry.Application;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AccountRegistry.Web.Tests.Operations;

/// <summary>
/// Work cut off halfway leaves nothing behind: an import cancelled in the middle of a file stores none of its rows,
/// and a stored evaluation interrupted while writing stores nothing, and run again gives exactly what an
/// uninterrupted run gives on the same data.
/// </summary>
public sealed class InterruptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_CancelledInTheMiddleOfAFile_StoresNothing_AndTheSameFileLaterImportsWhole()
    {
        await using var services = await ServicesAsync(seedDemo: false);
        var before = await SnapshotAsync(services.ConnectionString);
        var directory = Directory.CreateTempSubdirectory("ar-interrupted-");
        try
        {
            var file = Path.Combine(directory.FullName, "posts.csv");
            await WritePostsAsync(file, rows: 60_000);
            using var cancel = new CancellationTokenSource();
            var progress = new CancelOnProgress(cancel, afterRows: 25_000);
            var import = services.Provider.GetRequiredService<ImportFiles.Handler>();
            var command = new ImportFiles.Command([new ImportFiles.InputFile(file, "posts.csv")]);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.HandleAsync(command, UserScope.System, progress, cancel.Token));
            var afterCancel = await SnapshotAsync(services.ConnectionString);
            var whole = await import.HandleAsync(command, UserScope.System, null, Ct);

            Assert.True(progress.Cancelled);
            Assert.Equal(before, afterCancel);
            Assert.True(whole.Succeeded);
            Assert.Equal(before.Posts + 60_000, (await SnapshotAsync(services.ConnectionString)).Posts);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Evaluation_InterruptedWhileWriting_StoresNothing_AndRunAgainGivesTheUninterruptedResult()
    {
        await using var reference = await ServicesAsync(seedDemo: true);
        await using var interrupted = await ServicesAsync(seedDemo: true);
        var asOf = ShanghaiCalendar.Today(TimeProvider.System);
        // The nightly job's own command: skips when busy or when tonight's run is stored, so a rerun after an
        // interruption proves the interrupted run left no stored trace.
        var command = new RunEvaluation.Command(asOf, Domain.Rules.Evaluation.Nightly) { Lock = RunEvaluation.LockMode.SkipIfBusy, OncePerDay = true };
        var referenceRun = await reference.Provider.GetRequiredService<RunEvaluation.Handler>().HandleAsync(command, Ct);
        var before = await EvaluationStateAsync(interrupted.ConnectionString);

        // Hold the flags table so the run stops inside its transaction, after it wrote its results; then cut it off.
        await using (var blocker = new NpgsqlConnection(interrupted.ConnectionString))
        {
            await blocker.OpenAsync(Ct);
            await using var hold = await blocker.BeginTransactionAsync(Ct);
            await using (var lockFlags = new NpgsqlCommand("LOCK TABLE flags IN ACCESS EXCLUSIVE MODE", blocker, hold))
            {
                await lockFlags.ExecuteNonQueryAsync(Ct);
            }

            using var cancel = new CancellationTokenSource();
            var run = interrupted.Provider.GetRequiredService<RunEvaluation.Handler>().HandleAsync(command, cancel.Token);
            await WaitUntilBlockedAsync(interrupted.ConnectionString, run);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => run);
            await hold.RollbackAsync(Ct);
        }

        var afterInterruption = await EvaluationStateAsync(interrupted.ConnectionString);
        var rerun = await interrupted.Provider.GetRequiredService<RunEvaluation.Handler>().HandleAsync(command, Ct);

        Assert.Equal(before, afterInterruption);
        Assert.Equal(RunEvaluation.Outcome.Evaluated, rerun.Outcome);
        Assert.Equal(referenceRun.AccountCount, rerun.AccountCount);
        Assert.Equal(await ResultsAsync(reference.ConnectionString, referenceRun.EvaluationId!.Value), await ResultsAsync(interrupted.ConnectionString, rerun.EvaluationId!.Value));
        Assert.Equal(await FlagsAsync(reference.ConnectionString), await FlagsAsync(interrupted.ConnectionString));
        Assert.NotEmpty(await FlagsAsync(interrupted.ConnectionString));
    }

    private static async Task WaitUntilBlockedAsync(string connectionString, Task run)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        for (var attempt = 0; attempt < 600 && !run.IsCompleted; attempt++)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", connection);
            waiting.Parameters.AddWithValue("db", database!);
            if ((long)(await waiting.ExecuteScalarAsync(Ct))! > 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The evaluation never reached the locked flags table" + (run.IsFaulted ? ": " + run.Exception : "."));
    }

    private static async Task<string> ResultsAsync(string connectionString, long evaluationId) =>
        await TextAsync(connectionString, $"""
            SELECT string_agg(format('%s %s %s %s', account_id, recommendation, rules, merge_target_account_id), E'\n' ORDER BY account_id)
            FROM evaluation_results WHERE evaluation_id = {evaluationId}
            """);

    private static async Task<string> FlagsAsync(string connectionString) =>
        await TextAsync(connectionString, "SELECT coalesce(string_agg(format('%s %s %s', account_id, rule, status), E'\\n' ORDER BY account_id, rule), '') FROM flags");

    private static async Task<string> EvaluationStateAsync(string connectionString) =>
        await TextAsync(connectionString,
            "SELECT format('%s evaluations, %s results, %s flags', (SELECT count(*) FROM evaluations), (SELECT count(*) FROM evaluation_results), (SELECT count(*) FROM flags))");

    private static async Task<Snapshot> SnapshotAsync(string connectionString) =>
        new(
            long.Parse(await TextAsync(connectionString, "SELECT count(*) FROM posts"), CultureInfo.InvariantCulture),
            await TextAsync(connectionString, "SELECT coalesce(md5(string_agg(id::text || platform_post_id || coalesce(title, ''), ',' ORDER BY id)), '') FROM posts"));

    private static async Task<string> TextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static async Task WritePostsAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("platform,account_id,post_id,published_at,title,content,is_original,url");
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wechat,gh_interrupt_test,int-{i},{start.AddMinutes(i):yyyy-MM-ddTHH:mm:sszzz},第{i}期,内容{i},true,"));
        }
    }

    private static async Task<DemoServices> ServicesAsync(bool seedDemo)
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var provider = AppServices.Build(connectionString, TimeProvider.System);
        await using (var scope = provider.CreateAsyncScope())
        {
            if (seedDemo)
            {
                await scope.ServiceProvider.GetRequiredService<DemoCounty.Seeder>().SeedAsync(Ct);
            }
        }

        await using (var db = RegistryDbContextOptions.Create(connectionString))
        {
            if (!seedDemo)
            {
                db.Units.Add(new Domain.Units.Unit { Code = "INT-C", Name = "中断测试县", Level = Domain.Units.UnitLevel.County, Path = "/" });
                await db.SaveChangesAsync(Ct);
            }

            db.Accounts.Add(new Account
            {
                Platform = Platform.Wechat, PlatformAccountId = "gh_interrupt_test", Name = "中断测试", OpenedOn = new DateOnly(2020, 1, 1),
                UnitId = db.Units.Min(u => u.Id),
            });
            await db.SaveChangesAsync(Ct);
        }

        return new DemoServices(provider, connectionString);
    }

    private sealed record Snapshot(long Posts, string Checksum);

    private sealed record DemoServices(ServiceProvider Provider, string ConnectionString) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }

    /// <summary>Cancels once the import reports it has read <c>afterRows</c> rows: the middle of the file.</summary>
    private sealed class CancelOnProgress(CancellationTokenSource cancel, long afterRows) : IProgress<ImportProgress>
    {
        public bool Cancelled { get; private set; }

        public void Report(ImportProgress value)
        {
            if (value.Phase == ImportPhase.Reading && value.RowsRead >= afterRows && !Cancelled)
            {
                Cancelled = true;
                cancel.Cancel();
            }
        }
    }
}
