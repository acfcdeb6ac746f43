namespace AccountRegistry.Domain.Reviews;

/// <summary>
/// Where an account stands in review: one row per account that has ever been decided on. Every decision goes through
/// it, and its PostgreSQL xmin is the account's review version: two reviewers who looked at the same version cannot
/// both decide; the second gets a conflict (never a silent overwrite).
/// </summary>
/// <remarks>
/// Which accounts the queue shows follows from the standing decision:
/// <list type="bullet">
/// <item>none (never decided, or only flags dismissed): every open flag waits for a decision;</item>
/// <item>close or merge: the account is on its way out through a closure request; new flags change nothing;</item>
/// <item>retain: the flags open when it was retained are answered; a flag that opens (or reopens) later brings the
/// account back, since that is evidence the reviewer has not seen.</item>
/// </list>
/// </remarks>
public class AccountReview
{
    public int AccountId { get; set; }

    private long latestDecisionId;

    /// <summary>The latest decision of any kind (a dismissal included): what a conflicting reviewer is shown.</summary>
    public long LatestDecisionId { get => latestDecisionId; init => latestDecisionId = value; }

    private long? standingDecisionId;

    /// <summary>The latest close, merge or retain decision; null when none stands.</summary>
    public long? StandingDecisionId { get => standingDecisionId; init => standingDecisionId = value; }

    private DecisionKind? standingKind;

    public DecisionKind? StandingKind { get => standingKind; init => standingKind = value; }

    private DateTimeOffset? settledAt;

    /// <summary>When the standing decision was made: flags opened up to then are answered by it.</summary>
    public DateTimeOffset? SettledAt { get => settledAt; init => settledAt = value; }

    /// <summary>PostgreSQL xmin.</summary>
    public uint Version { get; set; }

    /// <summary>A closure request is underway (or done): the account leaves through the closure workflow, not the queue.</summary>
    public bool ClosureUnderway => StandingKind is DecisionKind.Close or DecisionKind.Merge;

    public static AccountReview For(int accountId) => new() { AccountId = accountId };

    /// <summary>Records a saved decision (its id assigned) as the account's latest, and as standing when it settles the account.</summary>
    public void Record(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.AccountId != AccountId)
        {
            throw new ArgumentException("The decision concerns another account.", nameof(decision));
        }

        if (decision.Id <= 0)
        {
            throw new ArgumentException("Save the decision first: the review points at it.", nameof(decision));
        }

        if (decision.Kind.SettlesAccount() && ClosureUnderway)
        {
            throw new InvalidOperationException(
                $"The account is already decided ({StandingKind!.Value.ToCode()}) and its closure request is underway; change it there.");
        }

        latestDecisionId = decision.Id;
        if (decision.Kind.SettlesAccount())
        {
            standingDecisionId = decision.Id;
            standingKind = decision.Kind;
            settledAt = decision.DecidedAt;
        }
    }

    /// <summary>
    /// For the closure workflow: the request that a close or merge decision opened ended without closing the account
    /// (withdrawn, or rejected for good), so the account's open flags wait for a reviewer again.
    /// </summary>
    public void ReturnToQueue()
    {
        standingDecisionId = null;
        standingKind = null;
        settledAt = null;
    }
}
