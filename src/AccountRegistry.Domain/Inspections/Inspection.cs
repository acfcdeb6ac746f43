namespace AccountRegistry.Domain.Inspections;

/// <summary>One inspection (spec/inspection.md) as of a check point T, with the settings it used.</summary>
public class Inspection
{
    public const string CommandLine = "cli";

    public long Id { get; set; }

    /// <summary>Check point T.</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>The settings used, as the JSON output's "settings" object.</summary>
    public string Settings { get; set; } = "{}";

    /// <summary>Counties whose settings differ from <see cref="Settings"/>: {"unit code": {...}}; null when none do.</summary>
    public string? CountySettings { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public TimeSpan Duration { get; set; }

    public string TriggeredBy { get; set; } = string.Empty;

    public int AccountCount { get; set; }

    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Excellent { get; set; }
}

/// <summary>One inspected account's verdict in one inspection.</summary>
public class InspectionResult
{
    public long InspectionId { get; set; }

    public int AccountId { get; set; }

    /// <summary>pass, fail or excellent.</summary>
    public string Result { get; set; } = string.Empty;

    public int Score { get; set; }

    /// <summary>The veto codes that fired, sorted.</summary>
    public string[] Vetoes { get; set; } = [];

    /// <summary>JSON array of {"code", "points", "count"}, sorted by code.</summary>
    public string Deductions { get; set; } = "[]";

    /// <summary>JSON object: per code, what shows it (message ids, post ids, the latest post's day).</summary>
    public string Evidence { get; set; } = "{}";
}

/// <summary>A warning of one inspection (NEAR_STALE, REVIVED): not a failure.</summary>
public class InspectionWarning
{
    public long InspectionId { get; set; }

    public int AccountId { get; set; }

    public string Code { get; set; } = string.Empty;

    /// <summary>JSON object: the latest post's day, or the posts published after the account was closed.</summary>
    public string Evidence { get; set; } = "{}";
}
