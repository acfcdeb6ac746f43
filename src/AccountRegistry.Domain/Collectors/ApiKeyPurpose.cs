namespace AccountRegistry.Domain.Collectors;

/// <summary>
/// What a key may be used for. One purpose per key: a crawler's key that leaks cannot read the county's figures, and
/// another county system reading the dashboard cannot write posts or read counts.
/// </summary>
public enum ApiKeyPurpose
{
    /// <summary>POST /api/v1/posts and /api/v1/reads (every key issued before purposes existed).</summary>
    Collect,

    /// <summary>GET /api/v1/dashboard/summary, for the whole registry.</summary>
    Dashboard,
}

public static class ApiKeyPurposes
{
    public static string ToCode(this ApiKeyPurpose purpose) => purpose switch
    {
        ApiKeyPurpose.Collect => "collect",
        ApiKeyPurpose.Dashboard => "dashboard",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    public static ApiKeyPurpose Parse(string code) => code switch
    {
        "collect" => ApiKeyPurpose.Collect,
        "dashboard" => ApiKeyPurpose.Dashboard,
        _ => throw new FormatException($"Unknown ApiKeyPurpose code '{code}'."),
    };
}
