using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Imports.Generation;
using AccountRegistry.Bench;
using AccountRegistry.Bench.Content;

// Content-check benchmark (docs/benchmarks.md, "Content checks").
//   checker [--accounts N] [--data DIR] [--posts N]    the checks in process on the generated posts (one core, all cores)
//   persisted --connection CS [--accounts N] [--data DIR]
//                                                      import, then the inspector over the queue, then a full re-check
// The data set is SyntheticDataSet's (100 posts per account: --accounts 20000 is the 2,000,000-post set); it is
// generated into DIR unless DIR already holds posts.csv. CS names a database the benchmark may drop and recreate.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var mode = args.FirstOrDefault() ?? "help";
var arguments = new BenchArguments(args);

var accounts = int.Parse(arguments.Option("--accounts") ?? "20000", CultureInfo.InvariantCulture);
var data = arguments.Option("--data") ?? Path.Combine(Path.GetTempPath(), $"content-bench-{accounts}");
Console.WriteLine($"# content-check benchmark: {mode}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var watch = Stopwatch.StartNew();
if (mode is "checker" or "persisted" && !File.Exists(Path.Combine(data, "posts.csv")))
{
    var generation = Stopwatch.StartNew();
    var summary = SyntheticDataSet.Write(data, new SyntheticDataSet.Options(accounts, SnapshotsPerPost: 1));
    Console.WriteLine($"generated {summary.Posts:N0} posts of {summary.Accounts:N0} accounts into {data} in {generation.Elapsed.TotalSeconds:F1} s");
}

switch (mode)
{
    case "checker":
        CheckerBench.Run(Path.Combine(data, "posts.csv"), long.Parse(arguments.Option("--posts") ?? long.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        break;
    case "persisted":
        await PersistedBench.RunAsync(arguments.Option("--connection") ?? throw new ArgumentException("persisted needs --connection"), data);
        break;
    default:
        Console.WriteLine("usage: checker [--accounts N] [--data DIR] [--posts N] | persisted --connection CS [--accounts N] [--data DIR]");
        return 2;
}

Console.WriteLine($"# done in {watch.Elapsed.TotalSeconds:F1} s");
return 0;
