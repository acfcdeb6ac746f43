namespace AccountRegistry.Domain.Content;

/// <summary>
/// Finds every occurrence of many patterns in one pass over a normalised text (Aho–Corasick over code points), so
/// the cost per post does not grow with the length of the county's lists.
/// </summary>
public sealed class PhraseMatcher
{
    private readonly List<Dictionary<int, int>> next = [new()];
    private readonly List<int> fail = [0];

    // Patterns ending at a node, including those reached through failure links (merged once built).
    private readonly List<int[]> outputs = [[]];
    private readonly List<int> patternLengths = [];

    /// <summary>Adds a pattern; returns its number (0, 1, …). Empty patterns never match.</summary>
    public int Add(ReadOnlySpan<int> pattern)
    {
        var id = patternLengths.Count;
        patternLengths.Add(pattern.Length);
        if (pattern.IsEmpty)
        {
            return id;
        }

        var node = 0;
        foreach (var c in pattern)
        {
            if (!next[node].TryGetValue(c, out var child))
            {
                child = next.Count;
                next.Add([]);
                fail.Add(0);
                outputs.Add([]);
                next[node][c] = child;
            }

            node = child;
        }

        outputs[node] = [.. outputs[node], id];
        return id;
    }

    public int Count => patternLengths.Count;

    /// <summary>Builds the failure links; call once after the last <see cref="Add"/>.</summary>
    public PhraseMatcher Build()
    {
        var queue = new Queue<int>();
        foreach (var child in next[0].Values)
        {
            fail[child] = 0;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in next[node])
            {
                var f = fail[node];
                while (f != 0 && !next[f].ContainsKey(c))
                {
                    f = fail[f];
                }

                fail[child] = next[f].TryGetValue(c, out var target) && target != child ? target : 0;
                if (outputs[fail[child]].Length > 0)
                {
                    outputs[child] = [.. outputs[child], .. outputs[fail[child]]];
                }

                queue.Enqueue(child);
            }
        }

        return this;
    }

    /// <summary>Every match as (pattern number, start index in the normalised text, length).</summary>
    public void Find(ReadOnlySpan<int> text, List<(int Pattern, int Start, int Length)> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (next[0].Count == 0)
        {
            return;
        }

        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int child;
            while (!next[node].TryGetValue(c, out child) && node != 0)
            {
                node = fail[node];
            }

            node = next[node].TryGetValue(c, out child) ? child : 0;
            foreach (var id in outputs[node])
            {
                var length = patternLengths[id];
                matches.Add((id, i - length + 1, length));
            }
        }
    }
}
