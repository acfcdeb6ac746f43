namespace AccountRegistry.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";

    /// <summary>District cyberspace office (网信办) staff: review flags and decide.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>A township or street clerk, bound to one unit's subtree.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Leadership: read-only.</summary>
    public const string Leader = "Leader";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Clerk, Leader];
}
