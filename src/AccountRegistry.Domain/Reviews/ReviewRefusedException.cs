namespace AccountRegistry.Domain.Reviews;

/// <summary>Why a review action (decide, bulk decide, dismiss) was refused; the UI shows each as a sentence from its resources.</summary>
public enum ReviewError
{
    /// <summary>The account is already closed or merged: nothing left to decide.</summary>
    AccountNotOpen,

    /// <summary>A close or merge decision stands and its closure request is underway.</summary>
    ClosureUnderway,

    /// <summary>The picked hub is not a live hub of the account's county.</summary>
    HubNotInCounty,

    /// <summary>The rules name no live hub and none was picked.</summary>
    NoHub,

    /// <summary>An account cannot be merged into itself.</summary>
    MergeIntoItself,

    /// <summary>The account has no open flag (left) to decide on or dismiss.</summary>
    NoOpenFlag,

    /// <summary>A reason is required (retaining, dismissing).</summary>
    ReasonRequired,

    /// <summary>The reason is longer than the limit.</summary>
    ReasonTooLong,

    /// <summary>Bulk: flags are dismissed one by one.</summary>
    BulkDismissNotAllowed,

    /// <summary>Bulk: more accounts than one bulk decision may cover.</summary>
    BulkTooMany,
}

/// <summary>A review action refused for a reason the reviewer can act on (<see cref="Error"/>); nothing was saved.</summary>
public sealed class ReviewRefusedException(ReviewError error, string message) : InvalidOperationException(message)
{
    public ReviewError Error { get; } = error;
}
