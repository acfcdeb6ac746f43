using AccountRegistry.Domain.Text;

namespace AccountRegistry.Bench.Duplicates;

/// <summary>
/// The ground truth: every pair of texts whose exact 4-gram Jaccard is at least 0.6. Comparing all 200 million pairs
/// of 20,000 texts one by one is too slow on two cores, so this is the exact all-pairs similarity join with prefix
/// filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007): with the shingles of every text sorted
/// rarest first, two texts with Jaccard ≥ t must share a shingle among the first |x| − ⌈t·|x|⌉ + 1 of each, so
/// collecting pairs through those prefixes loses no pair; every collected pair is then checked exactly. The
/// benchmark also cross-checks this against plain all-pairs comparison on a subsample.
/// </summary>
internal static class ExactPairs
{
    public static HashSet<(int A, int B)> Join(IReadOnlyList<int[]> normalized) => Join(normalized, 3, 5);

    /// <summary>Every pair with Jaccard ≥ numerator / denominator.</summary>
    public static HashSet<(int A, int B)> Join(IReadOnlyList<int[]> normalized, int numerator, int denominator)
    {
        // Token ids for shingles, and their global frequency (rarest first gives short candidate lists).
        var ids = new Dictionary<UInt128, int>();
        var documents = new int[normalized.Count][];
        var frequency = new List<int>();
        for (var d = 0; d < normalized.Count; d++)
        {
            var text = normalized[d];
            if (!NearDuplicateRule.IsLongEnough(text.Length))
            {
                documents[d] = [];
                continue;
            }

            var tokens = new HashSet<int>();
            for (var i = 0; i + ShingleSet.ShingleLength <= text.Length; i++)
            {
                var key = ShingleSet.Key(text[i], text[i + 1], text[i + 2], text[i + 3]);
                if (!ids.TryGetValue(key, out var id))
                {
                    id = ids.Count;
                    ids[key] = id;
                    frequency.Add(0);
                }

                if (tokens.Add(id))
                {
                    frequency[id]++;
                }
            }

            documents[d] = [.. tokens];
        }

        foreach (var tokens in documents)
        {
            Array.Sort(tokens, (x, y) => frequency[x] != frequency[y] ? frequency[x].CompareTo(frequency[y]) : x.CompareTo(y));
        }

        var index = new Dictionary<int, List<int>>();
        var pairs = new HashSet<(int, int)>();
        var order = Enumerable.Range(0, documents.Length).Where(d => documents[d].Length > 0).OrderBy(d => documents[d].Length).ToArray();
        foreach (var d in order)
        {
            var x = documents[d];
            // Jaccard ≥ t = n/d in integers: prefix |x| − ⌈n|x|/d⌉ + 1, size filter d|y| ≥ n|x|.
            var prefix = x.Length - (((numerator * x.Length) + denominator - 1) / denominator) + 1;
            var candidates = new HashSet<int>();
            for (var i = 0; i < prefix && i < x.Length; i++)
            {
                if (index.TryGetValue(x[i], out var list))
                {
                    foreach (var other in list)
                    {
                        // Size filter: |y| ≥ t·|x| (documents come in increasing size, so |y| ≤ |x|).
                        if ((long)denominator * documents[other].Length >= (long)numerator * x.Length)
                        {
                            candidates.Add(other);
                        }
                    }
                }
            }

            foreach (var other in candidates)
            {
                if (Verify(x, documents[other], numerator, denominator))
                {
                    pairs.Add(d < other ? (d, other) : (other, d));
                }
            }

            for (var i = 0; i < prefix && i < x.Length; i++)
            {
                if (!index.TryGetValue(x[i], out var list))
                {
                    index[x[i]] = list = [];
                }

                list.Add(d);
            }
        }

        return pairs;
    }

    /// <summary>Plain comparison of every pair (for the cross-check on a subsample).</summary>
    public static HashSet<(int A, int B)> AllPairs(IReadOnlyList<int[]> normalized)
    {
        var sets = normalized.Select(n => ShingleSet.FromNormalized(n)).ToArray();
        var pairs = new HashSet<(int, int)>();
        var gate = new Lock();
        Parallel.For(0, sets.Length, i =>
        {
            for (var j = i + 1; j < sets.Length; j++)
            {
                if (NearDuplicateRule.Confirm(sets[i], sets[j]) is not null)
                {
                    lock (gate)
                    {
                        pairs.Add((i, j));
                    }
                }
            }
        });
        return pairs;
    }

    private static bool Verify(int[] x, int[] y, int numerator, int denominator)
    {
        var set = new HashSet<int>(y);
        var common = x.Count(set.Contains);
        var union = x.Length + y.Length - common;
        return numerator == 3 && denominator == 5
            ? NearDuplicateRule.MeetsThreshold(common, union)
            : (long)denominator * common >= (long)numerator * union;
    }
}
