namespace AccountRegistry.Domain.Closures;

/// <summary>Why the workflow refused something. The pages show each code as a sentence from the resource files.</summary>
public enum ClosureError
{
    IllegalTransition,
    NotAllowedForRole,
    AccountNotLive,
    HubCannotBeMerged,
    WrongAccount,
    DecidedByReviewer,
    ReasonRequired,
    OtherReasonNeedsText,
    TextTooLong,
    PlannedLastPostDayRequired,
    PlannedLastPostDayInPast,
    MergeTargetRequired,
    MergeTargetNotLiveHub,
    ServiceTakeoverRequired,
    ProposedNameRequired,
    ProposedPlatformRequired,
    JustificationRequired,
    RejectReasonRequired,
    NoticeTextRequired,
    NoticeDateInFuture,
    NoticeDateBeforeApproval,
    NoticeLinkInvalid,
    DeregistrationBeforeNotice,
    DeregistrationDateInFuture,
    ProofRequired,
    PlatformAccountIdRequired,
    PlatformAccountIdTaken,
    OperatorRequired,
    OpeningDateInFuture,
    OpenRequestExists,
    ChangedByAnotherUser,
    AttachmentTooLarge,
    AttachmentEmpty,
    AttachmentTypeNotAllowed,
    AttachmentIsExecutable,

    /// <summary>A name, id or operator typed with a control or bidirectional formatting character (see DisplayText).</summary>
    HiddenCharacters,
}

public static class ClosureErrors
{
    public static string ToCode(this ClosureError error) => error.ToString();
}
