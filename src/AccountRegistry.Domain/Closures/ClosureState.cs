using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Closures;

/// <summary>The named steps of a request (see <see cref="ClosureRequest"/> for who moves it where).</summary>
public enum ClosureState
{
    /// <summary>草稿: the clerk is still filling it in (or a reviewer's decision opened it for the clerk).</summary>
    Draft,

    /// <summary>已提交: waiting for the reviewer.</summary>
    Submitted,

    /// <summary>已批准.</summary>
    Approved,

    /// <summary>已驳回: the clerk may revise and resubmit, or withdraw.</summary>
    Rejected,

    /// <summary>已发布停更公告.</summary>
    NoticePosted,

    /// <summary>已注销: the platform confirmed; proof uploaded.</summary>
    Deregistered,

    /// <summary>已完成: the reviewer confirmed; the register shows the account closed or merged (or, for an opening, the new account).</summary>
    Completed,

    /// <summary>已撤回: the clerk dropped a draft or a rejected request.</summary>
    Withdrawn,
}

public static class ClosureStates
{
    public static string ToCode(this ClosureState state) => state switch
    {
        ClosureState.Draft => "draft",
        ClosureState.Submitted => "submitted",
        ClosureState.Approved => "approved",
        ClosureState.Rejected => "rejected",
        ClosureState.NoticePosted => "notice_posted",
        ClosureState.Deregistered => "deregistered",
        ClosureState.Completed => "completed",
        ClosureState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static readonly EnumCodes<ClosureState> ClosureStateCodes = new(ToCode);

    public static bool TryParse(string? code, out ClosureState state) => ClosureStateCodes.TryParse(code, out state);

    public static ClosureState Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown ClosureState code '{code}'.");

    /// <summary>No step follows: the request is out of every list of work to do.</summary>
    public static bool IsFinal(this ClosureState state) => state is ClosureState.Completed or ClosureState.Withdrawn;

    /// <summary>The states in which the next step is the reviewer's (the inbox).</summary>
    public static bool AwaitsReviewer(this ClosureState state) => state is ClosureState.Submitted or ClosureState.Deregistered;

    public static readonly IReadOnlyList<ClosureState> ReviewerStates = [ClosureState.Submitted, ClosureState.Deregistered];

    public static readonly IReadOnlyList<ClosureState> ClerkStates = [ClosureState.Draft, ClosureState.Rejected, ClosureState.Approved, ClosureState.NoticePosted];

    public static readonly IReadOnlyList<ClosureState> FinalStates = [ClosureState.Completed, ClosureState.Withdrawn];
}
