using System.Diagnostics;
using System.Globalization;
using System.Text;
using AccountRegistry.Application;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Imports.Generation;
using AccountRegistry.Bench;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Import benchmark (docs/benchmarks.md, "Import"): generate a data set, import each file with our importer, re-import
// it unchanged, and `psql \copy` the same CSV files into tables with the same columns and indexes, in one run on one
// server, so the figures compare like with like.
//
//   dotnet run -c Release --project bench/AccountRegistry.Bench.Import -- [--accounts 20000] [--seed 1]
//       [--connection "<Npgsql connection string of a user who may create databases>"] [--data DIR] [--markdown FILE]
//       [--only units,accounts,interactions]
//
// --only imports (and \copies) those files alone, in the importer's order; a file's references must be among them
// (interactions and posts need accounts, accounts need units).
//
// Without --connection it starts a throwaway PostgreSQL cluster like the tests do (fsync off, as in the tests).
var arguments = new BenchArguments(args);

var accounts = int.Parse(arguments.Option("--accounts") ?? "20000", CultureInfo.InvariantCulture);
var seed = long.Parse(arguments.Option("--seed") ?? "1", CultureInfo.InvariantCulture);
var markdownPath = arguments.Option("--markdown");
var dataDirectory = arguments.Option("--data") ?? Path.Combine(Path.GetTempPath(), $"ar-bench-{accounts}-{seed}");
var keepData = arguments.Option("--data") is not null;
var kinds = arguments.Option("--only") is { } only
    ? [.. Enum.GetValues<ImportKind>().Where(k => only.Split(',', StringSplitOptions.TrimEntries).Contains(k.FileStem(), StringComparer.Ordinal))]
    : Enum.GetValues<ImportKind>();

var cluster = await BenchCluster.StartAsync(arguments.Option("--connection"));
var adminConnection = cluster.AdminConnectionString;

