using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Content;

public enum ContentFindingStatus
{
    Open,
    Confirmed,
    FalseAlarm,
}

public static class ContentFindingStatuses
{
    public static string ToCode(this ContentFindingStatus status) => status switch
    {
        ContentFindingStatus.Open => "open",
        ContentFindingStatus.Confirmed => "confirmed",
        ContentFindingStatus.FalseAlarm => "false_alarm",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static readonly EnumCodes<ContentFindingStatus> Codes = new(ToCode);

    public static bool TryParse(string? code, out ContentFindingStatus status) => Codes.TryParse(code, out status);

    public static ContentFindingStatus Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown content finding status '{code}'.");
}

/// <summary>
/// What a content check found in one post, and what a reviewer made of it. Findings are their own rows, apart from
/// the rules' flags: they never enter an evaluation. Re-checking a post replaces its open findings; decided ones stay
/// as the record of the decision.
/// </summary>
public class ContentFinding
{
    public long Id { get; set; }

    public long PostId { get; set; }

    /// <summary>The post's account, kept here so that per-account lists and scope filters need no join through posts.</summary>
    public int AccountId { get; set; }

    public ContentCheck Check { get; set; }

    /// <summary>See <see cref="ContentMatch.Detail"/>.</summary>
    public required string Detail { get; set; }

    public ContentField Field { get; set; }

    public int Position { get; set; }

    public required string MatchedText { get; set; }

    private ContentFindingStatus status = ContentFindingStatus.Open;

    public ContentFindingStatus Status { get => status; init => status = value; }

    public DateTimeOffset FoundAt { get; set; }

    private string? decidedBy;

    public string? DecidedBy { get => decidedBy; init => decidedBy = value; }

    private DateTimeOffset? decidedAt;

    public DateTimeOffset? DecidedAt { get => decidedAt; init => decidedAt = value; }

    private string? decisionNote;

    public string? DecisionNote { get => decisionNote; init => decisionNote = value; }

    /// <summary>PostgreSQL xmin: two reviewers deciding the same finding conflict instead of overwriting.</summary>
    public uint Version { get; set; }

    public void Confirm(string reviewer, string? note, DateTimeOffset now) => Decide(ContentFindingStatus.Confirmed, reviewer, note, now);

    public void MarkFalseAlarm(string reviewer, string? note, DateTimeOffset now) => Decide(ContentFindingStatus.FalseAlarm, reviewer, note, now);

    private void Decide(ContentFindingStatus status, string reviewer, string? note, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        if (Status != ContentFindingStatus.Open)
        {
            throw new InvalidOperationException($"Content finding {Id} is already {Status.ToCode()}.");
        }

        this.status = status;
        decidedBy = reviewer;
        decidedAt = now;
        decisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>A post waiting for the content checks (filled by database triggers, like post_fingerprint_queue).</summary>
public class PendingContentCheck
{
    public long PostId { get; set; }
}
