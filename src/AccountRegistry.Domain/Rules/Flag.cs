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

    public FlagStatus Status { get; set; }

    /// <summary>When the flag last became open (first firing, or reopening).</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The last evaluation in which the rule fired.</summary>
    public long LastSeenEvaluationId { get; set; }

    /// <summary>That evaluation's day T.</summary>
    public DateOnly LastSeenOn { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The latest dismissal (kept after a reopening, as the record of what the reviewer said).</summary>
    public DateTimeOffset? DismissedAt { get; set; }

    public string? DismissedBy { get; set; }

    public string? DismissedReason { get; set; }

    /// <summary>The evidence's measure when the flag was dismissed: what "worse" is measured against.</summary>
    public decimal? DismissedMeasure { get; set; }

    /// <summary>The latest evidence (JSON of the <see cref="RuleFinding"/>), as the last firing saw it.</summary>
    public string Evidence { get; set; } = "{}";

    /// <summary>The latest evidence's measure.</summary>
    public decimal? Measure { get; set; }

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
            Status = FlagStatus.Open;
            OpenedAt = now;
            ResolvedAt = null;
        }

        LastSeenEvaluationId = evaluationId;
        LastSeenOn = asOf;
        Evidence = evidence;
        Measure = measure;
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

        Status = FlagStatus.ResolvedByData;
        ResolvedAt = now;
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

        Status = FlagStatus.Dismissed;
        DismissedAt = now;
        DismissedBy = dismissedBy;
        DismissedReason = reason.Trim();
        DismissedMeasure = Measure;
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