var report = new List<(string Step, string File, long Rows, double Seconds)>();
var phases = new List<(string Step, string File, string Phases)>();
try
{
    var generation = Stopwatch.StartNew();
    SyntheticDataSet.Summary summary;
    if (Directory.Exists(dataDirectory) && File.Exists(Path.Combine(dataDirectory, "reads.csv")) && keepData)
    {
        Console.Error.WriteLine($"Using the data set already in {dataDirectory}");
        summary = new SyntheticDataSet.Summary(0, accounts, 0, 0, []);
    }
    else
    {
        Console.Error.WriteLine($"Generating {accounts:N0} accounts into {dataDirectory} …");
        summary = SyntheticDataSet.Write(dataDirectory, new SyntheticDataSet.Options(accounts, seed), new Progress<string>(Console.Error.WriteLine));
        report.Add(("generate", "all files", summary.Posts + summary.Snapshots, generation.Elapsed.TotalSeconds));
    }

    var oursDatabase = await CreateDatabaseAsync(adminConnection, "bench_ours", migrate: true);
    var copyDatabase = await CreateDatabaseAsync(adminConnection, "bench_copy", migrate: false);

    var services = new ServiceCollection();
    services.AddLogging();
    services.AddInfrastructure(oursDatabase);
    services.AddApplication();
    await using var provider = services.BuildServiceProvider();

    foreach (var pass in new[] { "import", "re-import" })
    {
        foreach (var kind in kinds)
        {
            var file = Path.Combine(dataDirectory, kind.FileStem() + ".csv");
            await using var scope = provider.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<ImportFiles.Handler>();
            var timer = new PhaseTimer();
            var watch = Stopwatch.StartNew();
            var result = await handler.HandleAsync(new ImportFiles.Command([new ImportFiles.InputFile(file, Path.GetFileName(file))]), UserScope.System, timer);
            watch.Stop();
            phases.Add((pass, Path.GetFileName(file), timer.Describe()));
            var imported = result.Files.Single();
            if (!imported.Accepted)
            {
                throw new InvalidOperationException($"{file} was rejected: {string.Join("; ", imported.Errors.Take(5))}");
            }

            if (pass == "re-import" && imported.Inserted + imported.Updated != 0)
            {
                throw new InvalidOperationException($"Re-import of {file} changed {imported.Inserted + imported.Updated} rows.");
            }

            report.Add((pass, Path.GetFileName(file), imported.RowsRead, watch.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"{pass,-10} {Path.GetFileName(file),-13} {imported.RowsRead,12:N0} rows {watch.Elapsed.TotalSeconds,8:N1} s {imported.RowsRead / watch.Elapsed.TotalSeconds,12:N0} rows/s  ({timer.Describe()})");
        }
    }

    var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;

    foreach (var (step, prefix, foreignKeys) in new[] { ("\\copy", "copy_", false), ("\\copy+fk", "copyfk_", true) })
    {
        await CreateBaselineTablesAsync(copyDatabase, prefix, foreignKeys);
        foreach (var kind in kinds)
        {
            var file = Path.Combine(dataDirectory, kind.FileStem() + ".csv");
            var watch = Stopwatch.StartNew();
            var rows = await PsqlCopyAsync(copyDatabase, prefix + kind.FileStem(), kind.Columns(), file);
            watch.Stop();
            report.Add((step, Path.GetFileName(file), rows, watch.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"{step,-10} {Path.GetFileName(file),-13} {rows,12:N0} rows {watch.Elapsed.TotalSeconds,8:N1} s {rows / watch.Elapsed.TotalSeconds,12:N0} rows/s");
        }
    }

    var markdown = Markdown(report, phases, kinds, accounts, seed, peakWorkingSet, cluster.IsThrowaway);
    Console.WriteLine(markdown);
    if (markdownPath is not null)
    {
        await File.WriteAllTextAsync(markdownPath, markdown);
    }
}
finally
{
    if (!keepData && Directory.Exists(dataDirectory))
    {
        Directory.Delete(dataDirectory, recursive: true);
    }

    await cluster.DisposeAsync();
}

static async Task<string> CreateDatabaseAsync(string adminConnection, string name, bool migrate)
{
    await using (var connection = new NpgsqlConnection(adminConnection))
    {
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    var connectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, Pooling = true }.ConnectionString;
    if (migrate)
    {
        await using var db = RegistryDbContextOptions.Create(connectionString);
        await RegistryMigrations.MigrateAsync(db);
    }

    return connectionString;
}

// The CSV's own columns (natural keys in text, as the file holds them), with the indexes of the real tables: a
// surrogate primary key, the unique key, and the "latest post first" index on posts. The second set also has the
// real tables' foreign keys (unit → parent, account → unit, post → account, snapshot → post, interaction → account),
// on the natural keys.
static async Task CreateBaselineTablesAsync(string connectionString, string prefix, bool foreignKeys)
{
    string References(string target) => foreignKeys ? $"REFERENCES {prefix}{target}" : string.Empty;
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        $"""
        CREATE TABLE {prefix}units (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code varchar(64) NOT NULL UNIQUE, name varchar(200) NOT NULL,
            level varchar(16) NOT NULL, parent_code varchar(64) {References("units (code)")});
        CREATE TABLE {prefix}accounts (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, platform varchar(16) NOT NULL, account_id varchar(128) NOT NULL,
            name varchar(200) NOT NULL, unit_code varchar(64) NOT NULL {References("units (code)")}, opened_on date NOT NULL, operator varchar(100),
            provides_services boolean, is_hub boolean, status varchar(16), interactive boolean, filing_no varchar(64), UNIQUE (platform, account_id));
        CREATE INDEX ON {prefix}accounts (unit_code, platform);
        CREATE INDEX ON {prefix}accounts (status);
        CREATE TABLE {prefix}posts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, platform varchar(16) NOT NULL, account_id varchar(128) NOT NULL,
            post_id varchar(128) NOT NULL, published_at timestamptz NOT NULL, title text, content text, is_original boolean, url text,
            UNIQUE (platform, account_id, post_id));
        CREATE INDEX ON {prefix}posts (platform, account_id, published_at DESC);
        CREATE TABLE {prefix}reads (platform varchar(16) NOT NULL, account_id varchar(128) NOT NULL, post_id varchar(128) NOT NULL,
            captured_at timestamptz NOT NULL, reads bigint NOT NULL, likes bigint, shares bigint,
            PRIMARY KEY (platform, account_id, post_id, captured_at));
        CREATE TABLE {prefix}interactions (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, platform varchar(16) NOT NULL,
            account_id varchar(128) NOT NULL, message_id varchar(128) NOT NULL, kind varchar(16), received_at timestamptz NOT NULL,
            replied_at timestamptz, needs_reply boolean, UNIQUE (platform, account_id, message_id));
        CREATE INDEX ON {prefix}interactions (platform, account_id, received_at);
        {(foreignKeys ? $"ALTER TABLE {prefix}interactions ADD FOREIGN KEY (platform, account_id) REFERENCES {prefix}accounts (platform, account_id);" : string.Empty)}
        {(foreignKeys ? $"ALTER TABLE {prefix}posts ADD FOREIGN KEY (platform, account_id) REFERENCES {prefix}accounts (platform, account_id);" : string.Empty)}
        {(foreignKeys ? $"ALTER TABLE {prefix}reads ADD FOREIGN KEY (platform, account_id, post_id) REFERENCES {prefix}posts (platform, account_id, post_id);" : string.Empty)}
        """,
        connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<long> PsqlCopyAsync(string connectionString, string table, IReadOnlyList<string> columns, string file)
{
    var builder = new NpgsqlConnectionStringBuilder(connectionString);
    var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[]
    {
        "-X", "-v", "ON_ERROR_STOP=1", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!,
        "-c", $"\\copy {table} ({string.Join(", ", columns)}) FROM '{file}' WITH (FORMAT csv, HEADER true)",
    })
    {
        start.ArgumentList.Add(argument);
    }

    if (!string.IsNullOrEmpty(builder.Password))
    {
        start.Environment["PGPASSWORD"] = builder.Password;
    }

    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"psql failed: {error}");
    }

    // psql prints "COPY <rows>".
    return long.Parse(output.Trim().Split(' ')[^1], CultureInfo.InvariantCulture);
}

