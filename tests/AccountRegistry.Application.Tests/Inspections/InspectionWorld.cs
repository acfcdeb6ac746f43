using System.Text.Json.Nodes;
using AccountRegistry.Cli;
using AccountRegistry.TestSupport;
using Npgsql;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// A fresh database per test (an inspection covers every account), filled through `registry import` from CSV text
/// and inspected through `registry inspect --json`: the files and the command of spec/inspection.md end to end.
/// </summary>
internal sealed class InspectionWorld
{
    /// <summary>Check point T: Monday 2026-11-23. P runs from 2026-08-26 to T.</summary>
    public const string T = "2026-11-23";

    public const string UnitsCsv =
        """
        code,name,level,parent_code
        C,岳麓区人民政府,county,
        D,区商务局,department,C
        """;

    private InspectionWorld(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<InspectionWorld> CreateAsync(DatabaseFixture fixture) => new(await fixture.Server.CreateDatabaseAsync());

    /// <summary>Imports the files (name → CSV text) with `registry import`; returns exit code and stderr.</summary>
    public async Task<(int Exit, string Error)> ImportAsync(params (string Name, string Content)[] files)
    {
        var directory = Directory.CreateTempSubdirectory("ar-inspect-test-");
        try
        {
            foreach (var (name, content) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, name), content, TestContext.Current.CancellationToken);
            }

            var (exit, _, error) = await RunAsync("import", directory.FullName);
            return (exit, error);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        // Not disposed: `import` reports progress through Progress<T>, whose last callbacks may arrive after it returns.
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", ConnectionString, .. arguments], output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs `registry inspect --as-of T --json` and returns the parsed output.</summary>
    public async Task<JsonObject> InspectAsync(string asOf = T)
    {
        var (exit, output, error) = await RunAsync("inspect", "--as-of", asOf, "--json");
        Assert.True(exit == ExitCodes.Success, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static JsonObject Account(JsonObject inspection, string accountId) =>
        inspection["accounts"]!.AsArray().Single(a => (string)a!["account_id"]! == accountId)!.AsObject();

    public static string[] Vetoes(JsonObject inspection, string accountId) =>
        [.. Account(inspection, accountId)["vetoes"]!.AsArray().Select(v => (string)v!)];

    public static string Deductions(JsonObject inspection, string accountId) =>
        Account(inspection, accountId)["deductions"]!.ToJsonString();

    public static string[] Warnings(JsonObject inspection, string accountId) =>
        [.. inspection["warnings"]!.AsArray().Where(w => (string)w!["account_id"]! == accountId).Select(w => (string)w!["code"]!)];

    /// <summary>Posts on each of the last five days before T (so no veto), original unless said otherwise.</summary>
    public static string RecentPosts(string platform, string accountId, bool original = true) =>
        string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"{platform},{accountId},{accountId}-r{i},2026-11-{23 - i:00}T09:00:00+08:00,标题{i},正文{i},{(original ? "true" : "false")},\n"));

    public const string PostsHeader = "platform,account_id,post_id,published_at,title,content,is_original,url\n";

    public const string AccountsHeader = "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status,interactive,filing_no\n";

    public const string InteractionsHeader = "platform,account_id,message_id,kind,received_at,replied_at,needs_reply\n";
}
