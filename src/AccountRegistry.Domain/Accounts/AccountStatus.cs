using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Accounts;

public enum AccountStatus
{
    Active,
    Closed,
    Merged,
}

public static class AccountStatuses
{
    public static string ToCode(this AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Closed => "closed",
        AccountStatus.Merged => "merged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static readonly EnumCodes<AccountStatus> AccountStatusCodes = new(ToCode);

    public static bool TryParse(string? code, out AccountStatus status) => AccountStatusCodes.TryParse(code, out status);

    public static AccountStatus Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown AccountStatus code '{code}'.");
}
