using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Application.Common;

/// <summary>
/// Who is asking and which part of the unit tree they may see. Every query over accounts, posts, requests and
/// history is filtered by it on the server; the menu hiding things is only a convenience.
/// </summary>
public sealed record UserScope(string UserName, IReadOnlySet<string> Roles, int? UnitId, string? UnitPath)
{
    /// <summary>The command line and background jobs: everything.</summary>
    public static UserScope System { get; } = new("system", new HashSet<string>([Infrastructure.Identity.Roles.Admin]), null, null);

    public bool IsAdmin => Roles.Contains(Infrastructure.Identity.Roles.Admin);

    public bool IsReviewer => Roles.Contains(Infrastructure.Identity.Roles.Reviewer);

    public bool IsClerk => Roles.Contains(Infrastructure.Identity.Roles.Clerk);

    public bool IsLeader => Roles.Contains(Infrastructure.Identity.Roles.Leader);

    /// <summary>True when the user may see every unit (an administrator bound to no unit).</summary>
    public bool SeesEverything => UnitPath is null && IsAdmin;

    /// <summary>The path prefix every visible unit's path starts with; "/" matches all units.</summary>
    public string VisiblePathPrefix => UnitPath ?? (IsAdmin ? "/" : "/__nothing__/");

    public bool CanSee(string unitPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        return unitPath.StartsWith(VisiblePathPrefix, StringComparison.Ordinal);
    }

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>True when one of the user's roles is admitted by <paramref name="policy"/> (a name of <see cref="Policies"/>).</summary>
    public bool Meets(string policy) => Policies.RolesOf[policy].Any(Roles.Contains);
}
