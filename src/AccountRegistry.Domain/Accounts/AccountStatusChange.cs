namespace AccountRegistry.Domain.Accounts;

/// <summary>
/// One change of an account's status. The dashboard answers "as of a past day" from these rows, so they are
/// only ever appended.
/// </summary>
public class AccountStatusChange
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    public AccountStatus Status { get; set; }

    /// <summary>The day the status took effect (the county's calendar day).</summary>
    public DateOnly EffectiveOn { get; set; }

    public int? MergedIntoAccountId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? RecordedBy { get; set; }

    public string? Reason { get; set; }
}
