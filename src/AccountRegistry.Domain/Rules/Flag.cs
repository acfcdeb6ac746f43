using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// A rule firing on an account, with a life of its own: one per account and rule. It opens when the rule fires,
/// stays open while it keeps firing, resolves itself when the rule stops ("resolved by data"), and a reviewer may
/// dismiss it: then it stays dismissed for the county's dismissal period unless the evidence gets worse
/// (<see cref="FlagSeverity"/>).
/// </summary>
public class Flag
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }

    public int AccountId { get; set; }

    public RuleCode Rule { get; set; }

    private FlagStatus status;

    public FlagStatus Status { get => status; init => status = value; }

    private DateTimeOffset openedAt;

    /// <summary>When the flag last became open (first firing, or reopening).</summary>
    public DateTimeOffset OpenedAt { get => openedAt; init => openedAt = value; }

    private long lastSeenEvaluationId;

    /// <summary>The last evaluation in which the rule fired.</summary>
    public long LastSeenEvaluationId { get => lastSeenEvaluationId; init => lastSeenEvaluationId = value; }

    private DateOnly lastSeenOn;

    /// <summary>That evaluation's day T.</summary>
    public DateOnly LastSeenOn { get => lastSeenOn; init => lastSeenOn = value; }

    private DateTimeOffset? resolvedAt;

    public DateTimeOffset? ResolvedAt { get => resolvedAt; init => resolvedAt = value; }

    private DateTimeOffset? dismissedAt;

    /// <summary>The latest dismissal (kept after a reopening, as the record of what the reviewer said).</summary>
    public DateTimeOffset? DismissedAt { get => dismissedAt; init => dismissedAt = value; }

    private string? dismissedBy;

    public string? DismissedBy { get => dismissedBy; init => dismissedBy = value; }

    private string? dismissedReason;

    public string? DismissedReason { get => dismissedReason; init => dismissedReason = value; }

    private decimal? dismissedMeasure;

    /// <summary>The evidence's measure when the flag was dismissed: what "worse" is measured against.</summary>
    public decimal? DismissedMeasure { get => dismissedMeasure; init => dismissedMeasure = value; }

    private string evidence = "{}";

    /// <summary>The latest evidence (JSON of the <see cref="RuleFinding"/>), as the last firing saw it.</summary>
    public string Evidence { get => evidence; init => evidence = value; }

    private decimal? measure;

    /// <summary>The latest evidence's measure.</summary>
    public decimal? Measure { get => measure; init => measure = value; }

    /// <summary>PostgreSQL xmin: a dismissal and a nightly evaluation touching the same flag cannot overwrite each other.</summary>
    public uint Version { get; set; }

    public static Flag Open(int accountId, RuleCode rule, long evaluationId, DateOnly asOf, string evidence, decimal? measure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new Flag
        {
            AccountId = accountId,
            Rule = rule,
            Status = FlagStatus.Open,
            OpenedAt = now,
            LastSeenEvaluationId = evaluationId,
            LastSeenOn = asOf,
            Evidence = evidence,
            Measure = measure,
        };
    }

    /// <summary>The rule fired again in an evaluation as of <paramref name="asOf"/>.</summary>
    public FlagTransition Fire(long evaluationId, DateOnly asOf, string evidence, decimal? measure, int dismissalDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var transition = Status switch
        {
            FlagStatus.Open => FlagTransition.StillOpen,
            FlagStatus.ResolvedByData => FlagTransition.Reopened,
            FlagStatus.Dismissed => DismissalExpired(asOf, dismissalDays) || FlagSeverity.IsWorse(Rule, DismissedMeasure, measure)
                ? FlagTransition.Reopened
                : FlagTransition.StillDismissed,
            _ => throw new InvalidOperationException($"Unknown flag status {Status}."),
        };

        if (transition == FlagTransition.Reopened)
        {
            status = FlagStatus.Open;
            openedAt = now;
            resolvedAt = null;
        }

        lastSeenEvaluationId = evaluationId;
        lastSeenOn = asOf;
        this.evidence = evidence;
        this.measure = measure;
        return transition;
    }

    /// <summary>
    /// The rule did not fire (or the account is no longer evaluated). An open flag resolves itself; a dismissed one
    /// stays dismissed (the reviewer's judgement stands); a resolved one stays resolved.
    /// </summary>
    public FlagTransition StopFiring(DateTimeOffset now)
    {
        if (Status != FlagStatus.Open)
        {
            return FlagTransition.Unchanged;
        }

        status = FlagStatus.ResolvedByData;
        resolvedAt = now;
        return FlagTransition.Resolved;
    }

    /// <summary>A reviewer judges the open flag unfounded. The reason is required: it is what the next reviewer reads.</summary>
    public void Dismiss(string dismissedBy, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dismissedBy);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new Reviews.ReviewRefusedException(Reviews.ReviewError.ReasonRequired, "A dismissal needs a reason.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new Reviews.ReviewRefusedException(Reviews.ReviewError.ReasonTooLong, $"The reason is longer than {MaxReasonLength} characters.");
        }

        if (Status != FlagStatus.Open)
        {
            throw new Reviews.ReviewRefusedException(Reviews.ReviewError.NoOpenFlag, $"Only an open flag can be dismissed; this one is {Status.ToCode()}.");
        }

        status = FlagStatus.Dismissed;
        dismissedAt = now;
        this.dismissedBy = dismissedBy;
        dismissedReason = reason.Trim();
        dismissedMeasure = Measure;
    }

    /// <summary>
    /// A dismissal on Shanghai day D holds through D + dismissal_days − 1: as of D + dismissal_days it has lasted its
    /// period (180 days by default) and the flag reopens if the rule still fires.
    /// </summary>
    public bool DismissalExpired(DateOnly asOf, int dismissalDays) =>
        DismissedAt is { } at && asOf.DayNumber - ShanghaiCalendar.DayOf(at).DayNumber >= dismissalDays;
}

public enum FlagTransition
{
    Unchanged,
    StillOpen,
    StillDismissed,
    Reopened,
    Resolved,
}
