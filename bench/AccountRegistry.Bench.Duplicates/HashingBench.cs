using System.Diagnostics;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>Fingerprinting rate: normalise + MinHash signature, on one core and on all cores.</summary>
internal static class HashingBench
{
    public static void Run(int count)
    {
        var corpus = new SyntheticCorpus();
        var random = new Random(42);
        var texts = Enumerable.Range(0, count).Select(_ => corpus.Post(random)).Select(p => NearDuplicateRule.PostText(p.Title, p.Content)).ToArray();
        var characters = texts.Sum(t => (long)t.Length);
        Console.WriteLine($"{count:N0} posts, mean {characters / count:N0} UTF-16 units per post (title + content)");

        // Warm-up: JIT, tiered compilation, the TS table.
        for (var i = 0; i < Math.Min(count, 2_000); i++)
        {
            _ = MinHashLsh.Signature(TextNormalizer.Normalize(texts[i]));
        }

        var normalized = new int[count][];
        var best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                normalized[i] = TextNormalizer.Normalize(texts[i]);
            }

            best = Min(best, watch.Elapsed);
        }

        var normalizeOnly = best;
        best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                _ = MinHashLsh.Signature(normalized[i]);
            }

            best = Min(best, watch.Elapsed);
        }

        var signatureOnly = best;
        best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                _ = MinHashLsh.Signature(TextNormalizer.Normalize(texts[i]));
            }

            best = Min(best, watch.Elapsed);
        }

        var oneCore = best;
        best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, count, i => _ = MinHashLsh.Signature(TextNormalizer.Normalize(texts[i])));
            best = Min(best, watch.Elapsed);
        }

        var allCores = best;
        Console.WriteLine($"normalise only, 1 core:        {count / normalizeOnly.TotalSeconds,10:N0} posts/s");
        Console.WriteLine($"signature only, 1 core:        {count / signatureOnly.TotalSeconds,10:N0} posts/s");
        Console.WriteLine($"fingerprint (both), 1 core:    {count / oneCore.TotalSeconds,10:N0} posts/s   (target ≥ 20,000 per core)");
        Console.WriteLine($"fingerprint, {Environment.ProcessorCount} cores:           {count / allCores.TotalSeconds,10:N0} posts/s");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