static string Markdown(
    List<(string Step, string File, long Rows, double Seconds)> report,
    List<(string Step, string File, string Phases)> phases,
    IReadOnlyList<ImportKind> kinds,
    int accounts,
    long seed,
    long peakWorkingSet,
    bool throwaway)
{
    var text = new StringBuilder();
    var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
    var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
    text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {memory} · {cpu} · .NET {Environment.Version} · {(throwaway ? "throwaway cluster (fsync off)" : "given server")}");
    text.AppendLine(CultureInfo.InvariantCulture, $"Data set: `registry generate --accounts {accounts} --seed {seed}`. Peak working set of the importing process: {peakWorkingSet / 1048576:N0} MB.");
    text.AppendLine();
    text.AppendLine("| file | rows | our import | rows/s | `\\copy` (same indexes) | rows/s | ours ÷ `\\copy` | `\\copy` (same indexes + foreign keys) | rows/s | ours ÷ that | re-import | rows/s | re-import ÷ import |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var kind in kinds)
    {
        var file = kind.FileStem() + ".csv";
        var ours = report.Single(r => r.Step == "import" && r.File == file);
        var again = report.Single(r => r.Step == "re-import" && r.File == file);
        var copy = report.Single(r => r.Step == "\\copy" && r.File == file);
        var copyWithKeys = report.Single(r => r.Step == "\\copy+fk" && r.File == file);
        double Rate((string, string, long Rows, double Seconds) r) => r.Rows / r.Seconds;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {file} | {ours.Rows:N0} | {ours.Seconds:N1} s | {Rate(ours):N0} | {copy.Seconds:N1} s | {Rate(copy):N0} | {Rate(ours) / Rate(copy):N2}× | {copyWithKeys.Seconds:N1} s | {Rate(copyWithKeys):N0} | {Rate(ours) / Rate(copyWithKeys):N2}× | {again.Seconds:N1} s | {Rate(again):N0} | {Rate(again) / Rate(ours):N2}× |");
    }

    text.AppendLine();
    text.AppendLine("Where our time goes (parse + binary COPY into the staging table / key and reference checks in SQL / upsert and commit):");
    text.AppendLine();
    foreach (var (step, file, breakdown) in phases)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"- {step} {file}: {breakdown}");
    }

    if (report.FirstOrDefault(r => r.Step == "generate") is { Step: not null } generate)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Generation of the files took {generate.Seconds:N0} s.");
    }

    return text.ToString();
}

/// <summary>Times the importer's phases from its progress reports (reported synchronously, in order).</summary>
internal sealed class PhaseTimer : IProgress<ImportProgress>
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly Dictionary<ImportPhase, double> firstSeen = [];

    public void Report(ImportProgress value) => firstSeen.TryAdd(value.Phase, watch.Elapsed.TotalSeconds);

    public string Describe()
    {
        var reading = firstSeen.GetValueOrDefault(ImportPhase.Reading);
        var checking = firstSeen.GetValueOrDefault(ImportPhase.Checking);
        var writing = firstSeen.GetValueOrDefault(ImportPhase.Writing);
        var done = firstSeen.GetValueOrDefault(ImportPhase.Done);
        return string.Create(CultureInfo.InvariantCulture, $"read+COPY {checking - reading:N1} s, checks {writing - checking:N1} s, upsert {done - writing:N1} s");
    }
}
