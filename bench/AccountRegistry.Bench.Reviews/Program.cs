using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Bench;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Review queue benchmark (docs/benchmarks.md, "Review queue"): the queue's page, counts, sorts and the flags export on
// an evaluated database, next to SELECT count(*) FROM posts in the same run. Prepare the database with the CLI:
//
//   registry generate --accounts 20000 --posts-per-account 20 --snapshots-per-post 2 --out DIR
//   registry --connection "$C" migrate && registry --connection "$C" import DIR && registry --connection "$C" evaluate
//   dotnet run -c Release --project bench/AccountRegistry.Bench.Reviews -- --connection "$C" [--runs 5]
var arguments = new BenchArguments(args);

var connection = arguments.Option("--connection");
if (string.IsNullOrWhiteSpace(connection))
{
    Console.Error.WriteLine("usage: --connection \"<Npgsql connection string of an evaluated database>\" [--runs 5]");
    return 2;
}

var runs = int.Parse(arguments.Option("--runs") ?? "5", CultureInfo.InvariantCulture);
await using var services = new ServiceCollection().AddLogging().AddInfrastructure(connection).AddApplication().BuildServiceProvider();
var queue = services.GetRequiredService<ReviewQueue.Handler>();
var export = services.GetRequiredService<FlagsExport.Handler>();

await using var db = new NpgsqlConnection(connection);
await db.OpenAsync();
async Task<long> ScalarAsync(string sql)
{
    await using var command = new NpgsqlCommand(sql, db);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

var accounts = await ScalarAsync("SELECT count(*) FROM accounts");
var posts = await ScalarAsync("SELECT count(*) FROM posts");
var openFlags = await ScalarAsync("SELECT count(*) FROM flags WHERE status = 'open'");

// The county with the most flagged accounts, as one district's reviewer sees it.
await using var countyCommand = new NpgsqlCommand(
    """
    SELECT c.id, c.path FROM units c
    WHERE c.level = 'county'
    ORDER BY (SELECT count(DISTINCT f.account_id) FROM flags f JOIN accounts a ON a.id = f.account_id JOIN units u ON u.id = a.unit_id
              WHERE f.status = 'open' AND u.path LIKE c.path || '%') DESC
    LIMIT 1
    """,
    db);
await using var reader = await countyCommand.ExecuteReaderAsync();
await reader.ReadAsync();
var reviewer = new UserScope("bench-reviewer", new HashSet<string> { Roles.Reviewer }, reader.GetInt32(0), reader.GetString(1));
await reader.DisposeAsync();

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{accounts:N0} accounts, {posts:N0} posts, {openFlags:N0} open flags; median of {runs} runs after one warm-up");

async Task MeasureAsync(string label, Func<Task<string>> action)
{
    await action();
    var times = new List<double>();
    var note = string.Empty;
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        note = await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{label,-58} {times[times.Count / 2],9:N1} ms  {note}");
}

await MeasureAsync("baseline: SELECT count(*) FROM posts", async () => $"{await ScalarAsync("SELECT count(*) FROM posts"):N0}");
foreach (var (who, scope) in new[] { ("all counties (admin)", UserScope.System), ("one county (reviewer)", reviewer) })
{
    await MeasureAsync($"queue page 1, oldest flag first, {who}", async () =>
        $"{(await queue.HandleAsync(new ReviewQueue.Query(), scope)).Page.TotalCount:N0} waiting");
    await MeasureAsync($"queue page 1, sorted by mean reads, {who}", async () =>
        $"{(await queue.HandleAsync(new ReviewQueue.Query { Sort = ReviewQueue.SortColumn.MeanReads }, scope)).Page.Items.Count} rows");
    await MeasureAsync($"queue page 1, rule STALE + recommendation close, {who}", async () =>
        $"{(await queue.HandleAsync(new ReviewQueue.Query { Filter = new() { Rule = RuleCode.Stale, Recommendation = Recommendation.Close } }, scope)).Page.TotalCount:N0} rows");
    await MeasureAsync($"flags export (.xlsx, every flagged account), {who}", async () =>
    {
        using var stream = new MemoryStream();
        var rows = await export.WriteXlsxAsync(new ReviewQueue.Filter { State = ReviewQueue.State.All }, scope, stream);
        return $"{rows:N0} rows, {stream.Length / 1024:N0} KiB";
    });
}

return 0;
