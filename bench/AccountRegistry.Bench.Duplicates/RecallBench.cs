using System.Diagnostics;
using AccountRegistry.Application.Duplicates;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>
/// Candidate recall of the LSH step against the exact definition on a sample with planted copies, per kind of copy;
/// with a database, the detector end to end (its pairs against the same truth).
/// </summary>
internal static class RecallBench
{
    private const int Accounts = 2_000;

    private static readonly SyntheticCorpus Editor = new();

    public static async Task RunAsync(IBenchCorpus corpus, int count, string? connectionString)
    {
        var random = new Random(2026);
        var kinds = corpus.Kinds;
        var copiesPerKind = count / 40;
        var originals = count - (copiesPerKind * kinds.Count);
        var posts = new List<(string Title, string Content)>(count);
        var accountOf = new int[count];
        var plantedKind = new Dictionary<(int, int), CopyKind>();
        for (var i = 0; i < originals; i++)
        {
            posts.Add(corpus.Post(random));
            accountOf[i] = random.Next(Accounts);
        }

        foreach (var kind in kinds)
        {
            for (var c = 0; c < copiesPerKind; c++)
            {
                var original = random.Next(originals);
                plantedKind[(original, posts.Count)] = kind;
                accountOf[posts.Count] = (accountOf[original] + 1 + random.Next(Accounts - 1)) % Accounts;
                posts.Add(corpus.Copy(random, posts[original], kind));
            }
        }

        Console.WriteLine($"corpus: {corpus.Name}");
        Console.WriteLine($"sample: {count:N0} posts = {originals:N0} originals + {copiesPerKind:N0} planted copies of each of {kinds.Count} kinds, on {Accounts:N0} accounts");

        var watch = Stopwatch.StartNew();
        var normalized = posts.Select(p => TextNormalizer.Normalize(NearDuplicateRule.PostText(p.Title, p.Content))).ToArray();
        var truthAll = ExactPairs.Join(normalized);
        var truth = truthAll.Where(p => accountOf[p.A] != accountOf[p.B]).ToHashSet();
        Console.WriteLine($"exact truth (prefix-filtered all-pairs join, {watch.Elapsed.TotalSeconds:F1} s): {truth.Count:N0} pairs of different accounts with Jaccard ≥ 0.6 ({truthAll.Count - truth.Count} same-account pairs left out, as the detector does)");

        CrossCheck(normalized);
        UnrelatedDistribution(normalized, originals, truthAll);

        // The LSH step exactly as PostgreSQL does it: a pair is a candidate when some band key is equal.
        var signatures = normalized.Select(n => MinHashLsh.Signature(n)).ToArray();
        var candidates = new HashSet<(int, int)>();
        for (var band = 0; band < MinHashLsh.Bands; band++)
        {
            var buckets = new Dictionary<long, List<int>>();
            for (var i = 0; i < signatures.Length; i++)
            {
                if (signatures[i] is { } signature)
                {
                    if (!buckets.TryGetValue(signature[band], out var list))
                    {
                        buckets[signature[band]] = list = [];
                    }

                    list.Add(i);
                }
            }

            foreach (var list in buckets.Values.Where(l => l.Count > 1))
            {
                for (var x = 0; x < list.Count; x++)
                {
                    for (var y = x + 1; y < list.Count; y++)
                    {
                        if (accountOf[list[x]] != accountOf[list[y]])
                        {
                            candidates.Add((list[x], list[y]));
                        }
                    }
                }
            }
        }

        var prefiltered = candidates.Where(c => MinHashLsh.EstimateSimilarity(signatures[c.Item1], signatures[c.Item2]) >= NearDuplicateDetector.PrefilterSimilarity).ToHashSet();
        var found = truth.Count(prefiltered.Contains);
        var falseCandidates = candidates.Count - truth.Count(candidates.Contains);
        Console.WriteLine($"LSH {MinHashLsh.Bands} bands × {MinHashLsh.RowsPerBand} rows: {candidates.Count:N0} candidate pairs ({(double)candidates.Count / count:N1} per post) ({falseCandidates:N0} below the threshold), {prefiltered.Count:N0} after the signature prefilter");
        var falseSimilarities = candidates.Where(c => !truth.Contains(c)).Select(c => Similarity(normalized, c)).ToList();
        double[] cuts = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        Console.WriteLine("candidates below the threshold by exact Jaccard: " + string.Join(", ", cuts.Select((cut, i) =>
            $"{(i == 0 ? 0 : cuts[i - 1]):0.00}–{cut:0.00}: {falseSimilarities.Count(j => j < cut && j >= (i == 0 ? 0 : cuts[i - 1])):N0}")));
        Console.WriteLine($"candidate recall (LSH + prefilter) over all truth pairs: {found:N0} / {truth.Count:N0} = {SyntheticCorpus.Percent((double)found / Math.Max(1, truth.Count))}");
        Console.WriteLine();
        Console.WriteLine("| planted copy | planted | Jaccard ≥ 0.6 (truth) | mean Jaccard | found by LSH | recall |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            var planted = plantedKind.Where(p => p.Value == kind).Select(p => p.Key).ToList();
            var inTruth = planted.Where(truth.Contains).ToList();
            var jaccard = planted.Average(p => ShingleSet.FromNormalized(normalized[p.Item1]).Jaccard(ShingleSet.FromNormalized(normalized[p.Item2])));
            var hit = inTruth.Count(prefiltered.Contains);
            Console.WriteLine($"| {BenchCorpora.Describe(kind)} | {planted.Count:N0} | {inTruth.Count:N0} | {jaccard:F3} | {hit:N0} | {SyntheticCorpus.Percent(inTruth.Count == 0 ? 1 : (double)hit / inTruth.Count)} |");
        }

        var nearThreshold = truth.Where(p => Similarity(normalized, p) < 0.65).ToList();
        Console.WriteLine($"| truth pairs with 0.60 ≤ Jaccard < 0.65 | | {nearThreshold.Count:N0} | | {nearThreshold.Count(prefiltered.Contains):N0} | {SyntheticCorpus.Percent(nearThreshold.Count == 0 ? 1 : (double)nearThreshold.Count(prefiltered.Contains) / nearThreshold.Count)} |");
        Console.WriteLine();

        SCurve(corpus);

        if (connectionString is not null)
        {
            await EndToEndAsync(connectionString, posts, accountOf, truth);
        }
    }

