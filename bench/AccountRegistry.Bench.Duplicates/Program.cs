using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Bench;
using AccountRegistry.Bench.Duplicates;
using Npgsql;

// Near-duplicate benchmark (docs/benchmarks.md, "Near-duplicates").
//   hashing                      fingerprinting rate, one core and all cores
//   recall [--corpus C] [--connection CS]     candidate recall vs exact all-pairs truth on 20,000 posts with planted copies;
//                                with a database also the detector end to end
//   scale [--corpus C] [--connection CS] [--stored N] [--new N] [--reuse] [--fast-load]
//                                a day of new posts checked against N stored posts in PostgreSQL (without --connection
//                                in a throwaway cluster started like the tests', fsync off, database ar_bench_duplicates)
//                                (--fast-load: set up the store's fingerprints by bulk load instead of the backfill)
// C: synthetic (default; skewed vocabulary), template (the generator's text before issue 14, adversarial) or
// realistic (ReportWriter's reports, as the generator and the demo now write them).
// CS names a database the benchmark may drop and recreate (its user must be allowed to create databases).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var mode = args.FirstOrDefault() ?? "help";
var arguments = new BenchArguments(args);
Console.WriteLine($"# near-duplicate benchmark: {mode}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector<uint>.Count = {System.Numerics.Vector<uint>.Count}, load average {BenchMachine.LoadAverage()}");
var watch = Stopwatch.StartNew();
switch (mode)
{
    case "hashing":
        HashingBench.Run(arguments.Int("--posts", 20_000));
        break;
    case "recall":
        await RecallBench.RunAsync(BenchCorpora.Named(arguments.Option("--corpus")), arguments.Int("--posts", 20_000), arguments.Option("--connection") is { } recallConnection ? BenchDatabase.Patient(recallConnection) : null);
        break;
    case "scale":
        await using (var cluster = await BenchCluster.StartAsync(arguments.Option("--connection")))
        {
            await ScaleBench.RunAsync(
                BenchCorpora.Named(arguments.Option("--corpus")),
                BenchDatabase.Patient(arguments.Option("--connection") ?? new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = "ar_bench_duplicates" }.ConnectionString),
                arguments.Int("--stored", 2_000_000),
                arguments.Int("--new", 20_000),
                arguments.Flag("--reuse"),
                arguments.Flag("--fast-load"));
        }

        break;
    default:
        Console.WriteLine("usage: hashing [--posts N] | recall [--corpus C] [--posts N] [--connection CS] | scale [--corpus C] [--connection CS] [--stored N] [--new N] [--reuse] [--fast-load]");
        return 2;
}

Console.WriteLine($"# done in {watch.Elapsed.TotalSeconds:F1} s");
return 0;
