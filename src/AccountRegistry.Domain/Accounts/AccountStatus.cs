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

    public static bool TryParse(string? code, out AccountStatus status)
    {
        foreach (var candidate in Enum.GetValues<AccountStatus>())
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static AccountStatus Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown AccountStatus code '{code}'.");
}
