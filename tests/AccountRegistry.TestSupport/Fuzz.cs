using System.Collections.Concurrent;

namespace AccountRegistry.TestSupport;

/// <summary>
/// Runs generated inputs against a path and gathers what went wrong. Each input comes from its own seeded random
/// (seed + index), so a failure names an input that can be replayed alone, and inputs can run a few at a time
/// without changing which inputs are made. The caller takes the table checksums once before and once after the run.
/// </summary>
public static class Fuzz
{
    /// <summary>FUZZ_CASES overrides the count (more for a long run, fewer while working on a generator).</summary>
    public static int Cases(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out var n) && n > 0 ? n : defaultCount;

    /// <summary>
    /// Generates input <c>i</c> with <paramref name="generate"/> and checks it with <paramref name="check"/> (null: fine,
    /// else what is wrong); an exception is a failure too. Returns the failures, "#index what: problem".
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync<T>(
        int count, int seed, Func<Random, int, T> generate, Func<T, Task<string?>> check, Func<T, string> describe, int parallelism = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generate);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(describe);
        var failures = new ConcurrentBag<(int Index, string Text)>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var input = generate(new Random(unchecked(seed + (i * 7919))), i);
                try
                {
                    if (await check(input) is { } problem)
                    {
                        failures.Add((i, $"#{i} {describe(input)}: {problem}"));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failures.Add((i, $"#{i} {describe(input)}: {ex.GetType().Name}: {ex.Message}"));
                }
            });
        return [.. failures.OrderBy(f => f.Index).Select(f => f.Text)];
    }
}
