namespace AccountRegistry.Domain.Closures;

public enum ClosureOrigin
{
    /// <summary>A clerk asked on their own.</summary>
    Clerk,

    /// <summary>A reviewer's close or merge decision opened it for the owning unit's clerk.</summary>
    ReviewDecision,
}

public static class ClosureOrigins
{
    public static string ToCode(this ClosureOrigin origin) => origin switch
    {
        ClosureOrigin.Clerk => "clerk",
        ClosureOrigin.ReviewDecision => "review_decision",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
    };

    public static ClosureOrigin Parse(string code) => code switch
    {
        "clerk" => ClosureOrigin.Clerk,
        "review_decision" => ClosureOrigin.ReviewDecision,
        _ => throw new FormatException($"Unknown ClosureOrigin code '{code}'."),
    };
}
