using AccountRegistry.Cli;
using AccountRegistry.TestSupport;
using Npgsql;

namespace AccountRegistry.Application.Tests.Persistence;

/// <summary>
/// `registry migrate` on databases that the 18 development migrations built before they were squashed into one
/// Initial. scripts/check-migration-squash.sh proves that both build the same schema; here the history the old chain
/// leaves is written by hand onto that schema, as an installation upgraded to this release would have it.
/// </summary>
public sealed class SquashedMigrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>What `__ef_migrations_history` listed on a database the old chain migrated, oldest first.</summary>
    private static readonly string[] OldChain =
    [
        "20261123112350_Initial", "20261123113615_CollectorApiKeys", "20261123123255_RulesAndFlags", "20261123125200_Reviews",
        "20261123131434_ClosureRequests", "20261123132911_NearDuplicateFingerprints", "20261123140327_NearDuplicateQueue",
        "20261123141554_RulesStorageTuning", "20261129231806_ContentInspection", "20261129232138_DashboardFigures",
        "20261206022134_PinyinCollation", "20261206022504_InspectionAndInteractions", "20261206023015_NearDuplicateSketch",
        "20261206050910_FilingRegister", "20261206053736_InspectionRounds", "20261206062642_Rectification",
        "20261206082759_InspectionReportTemplate", "20261206083223_ProvinceRollups",
    ];

    /// <summary>The migrations added on top of the squashed Initial, in order.</summary>
    private static readonly string[] SinceSquash = ["20261206193407_AccountDaysWindowIndex", "20261207001034_EvaluationResultsWithoutRunKey", "20261207030635_InspectionEnumCodes", "20261207050527_FlagsSeenFromTheRuns", "20261207053217_AccountLastPostDays"];

    private static string ProductVersion => typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    [Fact]
    public async Task Migrate_DatabaseTheOldChainMigrated_AppliesNothingKeepsItsRowsAndListsTheSquashedMigration()
    {
        var connectionString = await fixture.Server.CreateEmptyDatabaseAsync();
        var (firstExit, firstOutput, _) = await MigrateAsync(connectionString);
        Assert.Equal(0, firstExit);
        Assert.Contains("20261206083223_Initial", firstOutput, StringComparison.Ordinal);

        // The old chain's schema is the squashed Initial's: undo what the migrations since the squash added.
        await ExecuteAsync(connectionString, "DROP INDEX ix_account_days_window");
        await ExecuteAsync(connectionString, """
            DROP TRIGGER evaluations_delete_results ON evaluations;
            DROP FUNCTION evaluation_results_follow_deleted_runs();
            ALTER TABLE evaluation_results ADD CONSTRAINT fk_evaluation_results_evaluations_evaluation_id
                FOREIGN KEY (evaluation_id) REFERENCES evaluations (id) ON DELETE CASCADE
            """);
        await ExecuteAsync(connectionString, "DROP VIEW flags_current; ALTER TABLE flags DROP COLUMN firing; DROP TABLE account_last_days");
        await ExecuteAsync(connectionString, "DELETE FROM __ef_migrations_history");
        foreach (var id in OldChain)
        {
            await ExecuteAsync(connectionString, $"INSERT INTO __ef_migrations_history VALUES ('{id}', '10.0.0')");
        }

        await ExecuteAsync(connectionString, "INSERT INTO units (code, name, level, path) VALUES ('430104', '岳麓区', 'county', '/1/')");

        var (exit, output, error) = await MigrateAsync(connectionString);

        // The old rows became the Initial's one; the migrations since the squash then ran as on any database.
        Assert.True(exit == 0, error);
        Assert.Contains($"Applied {SinceSquash.Length} migration(s): {string.Join(", ", SinceSquash)}", output, StringComparison.Ordinal);
        Assert.Equal(["20261206083223_Initial:10.0.0", .. SinceSquash.Select(id => $"{id}:{ProductVersion}")], await HistoryAsync(connectionString));
        Assert.NotNull(await ScalarAsync(connectionString, "SELECT to_regclass('ix_account_days_window')::text"));
        Assert.Null(await ScalarAsync(connectionString, "SELECT conname::text FROM pg_constraint WHERE conname = 'fk_evaluation_results_evaluations_evaluation_id'"));
        Assert.Equal("岳麓区", await ScalarAsync(connectionString, "SELECT name FROM units WHERE code = '430104'"));
    }

    [Fact]
    public async Task Migrate_DatabaseThatStoppedPartWayThroughTheOldChain_RefusesNamingTheWayOutAndChangesNothing()
    {
        var connectionString = await fixture.Server.CreateEmptyDatabaseAsync();
        await ExecuteAsync(connectionString,
            "CREATE TABLE __ef_migrations_history (\"MigrationId\" varchar(150) PRIMARY KEY, \"ProductVersion\" varchar(32) NOT NULL)");
        foreach (var id in OldChain.Take(7))
        {
            await ExecuteAsync(connectionString, $"INSERT INTO __ef_migrations_history VALUES ('{id}', '10.0.0')");
        }

        var (exit, _, error) = await MigrateAsync(connectionString);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("7 of 18 are applied, the last 20261123140327_NearDuplicateQueue", error, StringComparison.Ordinal);
        Assert.Contains("previous release", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
        Assert.Equal(OldChain.Take(7).Select(id => $"{id}:10.0.0"), await HistoryAsync(connectionString));
        Assert.Null(await ScalarAsync(connectionString, "SELECT to_regclass('units')::text"));
    }

    private static async Task<(int Exit, string Output, string Error)> MigrateAsync(string connectionString)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", connectionString, "migrate"], output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<List<string>> HistoryAsync(string connectionString)
    {
        var rows = await ScalarAsync(connectionString,
            "SELECT string_agg(\"MigrationId\" || ':' || \"ProductVersion\", ',' ORDER BY \"MigrationId\") FROM __ef_migrations_history");
        return rows?.Split(',').ToList() ?? [];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }
}
