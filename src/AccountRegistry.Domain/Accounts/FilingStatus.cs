using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Accounts;

/// <summary>An account's status in the provincial reporting system (filings.csv): it knows no merges.</summary>
public enum FilingStatus
{
    Active,
    Closed,
}

public static class FilingStatuses
{
    public static string ToCode(this FilingStatus status) => status switch
    {
        FilingStatus.Active => "active",
        FilingStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static readonly EnumCodes<FilingStatus> FilingStatusCodes = new(ToCode);

    public static bool TryParse(string? code, out FilingStatus status) => FilingStatusCodes.TryParse(code, out status);

    /// <summary>How the province sees one of our accounts: closed and merged both are <c>closed</c> (spec/inspection.md).</summary>
    public static FilingStatus Of(AccountStatus status) => status switch
    {
        AccountStatus.Active => FilingStatus.Active,
        AccountStatus.Closed or AccountStatus.Merged => FilingStatus.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
