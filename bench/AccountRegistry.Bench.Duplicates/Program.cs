using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Bench.Duplicates;

// Near-duplicate benchmark (docs/benchmarks.md, "Near-duplicates").
//   hashing                      fingerprinting rate, one core and all cores
//   recall [--corpus C] [--connection CS]     candidate recall vs exact all-pairs truth on 20,000 posts with planted copies;
//                                with a database also the detector end to end
//   scale [--corpus C] --connection CS [--stored N] [--new N] [--reuse] [--fast-load]
//                                a day of new posts checked against N stored posts in PostgreSQL
//                                (--fast-load: set up the store's fingerprints by bulk load instead of the backfill)
// C: synthetic (default; skewed vocabulary), template (the generator's text before issue 14, adversarial) or
// realistic (ReportWriter's reports, as the generator and the demo now write them).
// CS names a database the benchmark may drop and recreate (its user must be allowed to create databases).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var mode = args.FirstOrDefault() ?? "help";
string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

Console.WriteLine($"# near-duplicate benchmark: {mode}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector<uint>.Count = {System.Numerics.Vector<uint>.Count}");
var watch = Stopwatch.StartNew();
switch (mode)
{
    case "hashing":
        HashingBench.Run(IntOption("--posts", 20_000));
        break;
    case "recall":
        await RecallBench.RunAsync(BenchCorpora.Named(Option("--corpus")), IntOption("--posts", 20_000), Option("--connection") is { } recallConnection ? BenchDatabase.Patient(recallConnection) : null);
        break;
    case "scale":
        await ScaleBench.RunAsync(
            BenchCorpora.Named(Option("--corpus")),
            BenchDatabase.Patient(Option("--connection") ?? throw new ArgumentException("scale needs --connection")),
            IntOption("--stored", 2_000_000),
            IntOption("--new", 20_000),
            args.Contains("--reuse"),
            args.Contains("--fast-load"));
        break;
    default:
        Console.WriteLine("usage: hashing [--posts N] | recall [--corpus C] [--posts N] [--connection CS] | scale [--corpus C] --connection CS [--stored N] [--new N] [--reuse] [--fast-load]");
        return 2;
}

Console.WriteLine($"# done in {watch.Elapsed.TotalSeconds:F1} s");
return 0;
