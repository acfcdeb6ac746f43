namespace AccountRegistry.Domain.Notifications;

/// <summary>
/// An in-app message to one user (the bell in the app bar). Stored as a kind and its arguments rather than as text,
/// so each reader sees it in their own language and an e-mail sender can word it its own way.
/// </summary>
public class Notification
{
    public long Id { get; set; }

    /// <summary>The user's login name.</summary>
    public required string Recipient { get; set; }

    /// <summary>A stable code such as "closure.submitted" or "closure.overdue".</summary>
    public required string Kind { get; set; }

    /// <summary>What it is about, in the data's own words (an account's name).</summary>
    public string? Subject { get; set; }

    /// <summary>Who caused it (a user name; null for reminders the system raises).</summary>
    public string? Actor { get; set; }

    public string? Note { get; set; }

    /// <summary>Where clicking it leads, relative to the app's base (e.g. "closures/42").</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Set for reminders, so that raising them again (another hour, another instance) adds nothing twice.</summary>
    public string? DedupKey { get; set; }
}
