using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AccountRegistry.Cli;
using AccountRegistry.Domain.Closures;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AccountRegistry.Application.Tests.Cli;

public sealed class CommandLineTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Stats_Json_PrintsExactlyTheSpecShape()
    {
        await fixture.ScalarAsync("INSERT INTO units (code, name, level, path) VALUES ('S1', '县', 'county', '/x/') RETURNING id");

        var (exit, output, _) = await RunAsync("--connection", fixture.ConnectionString, "stats", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["units", "accounts", "posts", "read_snapshots"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("units").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("read_snapshots").GetInt64());

        // "exactly {"units": N, "accounts": N, "posts": N, "read_snapshots": N}": the spec's own spacing too, so a
        // checker comparing text rather than parsed JSON gets the same line.
        Assert.Equal("{\"units\": 1, \"accounts\": 0, \"posts\": 0, \"read_snapshots\": 0}" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Import_WaitingForTheFollowUp_StartsItOncePostsAreStored_AndLeavesNothingQueued()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("registry-cli-");
        try
        {
            await CopiedStories.WriteAsync(directory.FullName, withReads: true, TestContext.Current.CancellationToken);

            var (exit, output, error) = await RunAsync("--connection", connection, "import", directory.FullName);

            Assert.True(exit == 0, error);
            Assert.Contains("reads.csv", output, StringComparison.Ordinal);
            Assert.Contains($"follow-up: {CopiedStories.PostCount} posts to fingerprint, {CopiedStories.PostCount} to check, beside the rest of the import", error, StringComparison.Ordinal);
            Assert.Contains("follow-up done", error, StringComparison.Ordinal);
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT (SELECT count(*) FROM post_fingerprint_queue) + (SELECT count(*) FROM content_check_queue)"));
            Assert.Equal(3L, await ScalarAsync(connection, "SELECT count(*) FROM near_duplicates"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Migrate_OnAMigratedDatabase_SaysUpToDate()
    {
        var (exit, output, _) = await RunAsync("--connection", fixture.ConnectionString, "migrate");

        Assert.Equal(0, exit);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableDatabase_ExitsWithCode3AndSaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _, error) = await RunAsync("--connection", $"Host=127.0.0.1;Port={port};Username=postgres;Database=x", "stats");

        Assert.Equal(3, exit);
        Assert.Contains("unreachable", error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// spec/interchange.md: "Exit codes: 0 success, 1 invalid input, 2 usage error, 3 database unreachable". A database
    /// that answers but was never migrated holds no registry: like a database that does not exist, that is exit 3 with
    /// a sentence, not an unhandled exception (the runtime's abort, exit 134, and a stack trace).
    /// </summary>
    [Theory]
    [InlineData("stats", "--json")]
    [InlineData("evaluate", "--as-of", "2026-11-23", "--json")]
    [InlineData("import", "DIR")]
    public async Task UnmigratedDatabase_ExitsWithCode3AndSaysToMigrate(params string[] args)
    {
        var empty = await fixture.Server.CreateEmptyDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("registry-cli-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "units.csv"), "code,name,level,parent_code\nU-C,县,county,\n", TestContext.Current.CancellationToken);

            var (exit, output, error) = await RunAsync(["--connection", empty, .. args.Select(a => a == "DIR" ? directory.FullName : a)]);

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains("registry migrate", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("stats", "--jsn")]
    [InlineData("stats", "extra")]
    [InlineData("evaluate", "--as-of", "2026-02-29")]
    [InlineData("evaluate", "--as-of", "0001-01-01")]
    [InlineData("evaluate", "--as-of", "9999-12-31")]
    public async Task UsageErrors_ExitWithCode2(params string[] args)
    {
        var (exit, _, error) = await RunAsync(["--connection", fixture.ConnectionString, .. args]);

        Assert.Equal(2, exit);
        Assert.Contains("usage: registry", error, StringComparison.Ordinal);
    }

    /// <summary>A mistyped command is a usage error (exit 2) whatever the database: it is not even tried.</summary>
    [Theory]
    [InlineData("stats", "--jsn")]
    [InlineData("evaluate", "--as-of", "2026-13-01")]
    [InlineData("inspect", "--as-of", "x")]
    [InlineData("import")]
    public async Task UsageErrors_ExitWithCode2_EvenWithoutADatabase(params string[] args)
    {
        var unreachable = await RunAsync(["--connection", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", .. args]);
        var absent = await RunAsync(args);

        foreach (var (exit, _, error) in new[] { unreachable, absent })
        {
            Assert.Equal(2, exit);
            Assert.Contains("usage: registry " + args[0], error, StringComparison.Ordinal);
            Assert.DoesNotContain("database", error, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The CLI's options read settings as the web app's do: a year's holidays an operator adds count for `inspect`.</summary>
    [Fact]
    public async Task Configuration_DaysOffAddedByTheOperator_CountInTheDeadlines()
    {
        var friday = new DateOnly(2027, 2, 26);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Closures:DaysOff:0"] = "2027-03-01" })
            .Build();
        await using var configured = new CommandContext([], fixture.ConnectionString, TextWriter.Null, TextWriter.Null, configuration: configuration);
        await using var plain = new CommandContext([], fixture.ConnectionString, TextWriter.Null, TextWriter.Null, configuration: new ConfigurationBuilder().Build());

        Assert.Equal(new DateOnly(2027, 3, 1), plain.Get<ClosureDeadlines>().Calendar.AddWorkingDays(friday, 1));
        Assert.Equal(new DateOnly(2027, 3, 2), configured.Get<ClosureDeadlines>().Calendar.AddWorkingDays(friday, 1));
    }

    [Fact]
    public async Task Configuration_ByDefault_IsTheEnvironment()
    {
        Environment.SetEnvironmentVariable("AccountRegistryCliTest__Probe", "seen");
        try
        {
            await using var context = new CommandContext([], fixture.ConnectionString, TextWriter.Null, TextWriter.Null);

            Assert.Equal("seen", context.Get<IConfiguration>()["AccountRegistryCliTest:Probe"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AccountRegistryCliTest__Probe", null);
        }
    }

    [Fact]
    public async Task NoArguments_PrintsUsageWithExitCode2()
    {
        var (exit, _, error) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("commands:", error, StringComparison.Ordinal);
    }
}
