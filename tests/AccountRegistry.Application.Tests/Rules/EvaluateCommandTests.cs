using System.Text.Json.Nodes;
using AccountRegistry.Application.Rules;
using AccountRegistry.Cli;
using AccountRegistry.Domain.Common;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>`registry evaluate` and the nightly run answer for the data as stored, whatever follow-up work an import left queued.</summary>
public sealed class EvaluateCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// spec/rules.md: DUPLICATE_CONTENT fires when "at least half of them are near-duplicates of a post by another
    /// account published at or before them", a property of the stored posts. `import --no-wait` (or `seed-demo`)
    /// leaves the new posts queued for fingerprints; an evaluation run then must not read the copies as absent.
    /// </summary>
    [Fact]
    public async Task Evaluate_AfterAnImportThatLeftFingerprintsQueued_StillFindsTheCopies()
    {
        var connection = await ImportCopiesLeavingFingerprintsQueuedAsync();

        var (exit, output, error) = await RunAsync("--connection", connection, "evaluate", "--as-of", "2026-11-23", "--json");

        Assert.True(exit == 0, error);
        var accounts = JsonNode.Parse(output)!["accounts"]!.AsArray();
        var copy = accounts.Single(a => (string?)a!["account_id"] == "wb_copy")!;
        Assert.Equal(["DUPLICATE_CONTENT"], copy["rules"]!.AsArray().Select(r => (string?)r));
        var source = accounts.Single(a => (string?)a!["account_id"] == "gh_source")!;
        Assert.Empty(source["rules"]!.AsArray());
    }

    /// <summary>The app's nightly run catches up the same way: an import just before it must not hide its copies.</summary>
    [Fact]
    public async Task NightlyRun_AfterAnImportThatLeftFingerprintsQueued_StillFindsTheCopies()
    {
        var connection = await ImportCopiesLeavingFingerprintsQueuedAsync();
        var clock = new FakeTimeProvider(ShanghaiCalendar.StartOf(new DateOnly(2026, 11, 23)).AddHours(2).ToUniversalTime());
        await using var services = AppServices.Build(connection, clock);

        var result = await services.GetRequiredService<NightlyEvaluation>().RunOnceAsync(new DateOnly(2026, 11, 23), Ct);

        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Equal(1, await CopyFlaggedAsDuplicateContentAsync(connection, result.EvaluationId));
    }

    /// <summary>
    /// 立即评估 is a stored run started by a user: it catches up as the nightly run does. A thresholds preview stores
    /// nothing and leaves the queue to the worker.
    /// </summary>
    [Fact]
    public async Task EvaluateNow_AfterAnImportThatLeftFingerprintsQueued_FindsTheCopies_WhileAPreviewLeavesTheQueue()
    {
        var connection = await ImportCopiesLeavingFingerprintsQueuedAsync();
        var queued = await ScalarAsync(connection, "SELECT count(*) FROM post_fingerprint_queue");
        var clock = new FakeTimeProvider(ShanghaiCalendar.StartOf(new DateOnly(2026, 11, 23)).AddHours(10).ToUniversalTime());
        await using var services = AppServices.Build(connection, clock);
        await using var scope = services.CreateAsyncScope();
        var evaluation = scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>();

        await evaluation.HandleAsync(new RunEvaluation.Command(new DateOnly(2026, 11, 23), "reviewer") { Store = false }, Ct);
        Assert.Equal(queued, await ScalarAsync(connection, "SELECT count(*) FROM post_fingerprint_queue"));

        var result = await evaluation.HandleAsync(new RunEvaluation.Command(new DateOnly(2026, 11, 23), "reviewer"), Ct);

        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM post_fingerprint_queue"));
        Assert.Equal(1, await CopyFlaggedAsDuplicateContentAsync(connection, result.EvaluationId));
    }

    /// <summary>The <see cref="Cli.CopiedStories"/> imported with --no-wait: their fingerprints stay queued.</summary>
    private async Task<string> ImportCopiesLeavingFingerprintsQueuedAsync()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("registry-evaluate-");
        try
        {
            await Cli.CopiedStories.WriteAsync(directory.FullName, withReads: false, Ct);

            var (imported, _, importErrors) = await RunAsync("--connection", connection, "import", directory.FullName, "--no-wait");
            Assert.True(imported == 0, importErrors);
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM post_fingerprint_queue") > 0);
            return connection;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>1 when the run's only verdict for wb_copy is DUPLICATE_CONTENT.</summary>
    private static Task<long> CopyFlaggedAsDuplicateContentAsync(string connection, long? evaluationId) => ScalarAsync(connection, $"""
        SELECT count(*) FROM evaluation_results r JOIN accounts a ON a.id = r.account_id
        WHERE r.evaluation_id = {evaluationId} AND a.platform_account_id = 'wb_copy' AND r.rules = ARRAY['DUPLICATE_CONTENT']
        """);

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        await db.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error, Ct);
        return (exit, output.ToString(), error.ToString());
    }
}
