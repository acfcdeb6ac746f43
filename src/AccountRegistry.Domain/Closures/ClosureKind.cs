using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Closures;

/// <summary>What a request asks for. Opening goes through the same workflow so that new accounts are checked against the policy too.</summary>
public enum ClosureKind
{
    /// <summary>关停: the account stops and is deregistered on the platform.</summary>
    Close,

    /// <summary>整合: the account stops and its audience and services move to a county hub.</summary>
    Merge,

    /// <summary>新开: a unit asks to open an account; the reviewer decides against the policy.</summary>
    Open,
}

public static class ClosureKinds
{
    public static string ToCode(this ClosureKind kind) => kind switch
    {
        ClosureKind.Close => "close",
        ClosureKind.Merge => "merge",
        ClosureKind.Open => "open",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly EnumCodes<ClosureKind> ClosureKindCodes = new(ToCode);

    public static bool TryParse(string? code, out ClosureKind kind) => ClosureKindCodes.TryParse(code, out kind);

    public static ClosureKind Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown ClosureKind code '{code}'.");

    /// <summary>Close and merge end an account's life; they need a notice and a deregistration.</summary>
    public static bool EndsAccount(this ClosureKind kind) => kind is ClosureKind.Close or ClosureKind.Merge;
}
