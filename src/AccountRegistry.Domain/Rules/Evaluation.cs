namespace AccountRegistry.Domain.Rules;

/// <summary>One run of the rules: its day, the thresholds it used, when it ran, how long it took, who started it.</summary>
public class Evaluation
{
    /// <summary>Who started a run when no person did.</summary>
    public const string Nightly = "nightly";

    public const string CommandLine = "cli";

    public long Id { get; set; }

    /// <summary>Day T.</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>The thresholds used, as the JSON output's "thresholds" object.</summary>
    public string Thresholds { get; set; } = "{}";

    /// <summary>Counties whose thresholds differ from <see cref="Thresholds"/>: {"unit code": {...}}; null when none do.</summary>
    public string? CountyThresholds { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Accounts evaluated (live and opened by T).</summary>
    public int AccountCount { get; set; }

    /// <summary><see cref="Nightly"/>, <see cref="CommandLine"/>, or the user who pressed 立即评估.</summary>
    public string TriggeredBy { get; set; } = string.Empty;

    /// <summary>
    /// Whether this run moved the flags. A run as of a day before the latest flag-moving run is stored but leaves the
    /// flags alone: flags describe the present, not a replayed past.
    /// </summary>
    public bool UpdatedFlags { get; set; }
}
