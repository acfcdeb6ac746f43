using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Closures;

/// <summary>What a user can do to a request. The pages render a button only for the actions <see cref="ClosureRequest.AllowedActions"/> lists.</summary>
public enum ClosureAction
{
    Create,
    Revise,
    Submit,
    Approve,
    Reject,
    EditNotice,
    PostNotice,
    RecordDeregistration,
    Complete,
    RecordOpening,
    Withdraw,
    Attach,
}

public static class ClosureActions
{
    public static string ToCode(this ClosureAction action) => action switch
    {
        ClosureAction.Create => "create",
        ClosureAction.Revise => "revise",
        ClosureAction.Submit => "submit",
        ClosureAction.Approve => "approve",
        ClosureAction.Reject => "reject",
        ClosureAction.EditNotice => "edit_notice",
        ClosureAction.PostNotice => "post_notice",
        ClosureAction.RecordDeregistration => "record_deregistration",
        ClosureAction.Complete => "complete",
        ClosureAction.RecordOpening => "record_opening",
        ClosureAction.Withdraw => "withdraw",
        ClosureAction.Attach => "attach",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static readonly EnumCodes<ClosureAction> ClosureActionCodes = new(ToCode);

    public static ClosureAction Parse(string code) =>
        ClosureActionCodes.TryParse(code, out var action) ? action : throw new FormatException($"Unknown ClosureAction code '{code}'.");
}
