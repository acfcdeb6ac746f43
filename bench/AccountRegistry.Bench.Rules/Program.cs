using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Rules;
using AccountRegistry.Bench;
using AccountRegistry.Bench.Rules;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Rules benchmark (docs/benchmarks.md, "Rules"): a full stored evaluation next to SELECT count(*) FROM posts, on
// generated data sets of two sizes, so that time and memory can be compared as accounts grow. With --inspect, also a
// full stored inspection (docs/benchmarks.md, "Inspection") after each evaluation, on the same set plus six messages
// per account.
//
//   dotnet run -c Release --project bench/AccountRegistry.Bench.Rules -- \
//       --server "Host=127.0.0.1;Port=5432;Username=postgres" [--sizes 5000,20000] [--runs 5] [--regenerate] [--next-nights]
//
// --next-nights: after the same-day runs, as many evaluations again, each as of the night after the one before (T+1,
// T+2, …): the work of an ordinary night, where a few verdicts change. Those runs are deleted at the end, so the set's
// latest flag-moving run is T again for the next bench run.
// --server: a PostgreSQL where the user may create databases; the bench creates ar_bench_rules_<N> per size and
// keeps them for the next run unless --regenerate.
var arguments = new BenchArguments(args);

var server = arguments.Option("--server", Environment.GetEnvironmentVariable("ACCOUNTREGISTRY_BENCH_SERVER") ?? string.Empty);
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine("usage: --server \"<Npgsql connection string of a user that may create databases>\" [--sizes 5000,20000] [--runs 5] [--regenerate]");
    return 2;
}

var sizes = arguments.Option("--sizes", "5000,20000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var runs = int.Parse(arguments.Option("--runs", "5"), CultureInfo.InvariantCulture);
var regenerate = arguments.Flag("--regenerate");
var asOf = new DateOnly(2026, 11, 23);

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
foreach (var accounts in sizes)
{
    var database = $"ar_bench_rules_{accounts}";
    var connectionString = await DataSet.EnsureAsync(server, database, accounts, asOf, regenerate);
    await using var services = new ServiceCollection()
        .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(arguments.Flag("--verbose") ? LogLevel.Information : LogLevel.Warning))
        .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
        .AddInfrastructure(connectionString)
        .AddApplication()
        .BuildServiceProvider();
    var inspect = arguments.Flag("--inspect");
    if (inspect)
    {
        await AddInteractionsAsync(connectionString, asOf);
    }

    var counts = await DataSet.CountsAsync(connectionString);
    Console.WriteLine();
    Console.WriteLine($"== {counts.Accounts:N0} accounts, {counts.Posts:N0} posts, {counts.Snapshots:N0} snapshots, {counts.PostsInWindow:N0} posts in W, {counts.Copies:N0} copies");

    // One untimed round warms caches and creates the flags, so every timed run does the same steady-state work.
    await CountPostsAsync(connectionString);
    var first = await EvaluateAsync(services, asOf, store: true);
    Console.WriteLine($"   first evaluation (recomputes every pending account day of the rollup): {first.Seconds:0.000} s");

    var countTimes = new List<double>();
    var evaluationTimes = new List<double>();
    var previewTimes = new List<double>();
    var inspectionTimes = new List<double>();
    long inspectionHeap = 0;
    long peakHeap = 0;
    long allocated = 0;
    for (var run = 0; run < runs; run++)
    {
        countTimes.Add(await CountPostsAsync(connectionString));
        var (seconds, heap, bytes, evaluated) = await EvaluateAsync(services, asOf, store: true);
        evaluationTimes.Add(seconds);
        peakHeap = Math.Max(peakHeap, heap);
        allocated = Math.Max(allocated, bytes);
        previewTimes.Add((await EvaluateAsync(services, asOf, store: false)).Seconds);
        Console.WriteLine($"   run {run + 1}: count(*) {countTimes[^1]:0.000} s, evaluation {seconds:0.000} s ({evaluated:N0} accounts), without storing {previewTimes[^1]:0.000} s");
        if (inspect)
        {
            var (inspectSeconds, inspectHeap, inspectBytes) = await InspectAsync(services, asOf);
            inspectionTimes.Add(inspectSeconds);
            inspectionHeap = Math.Max(inspectionHeap, inspectHeap);
            Console.WriteLine($"          inspection {inspectSeconds:0.000} s = {inspectSeconds / seconds:0.00}x this run's evaluation, heap peak {inspectHeap / 1048576.0:0.0} MiB, allocated {inspectBytes / 1048576.0:0.0} MiB");
        }
    }

    var count = Percentiles.Median(countTimes);
    var evaluation = Percentiles.Median(evaluationTimes);
    Console.WriteLine($"   median count(*) {count:0.000} s | evaluation {evaluation:0.000} s = {evaluation / count:0.00}x count(*) | without storing {Percentiles.Median(previewTimes):0.000} s = {Percentiles.Median(previewTimes) / count:0.00}x");
    if (inspect)
    {
        Console.WriteLine($"   median inspection {Percentiles.Median(inspectionTimes):0.000} s = {Percentiles.Median(inspectionTimes) / evaluation:0.00}x the median evaluation; heap peak {inspectionHeap / 1048576.0:0.0} MiB");
    }

    if (arguments.Flag("--next-nights"))
    {
        await NextNightsAsync(services, connectionString, asOf, runs);
    }

    Console.WriteLine($"   managed heap peak during an evaluation {peakHeap / 1048576.0:0.0} MiB, allocated per evaluation {allocated / 1048576.0:0.0} MiB, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB");
}