    /// <summary>Measured share of pairs that share a band, by exact Jaccard, against 1 − (1 − s⁴)⁴⁰.</summary>
    private static void SCurve(IBenchCorpus corpus)
    {
        var random = new Random(99);
        double[] edges = [0.3, 0.4, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.8, 1.0];
        const int PerBucket = 2_000;
        var pairs = new int[edges.Length - 1];
        var hits = new int[edges.Length - 1];
        var sums = new double[edges.Length - 1];
        var attempts = 0;
        while (pairs.Any(p => p < PerBucket) && attempts++ < 400_000)
        {
            var original = corpus.Post(random);
            var text = NearDuplicateRule.PostText(original.Title, original.Content);
            var copy = Editor.Edit(random, text, random.NextDouble() * 0.18);
            var a = TextNormalizer.Normalize(text);
            var b = TextNormalizer.Normalize(copy);
            if (!NearDuplicateRule.IsLongEnough(a.Length) || !NearDuplicateRule.IsLongEnough(b.Length))
            {
                continue;
            }

            var jaccard = ShingleSet.FromNormalized(a).Jaccard(ShingleSet.FromNormalized(b));
            var bucket = Array.FindIndex(edges, e => e > jaccard) - 1;
            if (jaccard >= 1.0)
            {
                bucket = edges.Length - 2;
            }

            if (bucket < 0 || pairs[bucket] >= PerBucket)
            {
                continue;
            }

            var sa = MinHashLsh.Signature(a)!;
            var sb = MinHashLsh.Signature(b)!;
            pairs[bucket]++;
            sums[bucket] += jaccard;
            if (sa.Zip(sb).Any(x => x.First == x.Second))
            {
                hits[bucket]++;
            }
        }

        Console.WriteLine("| exact Jaccard | pairs | share of a band, measured | predicted at the bucket's mean |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var i = 0; i < pairs.Length; i++)
        {
            var mean = pairs[i] == 0 ? 0 : sums[i] / pairs[i];
            Console.WriteLine($"| {edges[i]:0.00}–{edges[i + 1]:0.00} | {pairs[i]:N0} | {SyntheticCorpus.Percent(pairs[i] == 0 ? 0 : (double)hits[i] / pairs[i])} | {SyntheticCorpus.Percent(MinHashLsh.CandidateProbability(mean))} |");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// Jaccard of unrelated pairs (two originals, no planted copy between them): median and 99th percentile over a
    /// million random pairs, and every pair at 0.3 or more exactly (a prefix-filtered join at 0.3), so the maximum is exact.
    /// </summary>
    private static void UnrelatedDistribution(int[][] normalized, int originals, HashSet<(int A, int B)> truth)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(7);
        var sets = new ShingleSet?[originals];
        ShingleSet Set(int i) => sets[i] ??= ShingleSet.FromNormalized(normalized[i]);
        var sample = new double[1_000_000];
        for (var k = 0; k < sample.Length; k++)
        {
            int a, b;
            do
            {
                a = random.Next(originals);
                b = random.Next(originals);
            }
            while (a == b || !NearDuplicateRule.IsLongEnough(normalized[a].Length) || !NearDuplicateRule.IsLongEnough(normalized[b].Length));
            sample[k] = Set(a).Jaccard(Set(b));
        }

        Array.Sort(sample);
        // A join at 0.3 reaches deep into each post (70 % prefixes), so it runs on the first 5,000 originals only.
        var joined = Math.Min(originals, 5_000);
        var high = ExactPairs.Join(normalized[..joined], 3, 10).Select(p => Set(p.A).Jaccard(Set(p.B))).ToList();
        var max = high.Count == 0 ? sample[^1] : Math.Max(high.Max(), sample[^1]);
        _ = truth;
        Console.WriteLine(
            $"unrelated pairs (originals only): median Jaccard {Percentiles.Median(sample):F3}, 99th percentile {Percentiles.Of(sample, 99):F3}, " +
            $"99.99th {Percentiles.Of(sample, 99.99):F3} (of 1,000,000 random pairs); over all {(long)joined * (joined - 1) / 2:N0} pairs of " +
            $"(first {joined:N0} originals) {high.Count:N0} at ≥ 0.3, {high.Count(j => j >= 0.45):N0} at ≥ 0.45, {high.Count(j => j >= 0.6):N0} at ≥ 0.6, maximum {max:F3} ({watch.Elapsed.TotalSeconds:F1} s)");
    }

    private static double Similarity(int[][] normalized, (int A, int B) pair) =>
        ShingleSet.FromNormalized(normalized[pair.A]).Jaccard(ShingleSet.FromNormalized(normalized[pair.B]));

    /// <summary>The prefix-filtered join against plain all-pairs comparison, on a subsample with copies in it.</summary>
    private static void CrossCheck(int[][] normalized)
    {
        var sample = Enumerable.Range(0, 1_000).Concat(Enumerable.Range(normalized.Length - 1_000, 1_000)).Select(i => normalized[i]).ToArray();
        var watch = Stopwatch.StartNew();
        var plain = ExactPairs.AllPairs(sample);
        var joined = ExactPairs.Join(sample);
        Console.WriteLine($"cross-check on {sample.Length:N0} posts ({sample.Length * (sample.Length - 1) / 2:N0} pairs compared one by one, {watch.Elapsed.TotalSeconds:F1} s): plain {plain.Count} pairs, join {joined.Count} pairs, identical: {plain.SetEquals(joined)}");
        if (!plain.SetEquals(joined))
        {
            throw new InvalidOperationException("The exact join disagrees with plain comparison: the truth would be wrong.");
        }
    }

    private static async Task EndToEndAsync(string connectionString, List<(string Title, string Content)> posts, int[] accountOf, HashSet<(int A, int B)> truth)
    {
        var accountIds = await BenchDatabase.CreateAsync(connectionString, Accounts);
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var ids = await BenchDatabase.LoadPostsAsync(
            connectionString,
            posts.Select((p, i) => new BenchDatabase.BenchPost(accountIds[accountOf[i]], start.AddMinutes(i), p.Title, p.Content)),
            "r");
        var detector = new NearDuplicateDetector(new RegistryConnection(connectionString), TimeProvider.System);
        var run = await detector.RunAsync(verifyContent: false, null, CancellationToken.None);
        var stored = await BenchDatabase.PairsAsync(connectionString);
        var expected = truth.Select(p => (ids[p.A], ids[p.B])).ToHashSet();
        var hit = expected.Count(stored.Contains);
        var wrong = stored.Count(p => !expected.Contains(p));
        Console.WriteLine($"detector end to end on PostgreSQL ({run.Elapsed.TotalSeconds:F1} s for {run.Posts:N0} posts, {run.Candidates:N0} candidates, {run.Confirmed:N0} confirmed):");
        Console.WriteLine(
            $"  phases: select {run.Phases.Select.TotalSeconds:F1} s, read {run.Phases.Read.TotalSeconds:F1} s, normalise+hash {run.Phases.Hash.TotalSeconds:F1} s, store {run.Phases.Store.TotalSeconds:F1} s, " +
            $"lookup {run.Phases.Lookup.TotalSeconds:F1} s, candidates+confirm {run.Phases.Confirm.TotalSeconds:F1} s, write+commit {run.Phases.Write.TotalSeconds:F1} s, band indexes {run.Phases.Indexes.TotalSeconds:F1} s{(run.Bulk ? " (bulk path)" : "")}");
        Console.WriteLine($"  recall {hit:N0} / {expected.Count:N0} = {SyntheticCorpus.Percent((double)hit / Math.Max(1, expected.Count))}; pairs not in the truth: {wrong} (precision {SyntheticCorpus.Percent(stored.Count == 0 ? 1 : 1 - ((double)wrong / stored.Count))})");
    }
}
