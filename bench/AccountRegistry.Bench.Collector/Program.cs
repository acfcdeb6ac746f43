using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AccountRegistry.Application;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Bench;
using AccountRegistry.Bench.Collector;
using AccountRegistry.Infrastructure;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Collector latency benchmark (docs/benchmarks.md, "Collector latency behind a backlog"): the web app in a child
// process on a loopback port, a backlog of posts queued for fingerprints and content checks, and a collector sending
// batches of posts to POST /api/v1/posts one after another over real HTTP. Two paths in one run, each on its own
// database with the same backlog:
//   worker  the app as shipped: the batch answers once committed, FollowUpWorker drains the queues in the background;
//   inline  the old in-request path, reproduced: the app's worker off (FollowUp:Enabled=false) and, inside each timed
//           batch, the same FollowUpWork.DrainAsync the worker runs, called right after the answer, so a batch is
//           done only when the queues are empty again (what the request used to wait for before answering);
//   idle    the app as shipped with no backlog at all: the floor the machine gives a batch at the time of the run.
//
//   dotnet build -c Release src/AccountRegistry.Web && dotnet run -c Release --project bench/AccountRegistry.Bench.Collector -- \
//       [--backlog 200000] [--batches 50] [--batch-size 1000] [--accounts 2000] [--drain-limit 900] [--paths worker,inline,idle]
//       [--connection "<Npgsql connection string of a user who may create databases>"]
//
// Without --connection it starts a throwaway PostgreSQL cluster like the tests do (fsync off).
var arguments = new BenchArguments(args);

int Number(string name, int fallback) => int.Parse(arguments.Option(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

var backlog = Number("--backlog", 200_000);
var batches = Number("--batches", 50);
var batchSize = Number("--batch-size", 1_000);
var accounts = Number("--accounts", 2_000);
var drainLimit = TimeSpan.FromSeconds(Number("--drain-limit", 900));
var paths = (arguments.Option("--paths") ?? "worker,inline,idle").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var webDll = arguments.Option("--web") ?? Path.Combine(BenchMachine.RepositoryRoot(), "src/AccountRegistry.Web/bin/Release/net10.0/AccountRegistry.Web.dll");
if (!File.Exists(webDll))
{
    Console.Error.WriteLine($"Build the web app first (dotnet build -c Release src/AccountRegistry.Web): {webDll} is missing.");
    return 2;
}

var cluster = await BenchCluster.StartAsync(arguments.Option("--connection"));
var admin = cluster.AdminConnectionString;

var data = new DataSet(accounts, seed: 1);
var results = new List<PathResult>();
try
{
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {BenchMachine.LoadAverage()}");
    Console.WriteLine($"backlog {backlog:N0} posts, {batches} batches of {batchSize:N0} posts, {accounts:N0} accounts");
    foreach (var path in paths)
    {
        var inline = path switch
        {
            "worker" or "idle" => false,
            "inline" => true,
            _ => throw new ArgumentException($"Unknown path '{path}': worker or inline."),
        };
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = $"ar_bench_collector_{path}", Pooling = true }.ConnectionString;
        var patient = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString;
        var preparing = Stopwatch.StartNew();
        await data.CreateAsync(admin, database);
        await data.LoadBacklogAsync(patient, path == "idle" ? 0 : backlog);
        await using var services = new ServiceCollection().AddLogging().AddInfrastructure(patient).AddApplication().BuildServiceProvider();
        string key;
        await using (var scope = services.CreateAsyncScope())
        {
            key = (await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>().HandleAsync(new CreateApiKey.Command("bench"), UserScope.System)).Key;
        }

        var bodies = Enumerable.Range(0, batches + 1).Select(n => data.Batch(path, n, batchSize)).ToList();
        var queued = await BacklogAsync(patient);
        Console.WriteLine();
        Console.WriteLine($"-- {path}: {queued} queued, prepared in {preparing.Elapsed.TotalSeconds:N0} s; load average {BenchMachine.LoadAverage()}");

        await using var app = await WebApp.StartAsync(webDll, database, new Dictionary<string, string>
        {
            ["FollowUp__Enabled"] = inline ? "false" : "true",
            ["Rules__Enabled"] = "false",
            ["Closures__RemindersEnabled"] = "false",
        });
        var appStarted = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseAddress), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Warm-up (JIT, pools): one batch, not recorded. On the inline path its posts join the queue the first timed batch drains.
        await PostAsync(http, bodies[0]);

        var samples = new List<(double Seconds, FollowUpWork.Backlog Backlog)>();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(patient, appStarted, samples, sampling.Token);

        var latencies = new List<double>();
        var answers = new List<double>();
        var drainSeconds = 0.0;
        var before = await BacklogAsync(patient);
        var window = Stopwatch.StartNew();
        for (var n = 1; n <= batches; n++)
        {
            var watch = Stopwatch.StartNew();
            await PostAsync(http, bodies[n]);
            answers.Add(watch.Elapsed.TotalMilliseconds);
            if (inline)
            {
                var drain = Stopwatch.StartNew();
                await using var scope = services.CreateAsyncScope();
                var problems = await scope.ServiceProvider.GetRequiredService<FollowUpWork>().DrainAsync(null, CancellationToken.None);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException(string.Join("; ", problems));
                }

                drainSeconds += drain.Elapsed.TotalSeconds;
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (n == 1 || n % 10 == 0)
            {
                Console.WriteLine($"   batch {n,3}: {watch.Elapsed.TotalMilliseconds,9:N0} ms (answer {answers[^1]:N0} ms)");
            }
        }

        var windowSeconds = window.Elapsed.TotalSeconds;
        var after = await BacklogAsync(patient);
        var added = (long)batches * batchSize;

        // Drained while the batches ran: what was queued, plus what the batches queued, less what is still queued.
        var drainedFingerprints = before.Fingerprints + added - after.Fingerprints;
        var drainedContent = before.ContentChecks + added - after.ContentChecks;
        var drainTime = inline ? drainSeconds : windowSeconds;
        double? emptyAfter = inline ? null : await WaitEmptyAsync(patient, appStarted, drainLimit);
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine("   every batch in order, ms: " + string.Join(' ', latencies.Select(l => l.ToString("F0", CultureInfo.InvariantCulture))));
        latencies.Sort();
        answers.Sort();
        var result = new PathResult(
            path, batches, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95), latencies[^1], Percentiles.Of(answers, 95),
            drainedFingerprints / drainTime, drainedContent / drainTime, windowSeconds, before, after, emptyAfter, BenchMachine.LoadAverage());
        results.Add(result);
        Console.WriteLine($"   {result}");
        if (samples.Count > 0)
        {
            Console.WriteLine("   backlog since the app started (s: fingerprints / content checks): "
                + string.Join(", ", samples.Where((_, i) => i % 10 == 0).Select(s => $"{s.Seconds:N0}: {s.Backlog.Fingerprints:N0}/{s.Backlog.ContentChecks:N0}")));
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Target: p95 < 500 ms per batch of {batchSize:N0} posts behind a {backlog:N0}-post backlog. Load average at the end {BenchMachine.LoadAverage()}.");
    Console.WriteLine("| path | batches | p50 ms | p95 ms | max ms | answer p95 ms | drained /s while batches ran (fingerprints · content checks) | backlog left after the batches | whole backlog drained after |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---|---|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Path} | {r.Batches} | {r.P50:N0} | {r.P95:N0} | {r.Max:N0} | {r.AnswerP95:N0} | {r.FingerprintsPerSecond:N0} · {r.ContentPerSecond:N0} | "
            + $"{r.After.Fingerprints:N0} · {r.After.ContentChecks:N0} | {(r.EmptyAfter is { } s ? $"{s:N0} s after the app started" : "—")} |"));
    }

    return 0;
}
finally
{
    await cluster.DisposeAsync();
}

