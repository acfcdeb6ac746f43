using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Accounts;

/// <summary>An official new-media account of a unit on one platform.</summary>
public class Account
{
    public int Id { get; set; }

    public Platform Platform { get; set; }

    /// <summary>The platform's own id (WeChat original id gh_…, Weibo uid, …); unique per platform.</summary>
    public required string PlatformAccountId { get; set; }

    public required string Name { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public DateOnly OpenedOn { get; set; }

    /// <summary>The person responsible; null when nobody is recorded (the UNATTENDED rule).</summary>
    public string? Operator { get; set; }

    public bool ProvidesServices { get; set; }

    /// <summary>A county media-center account: the target others merge into.</summary>
    public bool IsHub { get; set; }

    /// <summary>The account offers a working way for the public to write to it (VETO_NO_INTERACTION when false).</summary>
    public bool Interactive { get; set; } = true;

    private string? filingNo;

    /// <summary>The filing number (备案编号) in the provincial reporting system; null when not filed.</summary>
    public string? FilingNo { get => filingNo; init => filingNo = value; }

    private DateOnly? filedOn;

    /// <summary>The day the account was filed (备案日期); null when unknown or not filed.</summary>
    public DateOnly? FiledOn { get => filedOn; init => filedOn = value; }

    private AccountStatus status = AccountStatus.Active;

    public AccountStatus Status { get => status; init => status = value; }

    private DateOnly? statusChangedOn;

    /// <summary>The day the account was closed or merged; null while active.</summary>
    public DateOnly? StatusChangedOn { get => statusChangedOn; init => statusChangedOn = value; }

    private int? mergedIntoAccountId;

    public int? MergedIntoAccountId { get => mergedIntoAccountId; init => mergedIntoAccountId = value; }

    public Account? MergedInto { get; set; }

    /// <summary>PostgreSQL xmin, so concurrent edits of one account conflict instead of overwriting each other.</summary>
    public uint Version { get; set; }

    public bool IsLive => Status == AccountStatus.Active;

    /// <summary>Closes the account as of a day. Returns the history entry the caller must store.</summary>
    public AccountStatusChange Close(DateOnly on, string reason, string? changedBy, DateTimeOffset now)
    {
        EnsureLive();
        status = AccountStatus.Closed;
        statusChangedOn = on;
        mergedIntoAccountId = null;
        return new AccountStatusChange
        {
            AccountId = Id,
            Status = AccountStatus.Closed,
            EffectiveOn = on,
            RecordedAt = now,
            RecordedBy = changedBy,
            Reason = reason,
        };
    }

    /// <summary>Merges the account into a live hub as of a day. Returns the history entry the caller must store.</summary>
    public AccountStatusChange MergeInto(Account hub, DateOnly on, string reason, string? changedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hub);
        EnsureLive();
        if (!hub.IsHub || !hub.IsLive)
        {
            throw new InvalidOperationException($"Account {hub.Name} is not a live hub account and cannot take merges.");
        }

        if (hub.Id == Id)
        {
            throw new InvalidOperationException("An account cannot be merged into itself.");
        }

        status = AccountStatus.Merged;
        statusChangedOn = on;
        mergedIntoAccountId = hub.Id;
        return new AccountStatusChange
        {
            AccountId = Id,
            Status = AccountStatus.Merged,
            EffectiveOn = on,
            MergedIntoAccountId = hub.Id,
            RecordedAt = now,
            RecordedBy = changedBy,
            Reason = reason,
        };
    }

    /// <summary>
    /// Records the filing number and day (备案). Empty text means "not filed"; a day without a number is refused, as
    /// is a day before the account was opened (an account cannot be filed before it exists).
    /// </summary>
    public void RecordFiling(string? filingNo, DateOnly? filedOn)
    {
        var number = string.IsNullOrWhiteSpace(filingNo) ? null : filingNo.Trim();
        if (number is null && filedOn is not null)
        {
            throw new ArgumentException("A filing day needs a filing number.", nameof(filedOn));
        }

        if (filedOn is { } day && day < OpenedOn)
        {
            throw new ArgumentOutOfRangeException(nameof(filedOn), day, "An account cannot be filed before it was opened.");
        }

        this.filingNo = number;
        this.filedOn = filedOn;
    }

    private void EnsureLive()
    {
        if (!IsLive)
        {
            throw new InvalidOperationException($"Account {Name} is already {Status.ToCode()}.");
        }
    }
}
