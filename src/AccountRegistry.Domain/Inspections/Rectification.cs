namespace AccountRegistry.Domain.Inspections;

/// <summary>Where a rectification (整改) task stands. Overdue is not a state: it is <see cref="RectificationTask.IsOverdue"/>.</summary>
public enum RectificationState
{
    /// <summary>Created when the round was published; the unit's clerk has not answered yet.</summary>
    Open,

    /// <summary>The clerk wrote what was done, with evidence; the reviewer's turn.</summary>
    Answered,

    /// <summary>The reviewer sent the answer back with a reason; the clerk's turn again.</summary>
    SentBack,

    /// <summary>The reviewer accepted the answer: the account counts as rectified in the next round's re-check.</summary>
    Accepted,
}

public enum RectificationAction
{
    Created,
    Answered,
    SentBack,
    Accepted,
}

/// <summary>Who acts on a task: the clerk of the account's unit (subtree) or the district's reviewer. The caller decides which, by the unit tree.</summary>
public enum RectificationRole
{
    Clerk,
    Reviewer,

    /// <summary>Leadership: reads the tasks of its subtree and takes no step.</summary>
    Observer,
}

public enum RectificationError
{
    /// <summary>This role may not take this step (a reviewer answering, a clerk accepting).</summary>
    NotYourStep,

    /// <summary>The task is not in a state that allows the step.</summary>
    WrongState,
    AnswerRequired,
    EvidenceRequired,
    ReasonRequired,

    /// <summary>Someone changed the task meanwhile: nothing was saved.</summary>
    Conflict,
}

public sealed class RectificationException : Exception
{
    public RectificationException(RectificationError error, string message)
        : base(message) => Error = error;

    public RectificationException()
        : this(RectificationError.Conflict, "The task was changed meanwhile.")
    {
    }

    public RectificationException(string message)
        : this(RectificationError.Conflict, message)
    {
    }

    public RectificationException(string message, Exception innerException)
        : base(message, innerException) => Error = RectificationError.Conflict;

    public RectificationError Error { get; }
}

/// <summary>
/// 整改: one failing account of a published round, for its unit's clerk to put right by <see cref="DueOn"/>.
/// open → answered (clerk, with evidence) → accepted (reviewer), or → sent back (reviewer, with a reason) → answered
/// again. Every step is checked here, whoever asks; the caller records it as a <see cref="RectificationStep"/>.
/// </summary>
public class RectificationTask
{
    public const int MaxTextLength = 2000;

    public long Id { get; set; }

    public long RoundId { get; set; }

    public int AccountId { get; set; }

    /// <summary>The account's unit when the round was published: whose clerk answers.</summary>
    public int UnitId { get; set; }

    /// <summary>The problems found: indicator codes (vetoes, deductions) and manual findings (MANUAL_…), sorted.</summary>
    public string[] Problems { get; set; } = [];

    public DateOnly DueOn { get; set; }

    private RectificationState state;

    public RectificationState State { get => state; init => state = value; }

    public DateTimeOffset CreatedAt { get; set; }

    private string? answer;

    /// <summary>What the clerk says was done (the latest answer).</summary>
    public string? Answer { get => answer; init => answer = value; }

    private string? answeredBy;

    public string? AnsweredBy { get => answeredBy; init => answeredBy = value; }

    private DateTimeOffset? answeredAt;

    public DateTimeOffset? AnsweredAt { get => answeredAt; init => answeredAt = value; }

    private string? sendBackReason;

    /// <summary>Why the reviewer sent the latest answer back.</summary>
    public string? SendBackReason { get => sendBackReason; init => sendBackReason = value; }

    private string? reviewedBy;

    public string? ReviewedBy { get => reviewedBy; init => reviewedBy = value; }

    private DateTimeOffset? reviewedAt;

    public DateTimeOffset? ReviewedAt { get => reviewedAt; init => reviewedAt = value; }

    /// <summary>PostgreSQL xmin: a clerk and a reviewer acting at once conflict instead of overwriting each other.</summary>
    public uint Version { get; set; }

    public static RectificationTask Create(long roundId, int accountId, int unitId, IEnumerable<string> problems, DateOnly dueOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new RectificationTask
        {
            RoundId = roundId,
            AccountId = accountId,
            UnitId = unitId,
            Problems = [.. problems.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            DueOn = dueOn,
            State = RectificationState.Open,
            CreatedAt = now,
        };
    }

    /// <summary>Past its due day (county day) and not accepted.</summary>
    public bool IsOverdue(DateOnly today) => State != RectificationState.Accepted && today > DueOn;

    /// <summary>Which steps <paramref name="role"/> may take now (for the page's buttons; the methods check again).</summary>
    public IReadOnlyList<RectificationAction> AllowedActions(RectificationRole role) => (role, State) switch
    {
        (RectificationRole.Clerk, RectificationState.Open or RectificationState.SentBack) => [RectificationAction.Answered],
        (RectificationRole.Reviewer, RectificationState.Answered) => [RectificationAction.Accepted, RectificationAction.SentBack],
        _ => [],
    };

    /// <summary>The clerk says what was done and attaches <paramref name="evidenceCount"/> checked files (at least one).</summary>
    public RectificationState AnswerWith(RectificationRole role, string by, string? answer, int evidenceCount, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Ensure(role, RectificationAction.Answered);
        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            throw new RectificationException(RectificationError.AnswerRequired, "Say what was done (at most 2000 characters).");
        }

        if (evidenceCount < 1)
        {
            throw new RectificationException(RectificationError.EvidenceRequired, "An answer needs at least one piece of evidence.");
        }

        var from = State;
        this.answer = text;
        answeredBy = by;
        answeredAt = now;
        state = RectificationState.Answered;
        return from;
    }

    public void Accept(RectificationRole role, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Ensure(role, RectificationAction.Accepted);
        state = RectificationState.Accepted;
        reviewedBy = by;
        reviewedAt = now;
    }

    public void SendBack(RectificationRole role, string by, string? reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Ensure(role, RectificationAction.SentBack);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            throw new RectificationException(RectificationError.ReasonRequired, "Sending back needs a reason (at most 2000 characters).");
        }

        state = RectificationState.SentBack;
        sendBackReason = text;
        reviewedBy = by;
        reviewedAt = now;
    }

    private void Ensure(RectificationRole role, RectificationAction action)
    {
        var clerkStep = action == RectificationAction.Answered;
        if (role == RectificationRole.Observer || clerkStep != (role == RectificationRole.Clerk))
        {
            throw new RectificationException(RectificationError.NotYourStep, $"A {role.ToString().ToLowerInvariant()} may not take the step {action} on task {Id}.");
        }

        if (!AllowedActions(role).Contains(action))
        {
            throw new RectificationException(RectificationError.WrongState, $"Task {Id} is {State}: {action} is not possible now.");
        }
    }
}

/// <summary>One dated step of a task: who did what, from which state to which, with their text.</summary>
public class RectificationStep
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    public RectificationAction Action { get; set; }

    public RectificationState? FromState { get; set; }

    public RectificationState ToState { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }
}

/// <summary>A file the clerk attached to an answer, its signature checked (PNG, JPEG or PDF; never a program).</summary>
public class RectificationEvidence
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    public required string Sha256 { get; set; }

    public byte[] Content { get; set; } = [];

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
