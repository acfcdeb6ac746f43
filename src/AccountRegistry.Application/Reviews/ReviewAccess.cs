using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// Who may work the review queue. Only the cyberspace office (Reviewer) and administrators decide; clerks and leaders
/// never do, whatever page or endpoint they reach. Every handler checks this itself: the menu hiding a page is
/// only a convenience.
/// </summary>
public static class ReviewAccess
{
    public static bool MayReview(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Meets(Policies.District);
    }

    /// <summary>The what-if counts are for leadership too: they decide nothing.</summary>
    public static bool MayPreview(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Meets(Policies.DistrictAndLeaders);
    }

    public static void EnsureMayReview(UserScope scope)
    {
        if (!MayReview(scope))
        {
            throw new UnauthorizedAccessException($"{scope.UserName} may not review or decide flagged accounts: that is for reviewers and administrators.");
        }
    }

    public static void EnsureMayPreview(UserScope scope)
    {
        if (!MayPreview(scope))
        {
            throw new UnauthorizedAccessException($"{scope.UserName} may not see the what-if counts.");
        }
    }
}
