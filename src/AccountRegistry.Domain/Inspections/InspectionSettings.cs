namespace AccountRegistry.Domain.Inspections;

/// <summary>
/// The numbers of spec/inspection.md. The defaults are the spec's; a county may change them
/// (<see cref="CountyInspectionSettings"/>) and every inspection stores the ones it used under these snake_case names.
/// </summary>
public sealed record InspectionSettings
{
    public static InspectionSettings Defaults { get; } = new();

    /// <summary>P: the inspection period ending with T (T−89 … T for 90).</summary>
    public int PeriodDays { get; init; } = 90;

    /// <summary>NEAR_STALE from this many days since the latest post up to the STALE threshold.</summary>
    public int WarnDays { get; init; } = 10;

    /// <summary>VETO_UNANSWERED: a message needing a reply unanswered for more than this many days.</summary>
    public int UnansweredDays { get; init; } = 90;

    /// <summary>DEDUCT_SLOW_REPLY: the reply is due by the end of this working day after the day received.</summary>
    public int ReplyWorkingDays { get; init; } = 5;

    public int SlowReplyPoints { get; init; } = 2;

    public int SlowReplyCap { get; init; } = 20;

    public int RepostHeavyPoints { get; init; } = 10;

    public int DuplicateContentPoints { get; init; } = 10;

    public int UnattendedPoints { get; init; } = 10;

    public int NotFiledPoints { get; init; } = 5;

    /// <summary>A score below this fails.</summary>
    public int PassScore { get; init; } = 60;

    /// <summary>A pass with at least this score is excellent.</summary>
    public int ExcellentScore { get; init; } = 90;

    /// <summary>The settings as (JSON name, value) pairs in output order (the spec's example starts with the first two).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ToNamedValues() =>
    [
        new("period_days", PeriodDays),
        new("warn_days", WarnDays),
        new("unanswered_days", UnansweredDays),
        new("reply_working_days", ReplyWorkingDays),
        new("slow_reply_points", SlowReplyPoints),
        new("slow_reply_cap", SlowReplyCap),
        new("repost_heavy_points", RepostHeavyPoints),
        new("duplicate_content_points", DuplicateContentPoints),
        new("unattended_points", UnattendedPoints),
        new("not_filed_points", NotFiledPoints),
        new("pass_score", PassScore),
        new("excellent_score", ExcellentScore),
    ];

    /// <summary>Builds settings from (JSON name, value) pairs; unknown names are ignored, missing ones keep the default.</summary>
    public static InspectionSettings FromNamedValues(IEnumerable<KeyValuePair<string, int>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var settings = Defaults;
        foreach (var (name, value) in values)
        {
            settings = name switch
            {
                "period_days" => settings with { PeriodDays = value },
                "warn_days" => settings with { WarnDays = value },
                "unanswered_days" => settings with { UnansweredDays = value },
                "reply_working_days" => settings with { ReplyWorkingDays = value },
                "slow_reply_points" => settings with { SlowReplyPoints = value },
                "slow_reply_cap" => settings with { SlowReplyCap = value },
                "repost_heavy_points" => settings with { RepostHeavyPoints = value },
                "duplicate_content_points" => settings with { DuplicateContentPoints = value },
                "unattended_points" => settings with { UnattendedPoints = value },
                "not_filed_points" => settings with { NotFiledPoints = value },
                "pass_score" => settings with { PassScore = value },
                "excellent_score" => settings with { ExcellentScore = value },
                _ => settings,
            };
        }

        return settings;
    }