static async Task PostAsync(HttpClient http, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await http.PostAsync("/api/v1/posts", content);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST /api/v1/posts answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
    }
}

static async Task<FollowUpWork.Backlog> BacklogAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM post_fingerprint_queue), (SELECT count(*) FROM content_check_queue)", connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return new FollowUpWork.Backlog(reader.GetInt64(0), reader.GetInt64(1));
}

static async Task SampleAsync(string connectionString, Stopwatch clock, List<(double, FollowUpWork.Backlog)> samples, CancellationToken cancellationToken)
{
    try
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            samples.Add((clock.Elapsed.TotalSeconds, await BacklogAsync(connectionString)));
            await Task.Delay(1000, cancellationToken);
        }
    }
    catch (OperationCanceledException)
    {
    }
}

/// <summary>Seconds since the app started until both queues are empty, or null when <paramref name="limit"/> passed first.</summary>
static async Task<double?> WaitEmptyAsync(string connectionString, Stopwatch clock, TimeSpan limit)
{
    var waiting = Stopwatch.StartNew();
    while (waiting.Elapsed < limit)
    {
        if ((await BacklogAsync(connectionString)).Total == 0)
        {
            return clock.Elapsed.TotalSeconds;
        }

        await Task.Delay(1000);
    }

    return null;
}

/// <summary>One path's figures; drained rates are queue entries per second (one per post per queue).</summary>
internal sealed record PathResult(
    string Path,
    int Batches,
    double P50,
    double P95,
    double Max,
    double AnswerP95,
    double FingerprintsPerSecond,
    double ContentPerSecond,
    double WindowSeconds,
    FollowUpWork.Backlog Before,
    FollowUpWork.Backlog After,
    double? EmptyAfter,
    string LoadAverage)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Batches} batches in {WindowSeconds:N1} s: p50 {P50:N0} ms, p95 {P95:N0} ms, max {Max:N0} ms (answer alone p95 {AnswerP95:N0} ms); "
        + $"queued before {Before.Fingerprints:N0}/{Before.ContentChecks:N0}, after {After.Fingerprints:N0}/{After.ContentChecks:N0}; "
        + $"drained {FingerprintsPerSecond:N0} fingerprints/s, {ContentPerSecond:N0} content checks/s; "
        + $"{(EmptyAfter is { } s ? $"queues empty {s:N0} s after the app started" : "queues not waited for")}; load average {LoadAverage}");
}
