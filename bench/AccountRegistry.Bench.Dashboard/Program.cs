using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AccountRegistry.Application;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Bench;
using AccountRegistry.Bench.Dashboard;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Dashboard benchmark (docs/benchmarks.md, "Dashboard"): the 20,000-account county with a campaign behind it, the
// web app started on a loopback port, and wrk at 32 connections against GET /api/v1/dashboard/summary (a dashboard
// API key) and GET /health in the same run, alternately. Then the app again with the summary cache switched off
// (Dashboard:CacheFigures=false), to show what computing the figures on every request costs.
//
//   dotnet build -c Release src/AccountRegistry.Web && dotnet run -c Release --project bench/AccountRegistry.Bench.Dashboard -- \
//       [--accounts 20000] [--duration 20] [--rounds 2] [--connection "<Npgsql connection string of a user who may create databases>"] [--reuse]
//       [--compute N [--compute-only]]
//
// --reuse keeps the database ar_bench_dashboard of an earlier run against the same --connection (generating it,
// with the first evaluation's rollup of every account-day, takes minutes).
//
// Without --connection it starts a throwaway PostgreSQL cluster like the tests do (fsync off). Needs Debian's wrk.
var arguments = new BenchArguments(args);

var accounts = int.Parse(arguments.Option("--accounts") ?? "20000", CultureInfo.InvariantCulture);
var duration = int.Parse(arguments.Option("--duration") ?? "20", CultureInfo.InvariantCulture);
var rounds = int.Parse(arguments.Option("--rounds") ?? "2", CultureInfo.InvariantCulture);
var asOf = new DateOnly(2026, 11, 23);
var root = BenchMachine.RepositoryRoot();
var webDll = arguments.Option("--web") ?? Path.Combine(root, "src/AccountRegistry.Web/bin/Release/net10.0/AccountRegistry.Web.dll");
if (!File.Exists(webDll))
{
    Console.Error.WriteLine($"Build the web app first (dotnet build -c Release src/AccountRegistry.Web): {webDll} is missing.");
    return 2;
}

if (!File.Exists("/usr/bin/wrk"))
{
    Console.Error.WriteLine("wrk is missing: apt-get install wrk");
    return 2;
}

var cluster = await BenchCluster.StartAsync(arguments.Option("--connection"));
var admin = cluster.AdminConnectionString;