    /// <summary>What is out of range, as (name, value, min, max); empty when usable.</summary>
    public IReadOnlyList<(string Name, int Value, int Min, int Max)> Validate()
    {
        var limits = new Dictionary<string, (int Min, int Max)>
        {
            ["period_days"] = (1, 3650),
            ["warn_days"] = (0, 3650),
            ["unanswered_days"] = (1, 3650),
            ["reply_working_days"] = (0, 365),
            ["slow_reply_points"] = (0, 100),
            ["slow_reply_cap"] = (0, 100),
            ["repost_heavy_points"] = (0, 100),
            ["duplicate_content_points"] = (0, 100),
            ["unattended_points"] = (0, 100),
            ["not_filed_points"] = (0, 100),
            ["pass_score"] = (1, 100),
            ["excellent_score"] = (1, 100),
        };
        return [.. ToNamedValues()
            .Where(v => v.Value < limits[v.Key].Min || v.Value > limits[v.Key].Max)
            .Select(v => (v.Key, v.Value, limits[v.Key].Min, limits[v.Key].Max))];
    }
}

/// <summary>A county's inspection settings (one row per county; a county without one uses the defaults).</summary>
public class CountyInspectionSettings
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public int PeriodDays { get; set; } = InspectionSettings.Defaults.PeriodDays;

    public int WarnDays { get; set; } = InspectionSettings.Defaults.WarnDays;

    public int UnansweredDays { get; set; } = InspectionSettings.Defaults.UnansweredDays;

    public int ReplyWorkingDays { get; set; } = InspectionSettings.Defaults.ReplyWorkingDays;

    public int SlowReplyPoints { get; set; } = InspectionSettings.Defaults.SlowReplyPoints;

    public int SlowReplyCap { get; set; } = InspectionSettings.Defaults.SlowReplyCap;

    public int RepostHeavyPoints { get; set; } = InspectionSettings.Defaults.RepostHeavyPoints;

    public int DuplicateContentPoints { get; set; } = InspectionSettings.Defaults.DuplicateContentPoints;

    public int UnattendedPoints { get; set; } = InspectionSettings.Defaults.UnattendedPoints;

    public int NotFiledPoints { get; set; } = InspectionSettings.Defaults.NotFiledPoints;

    public int PassScore { get; set; } = InspectionSettings.Defaults.PassScore;

    public int ExcellentScore { get; set; } = InspectionSettings.Defaults.ExcellentScore;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>PostgreSQL xmin: two administrators saving at once conflict instead of overwriting each other.</summary>
    public uint Version { get; set; }

    public InspectionSettings ToSettings() => new()
    {
        PeriodDays = PeriodDays,
        WarnDays = WarnDays,
        UnansweredDays = UnansweredDays,
        ReplyWorkingDays = ReplyWorkingDays,
        SlowReplyPoints = SlowReplyPoints,
        SlowReplyCap = SlowReplyCap,
        RepostHeavyPoints = RepostHeavyPoints,
        DuplicateContentPoints = DuplicateContentPoints,
        UnattendedPoints = UnattendedPoints,
        NotFiledPoints = NotFiledPoints,
        PassScore = PassScore,
        ExcellentScore = ExcellentScore,
    };

    /// <summary>Sets new values; refuses any outside their range (nothing changes then).</summary>
    public void Change(InspectionSettings settings, string changedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid inspection settings: " + string.Join("; ", problems.Select(p => $"{p.Name} = {p.Value} (allowed {p.Min}–{p.Max})")),
                nameof(settings));
        }

        PeriodDays = settings.PeriodDays;
        WarnDays = settings.WarnDays;
        UnansweredDays = settings.UnansweredDays;
        ReplyWorkingDays = settings.ReplyWorkingDays;
        SlowReplyPoints = settings.SlowReplyPoints;
        SlowReplyCap = settings.SlowReplyCap;
        RepostHeavyPoints = settings.RepostHeavyPoints;
        DuplicateContentPoints = settings.DuplicateContentPoints;
        UnattendedPoints = settings.UnattendedPoints;
        NotFiledPoints = settings.NotFiledPoints;
        PassScore = settings.PassScore;
        ExcellentScore = settings.ExcellentScore;
        UpdatedAt = now;
        UpdatedBy = changedBy;
    }
}
