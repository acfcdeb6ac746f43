using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Rules;

public enum FlagStatus
{
    /// <summary>The rule fires and nobody has dismissed it.</summary>
    Open,

    /// <summary>The rule stopped firing (the account posted again, gained an operator, …, or is no longer evaluated).</summary>
    ResolvedByData,

    /// <summary>A reviewer judged the flag unfounded; it stays so for a while unless the evidence gets worse.</summary>
    Dismissed,
}

public static class FlagStatuses
{
    public static string ToCode(this FlagStatus status) => status switch
    {
        FlagStatus.Open => "open",
        FlagStatus.ResolvedByData => "resolved_by_data",
        FlagStatus.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static readonly EnumCodes<FlagStatus> FlagStatusCodes = new(ToCode);

    public static bool TryParse(string? code, out FlagStatus status) => FlagStatusCodes.TryParse(code, out status);

    public static FlagStatus Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown FlagStatus code '{code}'.");
}