try
{
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
    var database = new NpgsqlConnectionStringBuilder(admin) { Database = "ar_bench_dashboard", Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    var reuse = arguments.Flag("--reuse") && await DataSet.ExistsAsync(admin, "ar_bench_dashboard");
    if (!reuse)
    {
        await BenchCounty.RecreateAsync(admin, database);
    }

    await using (var db = RegistryDbContextOptions.Create(database))
    {
        await RegistryMigrations.MigrateAsync(db);
    }

    string key;
    await using (var services = new ServiceCollection().AddLogging().AddInfrastructure(database).AddApplication().BuildServiceProvider())
    {
        if (reuse)
        {
            Console.WriteLine("Reusing the data set of an earlier run (--reuse).");
        }
        else
        {
            Console.WriteLine($"Generating {accounts:N0} accounts and their campaign …");
            await DataSet.GenerateAsync(database, accounts, asOf);
            await DataSet.EvaluateAsync(services, asOf);
            await DataSet.DecideAsync(database, asOf);
        }

        await using var scope = services.CreateAsyncScope();
        key = (await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>()
            .HandleAsync(new CreateApiKey.Command("bench", ApiKeyPurpose.Dashboard), UserScope.System)).Key;
    }

    var counts = await DataSet.CountsAsync(database);
    Console.WriteLine($"== {counts.Accounts:N0} accounts, {counts.StatusChanges:N0} status changes, {counts.Evaluations} evaluations ({counts.Results:N0} results), "
        + $"{counts.Decisions:N0} review decisions, {counts.Requests:N0} closure requests ({counts.Steps:N0} steps)");

    // --compute N: the figures computed N times in-process (after one warm-up) for the whole county, next to
    // SELECT count(*) FROM posts, each a median; --compute-only stops there (no web app, no wrk).
    if (arguments.Option("--compute") is { } computeText)
    {
        var computeRuns = int.Parse(computeText, CultureInfo.InvariantCulture);
        // The campaign start the web app is given below.
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddInfrastructure(database).AddApplication()
            .PostConfigure<AccountRegistry.Application.Dashboard.DashboardOptions>(o => o.CampaignStart = new DateOnly(2026, 3, 1))
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<AccountRegistry.Application.Dashboard.DashboardFigures.Handler>();
        var county = UserScope.System;
        await figures.ComputeAsync(asOf, county);
        var computeTimes = new List<double>();
        var countTimes = new List<double>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        for (var run = 0; run < computeRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            await using (var command = new NpgsqlCommand("SELECT count(*) FROM posts", connection))
            {
                await command.ExecuteScalarAsync();
            }

            countTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await figures.ComputeAsync(asOf, county);
            computeTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"Load average {File.ReadAllText("/proc/loadavg").Trim()}; median of {computeRuns}: SELECT count(*) FROM posts {Percentiles.Median(countTimes):0} ms, "
            + $"figures computed (whole county, uncached) {Percentiles.Median(computeTimes):0} ms (all runs: {string.Join(", ", computeTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})");
        if (arguments.Flag("--compute-only"))
        {
            return 0;
        }
    }

    var summaryPath = $"/api/v1/dashboard/summary?asOf={asOf:yyyy-MM-dd}";
    var results = new List<(string Setup, string Path, Wrk Result)>();
    foreach (var cached in new[] { true, false })
    {
        var setup = cached ? "summary kept until a write commits (default)" : "figures computed on every request (Dashboard:CacheFigures=false)";
        await using var app = await WebApp.StartAsync(webDll, database, new Dictionary<string, string>
        {
            ["Dashboard__CacheFigures"] = cached ? "true" : "false",
            ["Dashboard__CampaignStart"] = "2026-03-01",
            ["Rules__Enabled"] = "false",
            ["Closures__RemindersEnabled"] = "false",
        });
        Console.WriteLine();
        Console.WriteLine($"-- {setup}: app on {app.BaseAddress}");
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseAddress) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, summaryPath);
            request.Headers.Add("X-Api-Key", key);
            var body = await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            Console.WriteLine($"   summary: {body.Length:N0} bytes, {body[..Math.Min(160, body.Length)]}…");
        }

        // Warm-up (JIT, pools, caches), not recorded.
        await Wrk.RunAsync(app.BaseAddress + "/health", [], 5, timeoutSeconds: 10);
        await Wrk.RunAsync(app.BaseAddress + summaryPath, KeyHeader(key), 5, timeoutSeconds: 10);
        if (!cached)
        {
            // One request at a time: what computing the figures once costs, without queueing behind 31 others.
            var alone = await Wrk.RunAsync(app.BaseAddress + summaryPath, KeyHeader(key), duration, connections: 1, timeoutSeconds: 10);
            Console.WriteLine($"   one connection {summaryPath,-37} {alone}");
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (path, header) in new[] { ("/health", (string?)null), (summaryPath, key) })
            {
                var result = await Wrk.RunAsync(app.BaseAddress + path, KeyHeader(header), duration, timeoutSeconds: 10);
                results.Add((setup, path, result));
                Console.WriteLine($"   round {round} {path,-48} {result}");
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine($"wrk -t2 -c32 -d{duration}s, median of {rounds} rounds; target: summary p95 < 50 ms and rps >= 0.3x /health");
    Console.WriteLine("| setup | endpoint | rps | p50 ms | p95 ms | p99 ms | errors | rps ÷ /health |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
    foreach (var setup in results.Select(r => r.Setup).Distinct())
    {
        var health = Percentiles.Median(results.Where(r => r.Setup == setup && r.Path == "/health").Select(r => r.Result.Rps));
        foreach (var path in new[] { "/health", summaryPath })
        {
            var runs = results.Where(r => r.Setup == setup && r.Path == path).Select(r => r.Result).ToList();
            var rps = Percentiles.Median(runs.Select(r => r.Rps));
            Console.WriteLine($"| {setup} | `{(path == "/health" ? path : "/api/v1/dashboard/summary")}` | {rps:N0} | {Percentiles.Median(runs.Select(r => r.P50)):0.0} | "
                + $"{Percentiles.Median(runs.Select(r => r.P95)):0.0} | {Percentiles.Median(runs.Select(r => r.P99)):0.0} | {runs.Sum(r => r.Errors)} | {rps / health:0.00}× |");
        }
    }

    return 0;
}
finally
{
    await cluster.DisposeAsync();
}

static string[] KeyHeader(string? apiKey) => apiKey is null ? [] : [$"X-Api-Key: {apiKey}"];
