using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Reviews;

/// <summary>What a reviewer decided about a flagged account (or one of its flags).</summary>
public enum DecisionKind
{
    /// <summary>The account is to be closed: opens the owning unit's closure workflow.</summary>
    Close,

    /// <summary>The account is to be merged into a hub of its county: opens the closure workflow as a merge.</summary>
    Merge,

    /// <summary>The account stays, for a stated reason; flags that open later bring it back to the queue.</summary>
    Retain,

    /// <summary>One flag is judged unfounded (<see cref="Rules.Flag.Dismiss"/>); the account's other flags stay open.</summary>
    DismissFlag,
}

public static class DecisionKinds
{
    public static string ToCode(this DecisionKind kind) => kind switch
    {
        DecisionKind.Close => "close",
        DecisionKind.Merge => "merge",
        DecisionKind.Retain => "retain",
        DecisionKind.DismissFlag => "dismiss_flag",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Close, merge and retain settle the account; a dismissal only settles one flag.</summary>
    public static bool SettlesAccount(this DecisionKind kind) => kind switch
    {
        DecisionKind.Close or DecisionKind.Merge or DecisionKind.Retain => true,
        DecisionKind.DismissFlag => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Close and merge take the account out of the registry through a closure request.</summary>
    public static bool OpensClosure(this DecisionKind kind) => kind switch
    {
        DecisionKind.Close or DecisionKind.Merge => true,
        DecisionKind.Retain or DecisionKind.DismissFlag => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly EnumCodes<DecisionKind> DecisionKindCodes = new(ToCode);

    public static bool TryParse(string? code, out DecisionKind kind) => DecisionKindCodes.TryParse(code, out kind);

    public static DecisionKind Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown DecisionKind code '{code}'.");
}