return 0;

static async Task<double> CountPostsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT count(*) FROM posts", connection);
    var watch = Stopwatch.StartNew();
    await command.ExecuteScalarAsync();
    return watch.Elapsed.TotalSeconds;
}

static async Task NextNightsAsync(IServiceProvider services, string connectionString, DateOnly asOf, int nights)
{
    var countTimes = new List<double>();
    var nightTimes = new List<double>();
    try
    {
        for (var night = 1; night <= nights; night++)
        {
            var openBefore = (await FlagChangesAsync(connectionString, DateTime.UtcNow)).Open;
            countTimes.Add(await CountPostsAsync(connectionString));
            var started = DateTime.UtcNow;
            var (seconds, _, _, evaluated) = await EvaluateAsync(services, asOf.AddDays(night), store: true);
            nightTimes.Add(seconds);
            var (open, opened, resolved) = await FlagChangesAsync(connectionString, started);
            Console.WriteLine($"   night T+{night}: count(*) {countTimes[^1]:0.000} s, evaluation {seconds:0.000} s ({evaluated:N0} accounts), open flags {openBefore:N0} -> {open:N0} (opened or reopened {opened:N0}, resolved {resolved:N0})");
        }

        var count = Percentiles.Median(countTimes);
        var evaluation = Percentiles.Median(nightTimes);
        Console.WriteLine($"   next nights: median count(*) {count:0.000} s | evaluation {evaluation:0.000} s = {evaluation / count:0.00}x count(*)");
    }
    finally
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM evaluations WHERE as_of > @as_of", connection);
        delete.Parameters.AddWithValue("as_of", asOf);
        await delete.ExecuteNonQueryAsync();
    }
}

// Open flags now, and the flags (re)opened and resolved since a moment (a run stamps both with its start).
static async Task<(long Open, long Opened, long Resolved)> FlagChangesAsync(string connectionString, DateTime since)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        """
        SELECT count(*) FILTER (WHERE status = 'open'),
               count(*) FILTER (WHERE opened_at >= @since),
               count(*) FILTER (WHERE resolved_at >= @since)
        FROM flags
        """,
        connection);
    command.Parameters.AddWithValue("since", since);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
}

static async Task<(double Seconds, long PeakHeap, long Allocated, int Accounts)> EvaluateAsync(IServiceProvider services, DateOnly asOf, bool store)
{
    var (seconds, peak, allocated, result) = await MeasureAsync(services, scope => scope.GetRequiredService<RunEvaluation.Handler>()
        .HandleAsync(new RunEvaluation.Command(asOf, "bench") { Store = store }));
    return (seconds, peak, allocated, result.AccountCount);
}

// Six messages per account over the 120 days before T: most answered within hours, some after days (past the five
// working days), some never, some after T, one in five needing no reply; seven accounts in eight filed. Deterministic.
static async Task AddInteractionsAsync(string connectionString, DateOnly asOf)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM interactions)", connection);
    if ((bool)(await exists.ExecuteScalarAsync())!)
    {
        return;
    }

    await using var command = new NpgsqlCommand(
        """
        INSERT INTO interactions (account_id, message_id, kind, received_at, replied_at, needs_reply)
        SELECT a.id, 'm' || n, CASE WHEN n % 3 = 0 THEN 'comment' ELSE 'message' END, r.at,
               CASE WHEN (a.id + n) % 7 = 0 THEN NULL ELSE r.at + make_interval(hours => (a.id * 31 + n * 17) % 300) END,
               (a.id + n) % 5 <> 0
        FROM accounts a
        CROSS JOIN generate_series(1, 6) n
        CROSS JOIN LATERAL (SELECT rules_shanghai_start(@as_of) - make_interval(days => (a.id * 7 + n * 13) % 120, hours => n) AS at) r;
        UPDATE accounts SET filing_no = 'F-' || id WHERE id % 8 <> 3;
        ANALYZE interactions;
        """,
        connection) { CommandTimeout = 0 };
    command.Parameters.AddWithValue("as_of", asOf);
    await command.ExecuteNonQueryAsync();
}

static async Task<(double Seconds, long PeakHeap, long Allocated)> InspectAsync(IServiceProvider services, DateOnly asOf)
{
    var (seconds, peak, allocated, _) = await MeasureAsync(services, scope => scope.GetRequiredService<RunInspection.Handler>()
        .HandleAsync(new RunInspection.Command(asOf, "bench")));
    return (seconds, peak, allocated);
}

// One timed run in its own scope, with the managed heap's peak above a collected baseline (sampled every 5 ms) and the
// bytes allocated: evaluate and inspect are compared on the same footing.
static async Task<(double Seconds, long PeakHeap, long Allocated, T Result)> MeasureAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> run)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var baseline = GC.GetTotalMemory(true);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    long peak = 0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            try
            {
                await Task.Delay(5, sampling.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    });

    await using var scope = services.CreateAsyncScope();
    var watch = Stopwatch.StartNew();
    var result = await run(scope.ServiceProvider);
    var seconds = watch.Elapsed.TotalSeconds;
    await sampling.CancelAsync();
    await sampler;
    return (seconds, peak, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, result);
}
