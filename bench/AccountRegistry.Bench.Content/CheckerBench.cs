using System.Diagnostics;
using AccountRegistry.Domain.Content;

namespace AccountRegistry.Bench.Content;

/// <summary>
/// The checks alone, in process: posts streamed from a generated posts.csv in chunks (the whole set is not held in
/// memory), each chunk checked once on one thread (the per-core figure) and once on every core. Only checking is
/// timed; reading the file is not.
/// </summary>
internal static class CheckerBench
{
    private const int Chunk = 50_000;

    public static void Run(string postsCsv, long limit)
    {
        var lists = BenchLists.Create();
        var build = Stopwatch.StartNew();
        var checker = new ContentChecker(lists);
        Console.WriteLine($"lists: {lists.Names.Count} names ({lists.Names.Sum(n => n.WrongForms.Count)} wrong forms), {lists.BannedPhrases.Count} banned, {lists.AllowedDomains.Count} domains; checker built in {build.Elapsed.TotalMilliseconds:F0} ms");

        // Warm-up so that tiered compilation has settled before timing.
        var warm = PostFile.Read(postsCsv).Take(20_000).Select((p, i) => (p.Title, Content: BenchLists.Plant(i, p.Content, lists))).ToList();
        foreach (var (title, content) in warm)
        {
            checker.Check(title, content);
        }

        long posts = 0, characters = 0, findings = 0;
        var single = TimeSpan.Zero;
        var parallel = TimeSpan.Zero;
        var byCheck = new long[Enum.GetValues<ContentCheck>().Length];
        var chunk = new List<(string? Title, string? Content)>(Chunk);
        foreach (var post in PostFile.Read(postsCsv))
        {
            chunk.Add((post.Title, BenchLists.Plant(posts + chunk.Count, post.Content, lists)));
            if (chunk.Count == Chunk || posts + chunk.Count >= limit)
            {
                Measure(chunk);
            }

            if (posts >= limit)
            {
                break;
            }
        }

        if (chunk.Count > 0)
        {
            Measure(chunk);
        }

        Console.WriteLine($"posts: {posts:N0}, characters: {characters:N0} (mean {characters / Math.Max(1, posts)} per post), matches: {findings:N0} ({string.Join(", ", Enum.GetValues<ContentCheck>().Select(c => $"{c.ToCode()} {byCheck[(int)c]:N0}"))})");
        Console.WriteLine($"one core:  {single.TotalSeconds,7:F2} s  {posts / single.TotalSeconds,12:N0} posts/s  {characters / single.TotalSeconds / 1e6,6:F1} M chars/s");
        Console.WriteLine($"{Environment.ProcessorCount} cores:   {parallel.TotalSeconds,7:F2} s  {posts / parallel.TotalSeconds,12:N0} posts/s");

        void Measure(List<(string? Title, string? Content)> items)
        {
            var watch = Stopwatch.StartNew();
            foreach (var (title, content) in items)
            {
                var found = checker.Check(title, content);
                findings += found.Count;
                foreach (var f in found)
                {
                    byCheck[(int)f.Check]++;
                }
            }

            single += watch.Elapsed;
            watch.Restart();
            Parallel.ForEach(items, item => checker.Check(item.Title, item.Content));
            parallel += watch.Elapsed;
            posts += items.Count;
            characters += items.Sum(i => (long)(i.Title?.Length ?? 0) + (i.Content?.Length ?? 0));
            items.Clear();
        }
    }
}
