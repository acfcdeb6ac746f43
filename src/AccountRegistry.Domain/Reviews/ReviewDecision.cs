using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Reviews;

/// <summary>
/// What the account's open flags looked like when a reviewer decided: the flags' rules, the evaluation they came
/// from and what it recommended. Recorded with the decision, so an inspector can see what the reviewer was shown.
/// </summary>
public sealed record ReviewBasis(int AccountId, int UnitId, IReadOnlyList<RuleCode> OpenRules, long? EvaluationId, Recommendation? Recommended);

/// <summary>
/// One reviewer decision: who, when, why and on what evidence. Decisions are history: the table refuses UPDATE and
/// DELETE, and a later decision supersedes an earlier one by being later (<see cref="AccountReview"/>).
/// </summary>
public class ReviewDecision
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The unit that owned the account when it was decided: the closure request goes to it, the audit scope follows it.</summary>
    public int UnitId { get; set; }

    public DecisionKind Kind { get; set; }

    /// <summary>Merge: the hub the account goes into.</summary>
    public int? MergeTargetAccountId { get; set; }

    /// <summary>Retain: why it stays.</summary>
    public RetainReason? RetainReason { get; set; }

    /// <summary>The reviewer's words: required for a dismissal and for retaining for another reason; a note otherwise.</summary>
    public string? Reason { get; set; }

    /// <summary>DismissFlag: the flag dismissed and its rule.</summary>
    public long? FlagId { get; set; }

    public RuleCode? DismissedRule { get; set; }

    /// <summary>The rules of the account's open flags when the decision was made, sorted by code.</summary>
    public List<RuleCode> Rules { get; set; } = [];

    /// <summary>The evaluation whose flags and recommendation the reviewer saw.</summary>
    public long? EvaluationId { get; set; }

    /// <summary>What that evaluation recommended (null when the account had no result in it).</summary>
    public Recommendation? Recommended { get; set; }

    public string DecidedBy { get; set; } = string.Empty;

    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>Decisions made together by one bulk action share this id.</summary>
    public Guid? BatchId { get; set; }

    public static ReviewDecision Close(ReviewBasis basis, string? note, string decidedBy, DateTimeOffset now, Guid? batchId = null) =>
        Create(basis, DecisionKind.Close, decidedBy, now, batchId, Optional(note));

    public static ReviewDecision Merge(ReviewBasis basis, int hubAccountId, string? note, string decidedBy, DateTimeOffset now, Guid? batchId = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (hubAccountId == basis.AccountId)
        {
            throw new ReviewRefusedException(ReviewError.MergeIntoItself, "An account cannot be merged into itself.");
        }

        var decision = Create(basis, DecisionKind.Merge, decidedBy, now, batchId, Optional(note));
        decision.MergeTargetAccountId = hubAccountId;
        return decision;
    }

    public static ReviewDecision Retain(ReviewBasis basis, RetainReason reason, string? text, string decidedBy, DateTimeOffset now, Guid? batchId = null)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, null);
        }

        // "Other" says nothing by itself; the next reviewer and the inspector need the words.
        var words = reason == Reviews.RetainReason.Other ? Required(text, nameof(text)) : Optional(text);
        var decision = Create(basis, DecisionKind.Retain, decidedBy, now, batchId, words);
        decision.RetainReason = reason;
        return decision;
    }

    /// <summary>The record of a flag dismissal; the flag itself changes through <see cref="Flag.Dismiss"/>.</summary>
    public static ReviewDecision Dismissal(ReviewBasis basis, long flagId, RuleCode rule, string reason, string decidedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (!basis.OpenRules.Contains(rule))
        {
            throw new ReviewRefusedException(ReviewError.NoOpenFlag, $"The account has no open {rule.ToCode()} flag to dismiss.");
        }

        var decision = Create(basis, DecisionKind.DismissFlag, decidedBy, now, null, Required(reason, nameof(reason)));
        decision.FlagId = flagId;
        decision.DismissedRule = rule;
        return decision;
    }

    private static ReviewDecision Create(ReviewBasis basis, DecisionKind kind, string decidedBy, DateTimeOffset now, Guid? batchId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        if (basis.OpenRules.Count == 0)
        {
            // The queue holds flagged accounts; an account without open flags has nothing to decide.
            throw new ReviewRefusedException(ReviewError.NoOpenFlag, "The account has no open flag to decide on.");
        }

        return new ReviewDecision
        {
            AccountId = basis.AccountId,
            UnitId = basis.UnitId,
            Kind = kind,
            Reason = reason,
            Rules = basis.OpenRules.Distinct().Order(RuleCodes.ByCode).ToList(),
            EvaluationId = basis.EvaluationId,
            Recommended = basis.Recommended,
            DecidedBy = decidedBy,
            DecidedAt = now,
            BatchId = batchId,
        };
    }

    private static string Required(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ReviewRefusedException(ReviewError.ReasonRequired, $"A reason is required ({name}).");
        }

        return Optional(text)!;
    }

    private static string? Optional(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length <= MaxReasonLength
            ? trimmed
            : throw new ReviewRefusedException(ReviewError.ReasonTooLong, $"The reason is longer than {MaxReasonLength} characters.");
    }
}
