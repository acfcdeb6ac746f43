using System.Globalization;
using System.Text.Json;
using AccountRegistry.Application;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Cli;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountRegistry.Application.Tests.Operations;

/// <summary>scripts/backup then scripts/restore into a fresh PostgreSQL cluster: the evaluation and the dashboard's figures come out identical.</summary>
public sealed class BackupRestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BackupRestoredIntoAFreshCluster_GivesTheSameEvaluationAndDashboard()
    {
        await using var fresh = await PostgresServer.StartDedicatedAsync();
        Assert.SkipWhen(fresh is null, "ACCOUNTREGISTRY_TEST_DB names an external server; this test needs a cluster of its own to restore into.");
        var source = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var asOf = ShanghaiCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(0, await CliAsync(source, "seed-demo"));
        Assert.Equal(0, await CliAsync(source, "evaluate", "--as-of", asOf));
        var file = Path.Combine(Path.GetTempPath(), $"ar-backup-{Guid.NewGuid():N}.dump");
        try
        {
            var backup = await RepositoryScripts.RunAsync("scripts/backup", [file, "--connection", source]);
            Assert.True(backup.ExitCode == 0, backup.Output);
            var target = await fresh!.CreateEmptyDatabaseAsync();
            var restore = await RepositoryScripts.RunAsync("scripts/restore", [file, "--connection", target]);
            Assert.True(restore.ExitCode == 0, restore.Output);
            var again = await RepositoryScripts.RunAsync("scripts/restore", [file, "--connection", target]);

            var sourceEvaluation = await EvaluateJsonAsync(source, asOf);
            var targetEvaluation = await EvaluateJsonAsync(target, asOf);
            var sourceDashboard = await DashboardAsync(source, asOf);
            var targetDashboard = await DashboardAsync(target, asOf);

            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already holds", again.Output, StringComparison.Ordinal);
            Assert.Contains("\"accounts\"", sourceEvaluation, StringComparison.Ordinal);
            Assert.Equal(sourceEvaluation, targetEvaluation);
            Assert.Equal(sourceDashboard, targetDashboard);
            Assert.Equal(await CountsAsync(source), await CountsAsync(target));
        }
        finally
        {
            File.Delete(file);
            NpgsqlConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Backup_OfAnUnreachableDatabase_FailsAndLeavesNoFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ar-backup-{Guid.NewGuid():N}.dump");

        var result = await RepositoryScripts.RunAsync("scripts/backup", [file, "--connection", "Host=127.0.0.1;Port=1;Database=registry;Username=postgres"]);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));
    }

    private static async Task<int> CliAsync(string connection, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", connection, .. arguments], output, error, Ct);
        Assert.True(exit == 0, error.ToString());
        return exit;
    }

    private static async Task<string> EvaluateJsonAsync(string connection, string asOf)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", connection, "evaluate", "--as-of", asOf, "--json"], output, error, Ct);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }

    private static async Task<string> DashboardAsync(string connection, string asOf)
    {
        await using var provider = AppServices.Build(connection, TimeProvider.System);
        await using var scope = provider.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<DashboardFigures.Handler>();
        var day = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = await figures.SummaryAsync(day, UserScope.System, Ct);
        var reach = await figures.ReachAsync(day, UserScope.System, cancellationToken: Ct);
        return JsonSerializer.Serialize(new { summary, reach });
    }

    private static async Task<string> CountsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT format('units %s, accounts %s, posts %s, reads %s, flags %s, evaluations %s, users %s',
              (SELECT count(*) FROM units), (SELECT count(*) FROM accounts), (SELECT count(*) FROM posts),
              (SELECT count(*) FROM read_snapshots), (SELECT count(*) FROM flags), (SELECT count(*) FROM evaluations),
              (SELECT count(*) FROM asp_net_users))
            """, db);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
