namespace AccountRegistry.Domain.Rules;

/// <summary>
/// A county's thresholds (spec/rules.md: "an administrator can change them per county"). A county without a row uses
/// the spec's defaults.
/// </summary>
public class RuleSettings
{
    /// <summary>How long a dismissed flag stays dismissed unless its evidence gets worse.</summary>
    public const int DefaultDismissalDays = 180;

    public int Id { get; set; }

    /// <summary>The county unit the settings apply to (its whole subtree).</summary>
    public int UnitId { get; set; }

    public int NeverPostedDays { get; set; } = Thresholds.Defaults.NeverPostedDays;

    public int StaleDays { get; set; } = Thresholds.Defaults.StaleDays;

    public int LowReadsMean { get; set; } = Thresholds.Defaults.LowReadsMean;

    public int WindowDays { get; set; } = Thresholds.Defaults.WindowDays;

    public int DuplicateContentMinPosts { get; set; } = Thresholds.Defaults.DuplicateContentMinPosts;

    public decimal DuplicateContentShare { get; set; } = Thresholds.Defaults.DuplicateContentShare;

    public int RepostHeavyMinPosts { get; set; } = Thresholds.Defaults.RepostHeavyMinPosts;

    public decimal RepostHeavyOriginalShare { get; set; } = Thresholds.Defaults.RepostHeavyOriginalShare;

    public int DismissalDays { get; set; } = DefaultDismissalDays;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>PostgreSQL xmin: two administrators saving at once conflict instead of overwriting each other.</summary>
    public uint Version { get; set; }

    public Thresholds ToThresholds() => new()
    {
        NeverPostedDays = NeverPostedDays,
        StaleDays = StaleDays,
        LowReadsMean = LowReadsMean,
        WindowDays = WindowDays,
        DuplicateContentMinPosts = DuplicateContentMinPosts,
        DuplicateContentShare = DuplicateContentShare,
        RepostHeavyMinPosts = RepostHeavyMinPosts,
        RepostHeavyOriginalShare = RepostHeavyOriginalShare,
    };

    /// <summary>Sets new values; refuses any outside their range (nothing changes then).</summary>
    public void Change(Thresholds thresholds, int dismissalDays, string changedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var problems = Validate(thresholds, dismissalDays);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid thresholds: " + string.Join("; ", problems.Select(p => $"{p.Name} = {p.Value} (allowed {p.Min}–{p.Max})")),
                nameof(thresholds));
        }

        NeverPostedDays = thresholds.NeverPostedDays;
        StaleDays = thresholds.StaleDays;
        LowReadsMean = thresholds.LowReadsMean;
        WindowDays = thresholds.WindowDays;
        DuplicateContentMinPosts = thresholds.DuplicateContentMinPosts;
        DuplicateContentShare = thresholds.DuplicateContentShare;
        RepostHeavyMinPosts = thresholds.RepostHeavyMinPosts;
        RepostHeavyOriginalShare = thresholds.RepostHeavyOriginalShare;
        DismissalDays = dismissalDays;
        UpdatedAt = now;
        UpdatedBy = changedBy;
    }

    public const string DismissalDaysName = "dismissal_days";

    public static IReadOnlyList<ThresholdProblem> Validate(Thresholds thresholds, int dismissalDays)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var problems = thresholds.Validate().ToList();
        if (dismissalDays is < 0 or > 3650)
        {
            problems.Add(new ThresholdProblem(DismissalDaysName, dismissalDays, 0, 3650));
        }

        return problems;
    }
}
