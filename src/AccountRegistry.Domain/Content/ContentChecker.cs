namespace AccountRegistry.Domain.Content;

/// <summary>An official name (a leader, unit or place) and the wrong forms it is known to be misspelt as.</summary>
public sealed record OfficialName(string Name, IReadOnlyList<string> WrongForms);

/// <summary>The county's lists, as the checks use them.</summary>
public sealed record ContentLists(IReadOnlyList<OfficialName> Names, IReadOnlyList<string> BannedPhrases, IReadOnlyList<string> AllowedDomains)
{
    public static ContentLists Empty { get; } = new([], [], []);
}

/// <summary>
/// Runs every content check on a post's title and content. Built once per list version and shared: checking is
/// read-only and safe on many threads.
/// </summary>
/// <remarks>
/// Names and banned phrases are matched on <see cref="NormalizedText"/> (the near-duplicate normalisation), so a
/// traditional-script, full-width, spaced or punctuated variant is caught: "岳 麓·去" matches the wrong form 岳麓去.
/// A wrong form found inside an occurrence of an official name is not reported (a list may name 岳麓区人民政府 and
/// the wrong form 麓区人民, or a wrong form may be the correct name of another unit's part).
/// </remarks>
public sealed class ContentChecker
{
    private readonly PhraseMatcher matcher = new();
    private readonly List<(ContentCheck Check, string Detail, bool IsCorrectName)> patterns = [];
    private readonly IReadOnlyList<string> allowedDomains;
    private readonly bool hasCorrectNames;

    public ContentChecker(ContentLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        foreach (var name in lists.Names)
        {
            AddPattern(name.Name, ContentCheck.NameError, name.Name, isCorrectName: true);
            foreach (var wrong in name.WrongForms)
            {
                AddPattern(wrong, ContentCheck.NameError, name.Name, isCorrectName: false);
            }
        }

        foreach (var phrase in lists.BannedPhrases)
        {
            AddPattern(phrase, ContentCheck.Banned, phrase, isCorrectName: false);
        }

        hasCorrectNames = patterns.Any(p => p.IsCorrectName);
        matcher.Build();
        allowedDomains = lists.AllowedDomains.Select(d => LinkScanner.NormalizeDomain(d) ?? d).ToArray();
    }

    /// <summary>Every finding of the post's title and content, in field then position order.</summary>
    public IReadOnlyList<ContentMatch> Check(string? title, string? content)
    {
        var output = new List<ContentMatch>();
        if (!string.IsNullOrEmpty(title))
        {
            CheckField(title, ContentField.Title, output);
        }

        if (!string.IsNullOrEmpty(content))
        {
            CheckField(content, ContentField.Content, output);
        }

        return output;
    }

    private void AddPattern(string text, ContentCheck check, string detail, bool isCorrectName)
    {
        var normalized = NormalizedText.Pattern(text);
        if (normalized.Length == 0)
        {
            return;
        }

        matcher.Add(normalized);
        patterns.Add((check, detail, isCorrectName));
    }

    private void CheckField(string text, ContentField field, List<ContentMatch> output)
    {
        var start = output.Count;
        PrivacyScanner.Scan(text, field, output);
        LinkScanner.Scan(text, field, allowedDomains, output);
        if (matcher.Count > 0)
        {
            MatchPhrases(text, field, output);
        }

        if (output.Count - start > 1)
        {
            output.Sort(start, output.Count - start, Comparer<ContentMatch>.Create((a, b) => a.Position.CompareTo(b.Position)));
        }
    }

    private void MatchPhrases(string text, ContentField field, List<ContentMatch> output)
    {
        var normalized = NormalizedText.Of(text);
        var matches = new List<(int Pattern, int Start, int Length)>();
        matcher.Find(normalized.CodePoints.AsSpan(0, normalized.Length), matches);
        if (matches.Count == 0)
        {
            return;
        }

        List<(int Start, int End)>? correct = null;
        if (hasCorrectNames)
        {
            foreach (var (pattern, start, length) in matches)
            {
                if (patterns[pattern].IsCorrectName)
                {
                    (correct ??= []).Add((start, start + length));
                }
            }
        }

        var seen = new HashSet<(int, int)>();
        foreach (var (pattern, start, length) in matches)
        {
            var (check, detail, isCorrectName) = patterns[pattern];
            if (isCorrectName || !seen.Add((pattern, start)))
            {
                continue;
            }

            if (check == ContentCheck.NameError && correct is not null && correct.Exists(c => c.Start <= start && start + length <= c.End))
            {
                continue;
            }

            var from = normalized.Starts[start];
            var to = normalized.Ends[start + length - 1];
            output.Add(new ContentMatch(check, detail, field, from, text[from..to]));
        }
    }
}
