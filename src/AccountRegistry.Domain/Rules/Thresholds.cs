namespace AccountRegistry.Domain.Rules;

/// <summary>
/// The numbers of spec/rules.md. The defaults are the spec's; a county may change them (rule_settings) and every
/// evaluation records the ones it used. Their snake_case names (<see cref="Names"/>) are the keys of the JSON
/// output's "thresholds" object.
/// </summary>
public sealed record Thresholds
{
    public static Thresholds Defaults { get; } = new();

    /// <summary>NEVER_POSTED: no post at all and T − opened_on greater than this.</summary>
    public int NeverPostedDays { get; init; } = 14;

    /// <summary>STALE: the latest post's day is more than this many days before T.</summary>
    public int StaleDays { get; init; } = 14;

    /// <summary>LOW_READS: mean reads of the window's posts that have a figure below this.</summary>
    public int LowReadsMean { get; init; } = 100;

    /// <summary>W: the window of calendar days ending with T (T−89 … T for 90).</summary>
    public int WindowDays { get; init; } = 90;

    /// <summary>DUPLICATE_CONTENT needs at least this many posts in W …</summary>
    public int DuplicateContentMinPosts { get; init; } = 3;

    /// <summary>… and at least this share of them near-duplicates of earlier posts of other accounts.</summary>
    public decimal DuplicateContentShare { get; init; } = 0.5m;

    /// <summary>REPOST_HEAVY needs at least this many posts in W …</summary>
    public int RepostHeavyMinPosts { get; init; } = 5;

    /// <summary>… and fewer than this share of them original.</summary>
    public decimal RepostHeavyOriginalShare { get; init; } = 0.2m;

    /// <summary>The JSON names, in the order the output lists them (the spec's example starts with the first three).</summary>
    public static class Names
    {
        public const string StaleDays = "stale_days";
        public const string LowReadsMean = "low_reads_mean";
        public const string WindowDays = "window_days";
        public const string NeverPostedDays = "never_posted_days";
        public const string DuplicateContentMinPosts = "duplicate_content_min_posts";
        public const string DuplicateContentShare = "duplicate_content_share";
        public const string RepostHeavyMinPosts = "repost_heavy_min_posts";
        public const string RepostHeavyOriginalShare = "repost_heavy_original_share";
    }

    /// <summary>The thresholds as (JSON name, value) pairs in output order.</summary>
    public IReadOnlyList<KeyValuePair<string, decimal>> ToNamedValues() =>
    [
        new(Names.StaleDays, StaleDays),
        new(Names.LowReadsMean, LowReadsMean),
        new(Names.WindowDays, WindowDays),
        new(Names.NeverPostedDays, NeverPostedDays),
        new(Names.DuplicateContentMinPosts, DuplicateContentMinPosts),
        new(Names.DuplicateContentShare, DuplicateContentShare),
        new(Names.RepostHeavyMinPosts, RepostHeavyMinPosts),
        new(Names.RepostHeavyOriginalShare, RepostHeavyOriginalShare),
    ];

    /// <summary>
    /// What is wrong with these numbers, as (JSON name, reason) pairs; empty when they are usable. The limits keep an
    /// administrator from a setting that silently disables a rule or flags everything (a window of 0 days, a share
    /// above 1).
    /// </summary>
    public IReadOnlyList<ThresholdProblem> Validate()
    {
        var problems = new List<ThresholdProblem>();
        RequireRange(problems, Names.NeverPostedDays, NeverPostedDays, 0, 3650);
        RequireRange(problems, Names.StaleDays, StaleDays, 0, 3650);
        RequireRange(problems, Names.LowReadsMean, LowReadsMean, 0, 100_000_000);
        RequireRange(problems, Names.WindowDays, WindowDays, 1, 3650);
        RequireRange(problems, Names.DuplicateContentMinPosts, DuplicateContentMinPosts, 1, 100_000);
        RequireShare(problems, Names.DuplicateContentShare, DuplicateContentShare, allowZero: false);
        RequireRange(problems, Names.RepostHeavyMinPosts, RepostHeavyMinPosts, 1, 100_000);
        RequireShare(problems, Names.RepostHeavyOriginalShare, RepostHeavyOriginalShare, allowZero: false);
        return problems;
    }

    private static void RequireRange(List<ThresholdProblem> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(new ThresholdProblem(name, value, min, max));
        }
    }

    private static void RequireShare(List<ThresholdProblem> problems, string name, decimal value, bool allowZero)
    {
        if (value > 1m || value < 0m || (!allowZero && value == 0m))
        {
            problems.Add(new ThresholdProblem(name, value, allowZero ? 0m : 0.01m, 1m));
        }
    }
}

/// <summary>A threshold outside its allowed range [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
public sealed record ThresholdProblem(string Name, decimal Value, decimal Min, decimal Max);
